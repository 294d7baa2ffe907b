import { parseReplenishmentOrder, type ReplenishmentOrder } from '@shop/inventory-domain';
import { ReplenishmentAttribute } from './attributes';
import type { Item } from './product-item';

/**
 * The Replenishment table item of an order. The source record is stored flat
 * (`sourceEventId`, `sourceSequenceNumber`) so it can be read in a projection or a filter.
 *
 * @example
 * new PutCommand({ TableName, Item: toReplenishmentItem(order) });
 */
export function toReplenishmentItem(order: ReplenishmentOrder): Item {
  return {
    [ReplenishmentAttribute.ReplenishmentId]: order.replenishmentId,
    [ReplenishmentAttribute.ProductId]: order.productId,
    [ReplenishmentAttribute.AmountToReplenish]: order.amountToReplenish,
    [ReplenishmentAttribute.Status]: order.status,
    [ReplenishmentAttribute.CreatedAt]: order.createdAt,
    [ReplenishmentAttribute.SourceEventId]: order.source.eventID,
    [ReplenishmentAttribute.SourceSequenceNumber]: order.source.sequenceNumber,
    ...(order.receivedAt !== undefined && { [ReplenishmentAttribute.ReceivedAt]: order.receivedAt }),
  };
}

/**
 * The order a Replenishment table item holds. Throws `ProductValidationError` (subject
 * `replenishment order`) when an attribute is missing or ill-typed.
 *
 * @example
 * const order = fromReplenishmentItem(output.Item);
 */
export function fromReplenishmentItem(item: Item): ReplenishmentOrder {
  return parseReplenishmentOrder({
    replenishmentId: item[ReplenishmentAttribute.ReplenishmentId],
    productId: item[ReplenishmentAttribute.ProductId],
    amountToReplenish: item[ReplenishmentAttribute.AmountToReplenish],
    status: item[ReplenishmentAttribute.Status],
    createdAt: item[ReplenishmentAttribute.CreatedAt],
    source: {
      eventID: item[ReplenishmentAttribute.SourceEventId],
      sequenceNumber: item[ReplenishmentAttribute.SourceSequenceNumber],
    },
    ...(item[ReplenishmentAttribute.ReceivedAt] !== undefined && { receivedAt: item[ReplenishmentAttribute.ReceivedAt] }),
  });
}
