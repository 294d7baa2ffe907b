/**
 * A counting semaphore: at most `limit` tasks run at once, the others wait and start in arrival
 * order as slots free up. A task's failure frees its slot and reaches only its own caller.
 *
 * @example
 * const writes = new Slots(16);
 * await Promise.all(orders.map((order) => writes.run(() => repository.save(order))));
 */
export class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  /** Throws `RangeError` unless `limit` is a positive integer. */
  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    this.#free = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
