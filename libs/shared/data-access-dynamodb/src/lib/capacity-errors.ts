import { CancellationCode, cancellationReasons, isOnlyTransactionConflict } from './transaction-cancellation';

/** SDK error names that mean "DynamoDB is busy": the request did nothing and may be sent again later. */
const CAPACITY_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);

const CAPACITY_CANCELLATION_CODES: ReadonlySet<string> = new Set([
  CancellationCode.ThrottlingError,
  CancellationCode.ProvisionedThroughputExceeded,
]);

/**
 * True when a DynamoDB call failed only because the table was busy (throttling, exhausted
 * capacity, or a transaction that kept conflicting): nothing was written and the same request may
 * succeed later. An API maps these to 503 with Retry-After rather than 500. The SDK has already
 * retried throttling with its own backoff by the time such an error surfaces.
 *
 * @example
 * if (isTemporaryCapacityError(error)) return serviceUnavailable({ retryAfterSeconds: 1 });
 */
export function isTemporaryCapacityError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (CAPACITY_ERROR_NAMES.has(error.name)) return true;
  const reasons = cancellationReasons(error);
  if (!reasons) return false;
  return isOnlyTransactionConflict(reasons) || reasons.some((r) => CAPACITY_CANCELLATION_CODES.has(r.code));
}
