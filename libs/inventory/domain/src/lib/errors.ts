import { describeIssue, type ValidationIssue } from '@shop/shared-util-schema';

/** Base class of the inventory domain's errors. */
export class InventoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InventoryError';
  }
}

/**
 * A value the inventory domain was given is missing attributes or has ill-typed ones: the base of
 * the validation errors below, each named by what it validates, listing every problem at once.
 */
export class InventoryValidationError extends InventoryError {
  constructor(
    readonly issues: readonly ValidationIssue[],
    /** What was validated, as the message names it: `product`, `inventory level`, `product id`, … */
    readonly subject: string,
  ) {
    super(`Invalid ${subject}: ${issues.map((issue) => describeIssue(issue)).join('; ')}`);
    this.name = 'InventoryValidationError';
  }
}

/** A product, its id or its inventory level (stock, on order, threshold, lot) fails the model. */
export class ProductValidationError extends InventoryValidationError {
  constructor(issues: readonly ValidationIssue[], subject: 'product' | 'product id' | 'inventory level' = 'product') {
    super(issues, subject);
    this.name = 'ProductValidationError';
  }
}

/** A replenishment order or its id fails the model. */
export class ReplenishmentValidationError extends InventoryValidationError {
  constructor(issues: readonly ValidationIssue[], subject: 'replenishment order' | 'replenishment id' = 'replenishment order') {
    super(issues, subject);
    this.name = 'ReplenishmentValidationError';
  }
}

/** A timestamp (e.g. `receivedAt`) that is not an ISO-8601 UTC instant. */
export class TimestampValidationError extends InventoryValidationError {
  constructor(issues: readonly ValidationIssue[]) {
    super(issues, 'timestamp');
    this.name = 'TimestampValidationError';
  }
}

/** A page size outside 1 to `PageSize.Max`. */
export class PageLimitError extends InventoryValidationError {
  constructor(readonly limit: number, max: number) {
    super([{ path: 'limit', message: `expected an integer from 1 to ${max}, got ${limit}` }], 'page request');
    this.name = 'PageLimitError';
  }
}

/**
 * A quantity would pass `MAX_QUANTITY` (DynamoDB's numbers are exact, JavaScript's only to 2^53):
 * a receipt that would take the stock past it, or an order that would have to be larger. Nothing
 * was written.
 */
export class QuantityLimitError extends InventoryError {
  constructor(
    /** The attribute that would pass the limit: `stock` for a receipt, `amountToReplenish` for an order. */
    readonly attribute: 'stock' | 'amountToReplenish',
    message: string,
  ) {
    super(message);
    this.name = 'QuantityLimitError';
  }
}

export class ProductNotFoundError extends InventoryError {
  constructor(readonly productId: string) {
    super(`Product ${JSON.stringify(productId)} does not exist`);
    this.name = 'ProductNotFoundError';
  }
}

export class ReplenishmentNotFoundError extends InventoryError {
  constructor(readonly replenishmentId: string) {
    super(`Replenishment order ${JSON.stringify(replenishmentId)} does not exist`);
    this.name = 'ReplenishmentNotFoundError';
  }
}

/** A replenishment order that is no longer PENDING cannot be received or cancelled. */
export class ReplenishmentNotPendingError extends InventoryError {
  constructor(
    readonly replenishmentId: string,
    readonly status: string,
  ) {
    super(`Replenishment order ${JSON.stringify(replenishmentId)} is ${status}, no longer PENDING`);
    this.name = 'ReplenishmentNotPendingError';
  }
}

/** The order was already received: receiving (or cancelling) it again would change nothing. */
export class ReplenishmentAlreadyReceivedError extends ReplenishmentNotPendingError {
  constructor(replenishmentId: string) {
    super(replenishmentId, 'RECEIVED');
    this.message = `Replenishment order ${JSON.stringify(replenishmentId)} was already received`;
    this.name = 'ReplenishmentAlreadyReceivedError';
  }
}

/**
 * An order already exists under the id of a new decision although the product is still at the
 * version that decision was made from: the product was deleted and created again, restarting its
 * version. Nothing is written; the record fails so that the collision is seen, not skipped.
 */
export class ReplenishmentIdCollisionError extends InventoryError {
  constructor(
    readonly replenishmentId: string,
    readonly productId: string,
    readonly productVersion: number,
  ) {
    super(
      `Replenishment order ${JSON.stringify(replenishmentId)} already exists for product ${JSON.stringify(productId)} ` +
        `at version ${productVersion}, which has not moved on (was the product deleted and created again?)`,
    );
    this.name = 'ReplenishmentIdCollisionError';
  }
}
