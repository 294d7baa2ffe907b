import { closedLoop, openLoop } from './load';

describe('openLoop', () => {
  it('starts every operation, in order, without waiting for earlier ones to finish', async () => {
    // Prepare: operations that finish only when the test lets them, after all have started
    const started: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));

    // Act: 1,000/s for 10 operations, each waiting for the gate
    const run = openLoop({ ratePerSecond: 1000, count: 10 }, async (i) => {
      started.push(i);
      if (started.length === 10) release();
      await gate;
      return i;
    });
    const { results, maxStartLagMs } = await run;

    // Assess: the tenth started while the first nine were still waiting (else the gate never opens)
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxStartLagMs).toBeGreaterThanOrEqual(0);
  });
});

describe('openLoop with a signal', () => {
  it('starts no operation once the signal is aborted, and returns the started ones', async () => {
    // Prepare: the third operation aborts the run
    const controller = new AbortController();
    const started: number[] = [];

    // Act
    const { results } = await openLoop({ ratePerSecond: 1000, count: 10, signal: controller.signal }, async (i) => {
      started.push(i);
      if (i === 2) controller.abort();
      return i;
    });

    // Assess
    expect(started).toEqual([0, 1, 2]);
    expect(results).toEqual([0, 1, 2]);
  });
});

describe('closedLoop', () => {
  it('keeps `concurrency` operations in flight and records one latency per measured operation', async () => {
    // Prepare
    let inFlight = 0;
    let maxInFlight = 0;
    const operation = async (): Promise<void> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
    };

    // Act
    const result = await closedLoop({ concurrency: 4, durationMs: 200, warmupMs: 20 }, operation);

    // Assess: never more than 4 at once, and the rate is the count over the measured span
    expect(maxInFlight).toBe(4);
    expect(result.completed).toBe(result.latenciesMs.length);
    expect(result.completed).toBeGreaterThan(0);
    expect(result.throughput).toBeCloseTo((result.completed * 1000) / result.elapsedMs, 5);
  });
});
