import {
  crossesBelowThreshold,
  replenishmentIdFor,
  ReplenishmentStatus,
  type ReplenishmentOrder,
  type ReplenishmentWriter,
} from '@shop/inventory-domain';
import type { ProductChange } from './product-change';

/** What the consumer decided for one product change. */
export const ReplenishmentDecision = { Created: 'created', Duplicate: 'duplicate', NoCrossing: 'no-crossing' } as const;
export type ReplenishmentDecision = (typeof ReplenishmentDecision)[keyof typeof ReplenishmentDecision];

export type ReplenishmentOutcome =
  | { readonly decision: typeof ReplenishmentDecision.NoCrossing }
  | { readonly decision: typeof ReplenishmentDecision.Created | typeof ReplenishmentDecision.Duplicate; readonly order: ReplenishmentOrder };

/**
 * The use case: when a change crosses below the reorder threshold, write exactly one
 * replenishment order for it. The order's id is derived from the stream record, and the writer
 * puts it only if absent, so a redelivered record is a `duplicate` (already done), not a second
 * order. Write errors propagate: the record fails and is retried.
 *
 * @example
 * const outcome = await new ReplenishOnCrossing(writer).handle(decodeProductChange(record));
 */
export class ReplenishOnCrossing {
  constructor(
    private readonly writer: ReplenishmentWriter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(change: ProductChange): Promise<ReplenishmentOutcome> {
    if (!change.after || !crossesBelowThreshold(change.before, change.after)) {
      return { decision: ReplenishmentDecision.NoCrossing };
    }
    const order: ReplenishmentOrder = {
      replenishmentId: replenishmentIdFor(change.productId, change.source),
      productId: change.productId,
      amountToReplenish: change.after.amountToReplenish,
      status: ReplenishmentStatus.Pending,
      createdAt: this.clock().toISOString(),
      source: change.source,
    };
    const written = await this.writer.createOnce(order);
    return { decision: written === 'created' ? ReplenishmentDecision.Created : ReplenishmentDecision.Duplicate, order };
  }
}
