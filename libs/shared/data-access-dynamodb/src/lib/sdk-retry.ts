import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** How many times, and how far apart, the SDK sends one DynamoDB request that met a retryable error. */
export interface SdkRetryPolicy {
  /** Attempts in all, the first included (the SDK's standard mode: 3). */
  readonly maxAttempts: number;
  /** Upper bound of the wait before the first retry in ms; it doubles per retry. */
  readonly baseDelayMs: number;
  /** Cap of any single wait in ms. */
  readonly maxDelayMs: number;
}

/** A call that needed more than one attempt (see `createDocumentClient`'s `onRetriedCall`). */
export interface RetriedCall {
  /** `TransactWriteItems`, `GetItem`, … */
  readonly operation: string;
  readonly attempts: number;
  /** Time spent waiting between the attempts. */
  readonly retryDelayMs: number;
  /** `undefined` when the last attempt succeeded; else the error the call failed with (`ProvisionedThroughputExceededException`, …). */
  readonly errorName: string | undefined;
}

type RetryStrategy = NonNullable<DynamoDBClientConfig['retryStrategy']>;
type RetryErrorType = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';

/** The SDK's own retries of the DynamoDB errors its standard mode retries: throttling, 500/502/503/504, timeouts and dropped connections. */
const RETRYABLE: ReadonlySet<RetryErrorType> = new Set(['THROTTLING', 'TRANSIENT']);

/**
 * The SDK's retry strategy with a deliberate bound: the standard mode's choice of what to retry
 * (throttling, 5xx, network errors; never a cancelled transaction or a failed condition), but
 * `maxAttempts` and full-jitter waits from `[0, min(maxDelayMs, baseDelayMs · 2^retry))` chosen per
 * function, so the worst case of one call is known and fits the function's timeout. There is no
 * retry quota: a Lambda container serves one invocation at a time, and the function's own bound
 * (its attempts and timeout) is what stops a storm.
 *
 * @example
 * new DynamoDBClient({ retryStrategy: boundedRetryStrategy({ maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 }) });
 */
export function boundedRetryStrategy(policy: SdkRetryPolicy, random: () => number = Math.random): RetryStrategy {
  const token = (retryCount: number, retryDelay: number) => ({ getRetryCount: () => retryCount, getRetryDelay: () => retryDelay });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, errorInfo: { errorType: RetryErrorType; error?: unknown }) => {
      const retries = previous.getRetryCount();
      if (!RETRYABLE.has(errorInfo.errorType) || retries + 1 >= policy.maxAttempts) throw errorInfo.error ?? new Error('not retried');
      return token(retries + 1, Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retries)));
    },
    recordSuccess: () => undefined,
  } as RetryStrategy;
}

/** The longest one call can wait between its attempts under `policy` (its worst case, for a timeout budget). */
export function worstRetryDelayMs(policy: SdkRetryPolicy): number {
  let total = 0;
  for (let retry = 0; retry < policy.maxAttempts - 1; retry++) total += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return total;
}
