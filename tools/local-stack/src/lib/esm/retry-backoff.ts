/**
 * The longest pause between two tries of something that keeps failing: a shard read, a failed
 * batch, a checkpoint write. Long enough that ten retries outlast a DynamoDB Local restart.
 */
export const MAX_RETRY_DELAY_MS = 5_000;

/**
 * Exponential backoff: `baseMs` before the first retry, doubling with each one, capped at
 * {@link MAX_RETRY_DELAY_MS}. AWS documents how many times a failed stream batch is retried
 * (MaximumRetryAttempts, MaximumRecordAgeInSeconds) but not when; the emulator backs off so that
 * a short outage of what the function depends on costs a few retries, not the whole budget: with
 * the default 250 ms poll interval, ten retries span about 33 s (100 ms: 26 s).
 *
 * @example
 * backoffDelay(250, 1); // 250
 * backoffDelay(250, 3); // 1000
 * backoffDelay(250, 10); // 5000
 */
export function backoffDelay(baseMs: number, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}
