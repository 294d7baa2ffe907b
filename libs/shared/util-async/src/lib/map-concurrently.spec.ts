import { mapConcurrently } from './map-concurrently';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('keeps the items order whatever order the tasks finish in', async () => {
    // Prepare: each task finishes when the test says, in the order 3, 1, 2, 0
    const finish: Array<() => void> = [];
    const finished: number[] = [];
    const run = mapConcurrently(['a', 'b', 'c', 'd'], 4, async (item, index) => {
      await new Promise<void>((resolve) => (finish[index] = resolve));
      finished.push(index);
      return `${index}:${item}`;
    });

    // Act
    for (const index of [3, 1, 2, 0]) {
      finish[index]?.();
      await tick(0);
    }

    // Assess
    expect(finished).toEqual([3, 1, 2, 0]);
    await expect(run).resolves.toEqual(['0:a', '1:b', '2:c', '3:d']);
  });

  it('never has more than `concurrency` tasks in flight, and uses all of them', async () => {
    let inFlight = 0;
    let peak = 0;
    await mapConcurrently(Array.from({ length: 20 }, (_, i) => i), 3, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(2);
      inFlight--;
    });
    expect(peak).toBe(3);
  });

  it('returns an empty array for no items without calling the task', async () => {
    const task = jest.fn(async () => 1);
    await expect(mapConcurrently([], 5, task)).resolves.toEqual([]);
    expect(task).not.toHaveBeenCalled();
  });

  it('rejects with the first error and starts no further tasks', async () => {
    const started: number[] = [];
    const settled: Array<Promise<unknown>> = [];
    const run = mapConcurrently([0, 1, 2, 3, 4, 5], 2, (item) => {
      started.push(item);
      const task = (async () => {
        await tick(1);
        if (item === 1) throw new Error('task 1 failed');
        return item;
      })();
      settled.push(task.catch(() => undefined));
      return task;
    });
    await expect(run).rejects.toThrow('task 1 failed');
    // Only a task that ends can start another: once every started one has ended (and the loop has had a turn), none can.
    await Promise.all(settled);
    await tick(0);
    expect(started).toEqual([0, 1, 2]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a concurrency of %p', async (concurrency) => {
    await expect(mapConcurrently([1], concurrency, async (x) => x)).rejects.toThrow(RangeError);
  });
});
