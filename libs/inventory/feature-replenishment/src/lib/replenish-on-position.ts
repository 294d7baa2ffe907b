import { replenishmentAmountFor, replenishmentIdFor, ReplenishmentStatus, type ProductReplenisher, type ReplenishmentOrder } from '@shop/inventory-domain';
import type { ProductChange } from './product-change';

/** What the consumer decided for one product change. */
export const ReplenishmentDecision = {
  /** An order was made and `onOrder` raised by it. */
  Created: 'created',
  /** The record's own image shows the position at or above the threshold (or a removal): nothing sent. */
  Covered: 'covered',
  /** The image was no longer current (the transaction's version condition failed): the product's later record decides. */
  Superseded: 'superseded',
  /** A later record of the same product in the batch decides for this one. */
  Coalesced: 'coalesced',
} as const;
export type ReplenishmentDecision = (typeof ReplenishmentDecision)[keyof typeof ReplenishmentDecision];

export type ReplenishmentOutcome =
  | { readonly decision: Exclude<ReplenishmentDecision, typeof ReplenishmentDecision.Created> }
  | { readonly decision: typeof ReplenishmentDecision.Created; readonly order: ReplenishmentOrder };

/**
 * The use case: keep every product's inventory position at or above its reorder threshold
 * ({@link replenishmentAmountFor} is the one authority), deciding from the record's image alone.
 *
 * The image (NewImage) carries all the decision needs: stock, on order, threshold, lot and the
 * version it is at. When it shows the position at or above the threshold there is nothing to do
 * and nothing is sent (most sales, and the consumer's own `onOrder` writes). Otherwise the order
 * the policy asks for at that state is committed in one transaction, only if the product is still
 * at the image's version, with an id derived from it: every decider of the same state makes the
 * same order and only one gets through. When the product has moved on, the image is stale and
 * nothing is written: whatever moved the version wrote a later record of the product, which
 * decides from a later state (and a write of the consumer's own, which the mapping's filter drops,
 * leaves the position covered by construction). So a shortfall costs exactly one request, and a
 * stale image one failed condition, never an order.
 *
 * Errors (writes, a malformed image) propagate: the record fails and is retried.
 *
 * @example
 * const outcome = await new ReplenishOnPosition(replenisher).handle(decodeProductChange(record));
 */
export class ReplenishOnPosition {
  constructor(
    private readonly replenisher: ProductReplenisher,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** True when the record's own image already shows nothing can be due (no request needed). */
  static isCovered(change: ProductChange): boolean {
    return change.after === undefined || replenishmentAmountFor(change.after) === 0;
  }

  async handle(change: ProductChange): Promise<ReplenishmentOutcome> {
    const seen = change.after;
    const amountToReplenish = seen === undefined ? 0 : replenishmentAmountFor(seen);
    if (seen === undefined || amountToReplenish === 0) return { decision: ReplenishmentDecision.Covered };
    const order = {
      replenishmentId: replenishmentIdFor(change.productId, seen.version),
      productId: change.productId,
      amountToReplenish,
      status: ReplenishmentStatus.Pending,
      createdAt: this.clock().toISOString(),
      productVersion: seen.version,
    };
    return (await this.replenisher.orderOnce(order)) === 'created'
      ? { decision: ReplenishmentDecision.Created, order }
      : { decision: ReplenishmentDecision.Superseded };
  }
}
