import { OrderValidationError, parseOrder, type Order, type OrderPlacement } from '@shop/orders-domain';
import { OrderAttribute } from './attributes';

/** A DynamoDB item as the document client reads and writes it (native JavaScript values). */
export type Item = Record<string, unknown>;

/** An order as stored, with the fingerprint of the request that placed it. */
export interface StoredOrder {
  readonly order: Order;
  readonly requestFingerprint: string;
}

/**
 * The Orders table item of an order placement.
 *
 * @example
 * new PutCommand({ TableName, Item: toOrderItem(placement) });
 */
export function toOrderItem(placement: OrderPlacement): Item {
  const { order } = placement;
  return {
    [OrderAttribute.OrderId]: order.orderId,
    [OrderAttribute.ProductId]: order.productId,
    [OrderAttribute.Quantity]: order.quantity,
    [OrderAttribute.Status]: order.status,
    [OrderAttribute.CreatedAt]: order.createdAt,
    [OrderAttribute.OwnerId]: order.ownerId,
    [OrderAttribute.RequestFingerprint]: placement.requestFingerprint,
    ...(placement.idempotencyKey !== undefined && { [OrderAttribute.IdempotencyKey]: placement.idempotencyKey }),
  };
}

/**
 * The order an Orders table item holds. Attributes the mapper does not know are ignored; missing
 * or ill-typed ones throw `OrderValidationError` listing every problem.
 *
 * @example
 * const { order, requestFingerprint } = fromOrderItem(output.Item);
 */
export function fromOrderItem(item: Item): StoredOrder {
  const fingerprint = item[OrderAttribute.RequestFingerprint];
  const order = parseOrder({
    orderId: item[OrderAttribute.OrderId],
    productId: item[OrderAttribute.ProductId],
    quantity: item[OrderAttribute.Quantity],
    status: item[OrderAttribute.Status],
    createdAt: item[OrderAttribute.CreatedAt],
    ownerId: item[OrderAttribute.OwnerId],
  });
  if (typeof fingerprint !== 'string' || fingerprint.length === 0) {
    throw new OrderValidationError([{ path: OrderAttribute.RequestFingerprint, message: 'expected a non-empty string' }], 'order item');
  }
  return { order, requestFingerprint: fingerprint };
}
