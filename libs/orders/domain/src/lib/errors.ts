import { describeIssue, type ValidationIssue } from '@shop/shared-util-schema';

/** Base class of the orders domain's errors. */
export class OrdersError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrdersError';
  }
}

/** An order (or a value that makes one) is missing attributes or has ill-typed ones. */
export class OrderValidationError extends OrdersError {
  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly subject = 'order',
  ) {
    super(`Invalid ${subject}: ${issues.map((issue) => describeIssue(issue)).join('; ')}`);
    this.name = 'OrderValidationError';
  }
}

/** The product has fewer units in stock than the order asks for; nothing was written. */
export class InsufficientStockError extends OrdersError {
  constructor(
    readonly productId: string,
    readonly requested: number,
    /** Stock when the transaction was cancelled (it may change right after). */
    readonly available: number | undefined,
  ) {
    super(
      `Product ${JSON.stringify(productId)} has ${available ?? 'too few'} units in stock; the order asks for ${requested}`,
    );
    this.name = 'InsufficientStockError';
  }
}

/** An Idempotency-Key was sent again with a different request than the one it first placed. */
export class IdempotencyKeyReusedError extends OrdersError {
  constructor(
    readonly idempotencyKey: string,
    /** The order the key placed first. */
    readonly orderId: string,
  ) {
    super(`Idempotency-Key ${JSON.stringify(idempotencyKey)} was already used for a different request (order ${orderId})`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * The order transaction kept losing races with concurrent transactions on the same items and the
 * bounded retries ran out. Nothing was written; the caller may retry later.
 */
export class TransactionConflictError extends OrdersError {
  constructor(
    readonly productId: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`The order for product ${JSON.stringify(productId)} conflicted with concurrent transactions ${attempts} times`, options);
    this.name = 'TransactionConflictError';
  }
}
