import { mapConcurrently } from './map-concurrently';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('keeps the items order whatever order the tasks finish in', async () => {
    const results = await mapConcurrently([30, 10, 20, 0], 4, async (ms, index) => {
      await tick(ms);
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:10', '2:20', '3:0']);
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
    const run = mapConcurrently([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick(1);
      if (item === 1) throw new Error('task 1 failed');
      return item;
    });
    await expect(run).rejects.toThrow('task 1 failed');
    await tick(10);
    expect(started).toEqual([0, 1, 2]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a concurrency of %p', async (concurrency) => {
    await expect(mapConcurrently([1], concurrency, async (x) => x)).rejects.toThrow(RangeError);
  });
});
