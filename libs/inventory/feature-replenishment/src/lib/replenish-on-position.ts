import {
  replenishmentAmountFor,
  replenishmentIdFor,
  ReplenishmentStatus,
  type ProductReplenisher,
  type ReplenishmentOrder,
} from '@shop/inventory-domain';
import type { ProductChange } from './product-change';

/** What the consumer decided for one product change. */
export const ReplenishmentDecision = {
  /** An order was made and `onOrder` raised by it. */
  Created: 'created',
  /** The record's own image shows the position at or above the threshold (or a removal): nothing read. */
  Covered: 'covered',
  /** The product as it is now needs nothing (already on order, restocked, or gone). */
  NotNeeded: 'not-needed',
  /** The product kept moving while deciding: a later record of it decides. */
  Superseded: 'superseded',
} as const;
export type ReplenishmentDecision = (typeof ReplenishmentDecision)[keyof typeof ReplenishmentDecision];

export type ReplenishmentOutcome =
  | { readonly decision: Exclude<ReplenishmentDecision, typeof ReplenishmentDecision.Created> }
  | { readonly decision: typeof ReplenishmentDecision.Created; readonly order: ReplenishmentOrder };

/** Default number of read-and-decide rounds per record before leaving it to the product's later record. */
export const DEFAULT_MAX_DECISIONS = 3;

/**
 * The use case: keep every product's inventory position at or above its reorder threshold
 * ({@link replenishmentAmountFor} is the one authority).
 *
 * A stream record only says *that* a product changed. When its image shows the position at or
 * above the threshold, there is nothing to do and nothing is read (most sales, and the consumer's
 * own `onOrder` writes). Otherwise the product is read as it is now and the policy applied to
 * that; an order is committed only if the product is still at the version it was read at, with an
 * id derived from that version, so every decider of the same state makes the same order and only
 * one gets through. When the product moved on in between, it is read and decided again, up to
 * `maxDecisions` times; after that the record is done: the write that moved the product has its
 * own, later record, which decides from a later state.
 *
 * Errors (reads, writes, a malformed product) propagate: the record fails and is retried.
 *
 * @example
 * const outcome = await new ReplenishOnPosition(replenisher).handle(decodeProductChange(record));
 */
export class ReplenishOnPosition {
  constructor(
    private readonly replenisher: ProductReplenisher,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxDecisions: number = DEFAULT_MAX_DECISIONS,
  ) {
    if (!Number.isInteger(maxDecisions) || maxDecisions < 1) throw new RangeError(`maxDecisions must be a positive integer, got ${maxDecisions}`);
  }

  /** True when the record's own image already shows nothing can be due (no read needed). */
  static isCovered(change: ProductChange): boolean {
    return change.after === undefined || replenishmentAmountFor(change.after) === 0;
  }

  async handle(change: ProductChange): Promise<ReplenishmentOutcome> {
    if (ReplenishOnPosition.isCovered(change)) return { decision: ReplenishmentDecision.Covered };
    for (let round = 1; round <= this.maxDecisions; round++) {
      const product = await this.replenisher.current(change.productId);
      if (!product) return { decision: ReplenishmentDecision.NotNeeded };
      const amountToReplenish = replenishmentAmountFor(product);
      if (amountToReplenish === 0) return { decision: ReplenishmentDecision.NotNeeded };
      const order = {
        replenishmentId: replenishmentIdFor(product.productId, product.version),
        productId: product.productId,
        amountToReplenish,
        status: ReplenishmentStatus.Pending,
        createdAt: this.clock().toISOString(),
        productVersion: product.version,
      };
      if ((await this.replenisher.orderOnce(order)) === 'created') return { decision: ReplenishmentDecision.Created, order };
    }
    return { decision: ReplenishmentDecision.Superseded };
  }
}
