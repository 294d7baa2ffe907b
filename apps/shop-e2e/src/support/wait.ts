import { readFileSync } from 'node:fs';
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

/** Whether a process is alive: it exists (signal 0) and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; Z is a zombie (dead, not yet reaped by its parent).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs: signal 0 is all we can know
  }
}
