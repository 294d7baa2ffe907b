export { createDocumentClient } from './lib/client';
export { backoffDelayMs, DEFAULT_TRANSACTION_RETRY_POLICY, transactionRetryPolicy, waitBeforeRetry } from './lib/backoff';
export type { TransactionRetryOptions, TransactionRetryPolicy } from './lib/backoff';
export { decodePageToken, encodePageToken, InvalidPageTokenError } from './lib/page-token';
export { CancellationCode, cancellationReasons, isOnlyTransactionConflict } from './lib/transaction-cancellation';
export { isTemporaryCapacityError } from './lib/capacity-errors';
export { TransactionRunner } from './lib/transaction-runner';
export type { CancelledTransaction } from './lib/transaction-runner';
export type { ItemCancellation } from './lib/transaction-cancellation';
