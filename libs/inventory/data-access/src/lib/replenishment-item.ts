import { parseReplenishmentOrder, ReplenishmentStatus, type ReplenishmentOrder } from '@shop/inventory-domain';
import { ReplenishmentAttribute } from './attributes';
import type { Item } from './product-item';

/**
 * The Replenishment table item of an order. A PENDING order also carries `openStatus`, the key of
 * the sparse index of open orders; receiving or cancelling it removes that attribute.
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
    ...(order.status === ReplenishmentStatus.Pending && { [ReplenishmentAttribute.OpenStatus]: ReplenishmentStatus.Pending }),
    ...(order.productVersion !== undefined && { [ReplenishmentAttribute.ProductVersion]: order.productVersion }),
    ...(order.receivedAt !== undefined && { [ReplenishmentAttribute.ReceivedAt]: order.receivedAt }),
    ...(order.cancelledAt !== undefined && { [ReplenishmentAttribute.CancelledAt]: order.cancelledAt }),
  };
}

/**
 * The order a Replenishment table item holds. Attributes of earlier item versions (the stream
 * record an order was once derived from) are ignored. Throws `ProductValidationError` (subject
 * `replenishment order`) when an attribute is missing or ill-typed.
 *
 * @example
 * const order = fromReplenishmentItem(output.Item);
 */
export function fromReplenishmentItem(item: Item): ReplenishmentOrder {
  const optional = (attribute: ReplenishmentAttribute, key: 'productVersion' | 'receivedAt' | 'cancelledAt') =>
    item[attribute] !== undefined && { [key]: item[attribute] };
  return parseReplenishmentOrder({
    replenishmentId: item[ReplenishmentAttribute.ReplenishmentId],
    productId: item[ReplenishmentAttribute.ProductId],
    amountToReplenish: item[ReplenishmentAttribute.AmountToReplenish],
    status: item[ReplenishmentAttribute.Status],
    createdAt: item[ReplenishmentAttribute.CreatedAt],
    ...optional(ReplenishmentAttribute.ProductVersion, 'productVersion'),
    ...optional(ReplenishmentAttribute.ReceivedAt, 'receivedAt'),
    ...optional(ReplenishmentAttribute.CancelledAt, 'cancelledAt'),
  });
}
