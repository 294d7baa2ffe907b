import { Slots } from './slots';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slots', () => {
  it('runs at most limit tasks at once and starts the waiting ones in arrival order', async () => {
    // Prepare
    const slots = new Slots(2);
    const started: number[] = [];
    const running = { now: 0, most: 0 };

    // Act
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        slots.run(async () => {
          started.push(i);
          running.most = Math.max(running.most, ++running.now);
          await tick(5);
          running.now--;
        }),
      ),
    );

    // Assess
    expect(running.most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the slot of a failed task and hands the failure to its caller only', async () => {
    // Prepare
    const slots = new Slots(1);

    // Act
    const failed = slots.run(() => Promise.reject(new Error('boom')));
    const next = slots.run(() => Promise.resolve('ran'));

    // Assess
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %p', (limit) => {
    // Act / Assess
    expect(() => new Slots(limit)).toThrow(RangeError);
  });
});
