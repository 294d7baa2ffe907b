import { ProductNotFoundError, ReplenishmentAlreadyReceivedError, ReplenishmentNotFoundError, ReplenishmentNotPendingError } from '@shop/inventory-domain';
import { ErrorCode, IssueLocation, RETRY_AFTER_SECONDS } from '@shop/orders-api-contract';
import { InvalidPageTokenError, isDynamoDbServerError, isTemporaryCapacityError } from '@shop/shared-data-access-dynamodb';
import { IdempotencyKeyReusedError, InsufficientStockError, TransactionConflictError } from '@shop/orders-domain';
import { HttpError } from './http/http-error';

const retryLater = { 'retry-after': String(RETRY_AFTER_SECONDS) };

/**
 * The one place errors become HTTP answers. Returns `undefined` for a genuine fault (a bug, a
 * misconfiguration, a malformed stored item): the caller answers 500 with a correlation id and
 * logs the error, so no internal message ever reaches a client.
 */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof ProductNotFoundError) {
    return new HttpError(ErrorCode.ProductNotFound, `Product ${JSON.stringify(error.productId)} does not exist`, { cause: error });
  }
  if (error instanceof InsufficientStockError) {
    return new HttpError(
      ErrorCode.InsufficientStock,
      `Product ${JSON.stringify(error.productId)} has too few units in stock for an order of ${error.requested}; nothing was ordered`,
      { cause: error },
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpError(
      ErrorCode.IdempotencyKeyReused,
      'This Idempotency-Key was already used with a different request body; use a new key for a new order',
      { cause: error },
    );
  }
  if (error instanceof ReplenishmentNotFoundError) {
    return new HttpError(ErrorCode.ReplenishmentNotFound, `Replenishment ${JSON.stringify(error.replenishmentId)} does not exist`, {
      cause: error,
    });
  }
  if (error instanceof ReplenishmentAlreadyReceivedError) {
    return new HttpError(
      ErrorCode.AlreadyReceived,
      `Replenishment ${JSON.stringify(error.replenishmentId)} was already received; stock was not changed`,
      { cause: error },
    );
  }
  if (error instanceof ReplenishmentNotPendingError) {
    return new HttpError(
      ErrorCode.NotPending,
      `Replenishment ${JSON.stringify(error.replenishmentId)} is ${error.status}, no longer PENDING; nothing was changed`,
      { cause: error },
    );
  }
  if (error instanceof InvalidPageTokenError) {
    return new HttpError(ErrorCode.ValidationFailed, 'The request is invalid; see details', {
      details: [{ in: IssueLocation.Query, path: 'nextToken', message: error.reason }],
      cause: error,
    });
  }
  if (error instanceof TransactionConflictError || isTemporaryCapacityError(error)) {
    return new HttpError(ErrorCode.ServiceUnavailable, 'The service is busy; nothing was changed. Retry after the Retry-After delay', {
      headers: retryLater,
      cause: error,
    });
  }
  // A write that met DynamoDB's own 5xx may or may not have been applied: the client is told to
  // retry with the same Idempotency-Key, which returns the order if it was placed.
  if (isDynamoDbServerError(error)) {
    return new HttpError(
      ErrorCode.ServiceUnavailable,
      'The service is briefly unavailable. Retry after the Retry-After delay with the same Idempotency-Key: an order is never placed twice',
      { headers: retryLater, cause: error },
    );
  }
  return undefined;
}
