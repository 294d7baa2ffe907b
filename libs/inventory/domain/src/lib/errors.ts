/** Base class of the inventory domain's errors. */
export class InventoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InventoryError';
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending attribute, e.g. `stock`. */
  readonly path: string;
  readonly message: string;
}

/** A product (or other domain value) is missing attributes or has ill-typed ones. */
export class ProductValidationError extends InventoryError {
  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly subject = 'product',
  ) {
    super(`Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ProductValidationError';
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
