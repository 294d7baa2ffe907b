import { WaitTimeoutError } from './errors';

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `condition` until it returns something truthy, and returns that; throws
 * {@link WaitTimeoutError} after `timeoutMs`.
 *
 * @example
 * const [replenishment] = await waitUntil(async () => (await api.listReplenishments(id)).items.length > 0 && …, 'a replenishment');
 */
export async function waitUntil<T>(condition: () => T | Promise<T>, description: string, timeoutMs = 20_000, intervalMs = 50): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await condition();
    if (last) return last as Truthy<T>;
    if (Date.now() > deadline) throw new WaitTimeoutError(description, timeoutMs, last);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
