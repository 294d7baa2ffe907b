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

export class ReplenishmentAlreadyReceivedError extends InventoryError {
  constructor(readonly replenishmentId: string) {
    super(`Replenishment order ${JSON.stringify(replenishmentId)} was already received`);
    this.name = 'ReplenishmentAlreadyReceivedError';
  }
}
