import { closedLoop, openLoop } from './load';

describe('openLoop', () => {
  it('starts every operation, in order, at the given rate without waiting for earlier ones', async () => {
    // Prepare
    const startedAt: number[] = [];
    const started = Date.now();

    // Act: 100/s for 10 operations that each take 200 ms
    const { results } = await openLoop({ ratePerSecond: 100, count: 10 }, async (i) => {
      startedAt.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return i;
    });

    // Assess: all ten started within about 90 ms, long before the first one finished
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(startedAt[9]).toBeLessThan(190);
    expect(startedAt[9]).toBeGreaterThanOrEqual(85);
  });
});

describe('closedLoop', () => {
  it('keeps `concurrency` operations in flight and measures only after the warm-up', async () => {
    // Prepare
    let inFlight = 0;
    let maxInFlight = 0;
    const operation = async (): Promise<void> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
    };

    // Act
    const result = await closedLoop({ concurrency: 4, durationMs: 300, warmupMs: 100 }, operation);

    // Assess: 4 workers × ~300 ms / ~20 ms each, warm-up excluded
    expect(maxInFlight).toBe(4);
    expect(result.completed).toBe(result.latenciesMs.length);
    expect(result.completed).toBeGreaterThan(20);
    expect(result.completed).toBeLessThan(70);
    expect(Math.min(...result.latenciesMs)).toBeGreaterThanOrEqual(15);
    expect(result.throughput).toBeCloseTo((result.completed * 1000) / result.elapsedMs, 5);
  });
});
