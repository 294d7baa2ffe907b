import { OrdersTable } from '@shop/shared-table-design';

/**
 * Attribute names of an order item in the Orders table. The key name comes from the shared table
 * design; together with the mapper this is the only place the names are spelled.
 *
 * @example
 * new GetCommand({ TableName, Key: { [OrderAttribute.OrderId]: orderId } });
 */
export const OrderAttribute = {
  OrderId: OrdersTable.partitionKey.name,
  ProductId: 'productId',
  Quantity: 'quantity',
  Status: 'status',
  CreatedAt: 'createdAt',
  /** Who placed the order: the `sub` of their token. */
  OwnerId: 'ownerId',
  /** SHA-256 of the request content, to tell a replay from a reused Idempotency-Key. */
  RequestFingerprint: 'requestFingerprint',
  /** The Idempotency-Key the order was placed with, if any (for support and audits). */
  IdempotencyKey: 'idempotencyKey',
} as const;
export type OrderAttribute = (typeof OrderAttribute)[keyof typeof OrderAttribute];
