import { InternalServerError, ProvisionedThroughputExceededException, ResourceNotFoundException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  PageLimitError,
  ProductNotFoundError,
  ProductValidationError,
  QuantityLimitError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
  ReplenishmentValidationError,
  TimestampValidationError,
} from '@shop/inventory-domain';
import { IdempotencyKeyReusedError, InsufficientStockError, OrderValidationError, TransactionConflictError } from '@shop/orders-domain';
import { toHttpError } from './error-mapping';
import { HttpError } from './http/http-error';

describe('toHttpError', () => {
  it.each([
    [new ProductNotFoundError('p#1'), 404, 'PRODUCT_NOT_FOUND'],
    [new InsufficientStockError('p#1', 5, 2), 409, 'INSUFFICIENT_STOCK'],
    [new IdempotencyKeyReusedError('k1', 'o1'), 422, 'IDEMPOTENCY_KEY_REUSED'],
    [new ReplenishmentNotFoundError('r1'), 404, 'REPLENISHMENT_NOT_FOUND'],
    [new ReplenishmentAlreadyReceivedError('r1'), 409, 'ALREADY_RECEIVED'],
    [new TransactionConflictError('p#1', 5), 503, 'SERVICE_UNAVAILABLE'],
    [new ProvisionedThroughputExceededException({ message: 'x', $metadata: {} }), 503, 'SERVICE_UNAVAILABLE'],
    [new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }), 503, 'SERVICE_UNAVAILABLE'],
    [new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'ThrottlingError' }] }), 503, 'SERVICE_UNAVAILABLE'],
  ])('maps %p to %d %s', (error, status, code) => {
    // Act
    const mapped = toHttpError(error);

    // Assess
    expect(mapped).toMatchObject({ status, code });
    expect(mapped?.cause).toBe(error);
  });

  it('tells the client when to retry a 503', () => {
    expect(toHttpError(new TransactionConflictError('p#1', 5))?.extras.headers).toEqual({ 'retry-after': '1' });
  });

  it('keeps an HttpError as it is', () => {
    const error = new HttpError('ROUTE_NOT_FOUND', 'No route');
    expect(toHttpError(error)).toBe(error);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a missing table', new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} })],
    ['a stored item that fails the model', new ProductValidationError([{ path: 'stock', message: 'Expected number' }])],
    ['a stored order that fails the model', new OrderValidationError([{ path: 'quantity', message: 'Expected number' }])],
    ['a stored replenishment order that fails the model', new ReplenishmentValidationError([{ path: 'status', message: 'Invalid option' }])],
    // The contract validates limits and timestamps first: one reaching a repository is a bug.
    ['a page limit the contract should have refused', new PageLimitError(0, 100)],
    ['a timestamp the contract should have refused', new TimestampValidationError([{ path: 'receivedAt', message: 'Invalid ISO datetime' }])],
    // Stock near 2^53 is no state a shop reaches: a receipt that would pass it is looked into, not retried.
    ['a receipt that would pass the largest stock', new QuantityLimitError('stock', 'Adding 30 would exceed the largest stock')],
    ['a thrown string', 'boom'],
  ])('treats %s as a fault (500, decided by the caller)', (_, error) => {
    expect(toHttpError(error)).toBeUndefined();
  });
});
