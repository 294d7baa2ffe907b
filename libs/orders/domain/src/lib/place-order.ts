import { IdempotencyKeyReusedError } from './errors';
import { orderIdentity, requestFingerprint, type OrderRequestContent } from './idempotency';
import { OrderStatus, parseOrder, type Order } from './order';
import type { OrderRepository } from './ports';

/** A request to place an order, as validated at the edge. */
export interface PlaceOrderRequest extends OrderRequestContent {
  readonly idempotencyKey?: string;
}

/** A placed order, and whether this call replayed an earlier placement instead of placing it. */
export interface PlaceOrderResult {
  readonly order: Order;
  readonly replayed: boolean;
}

export interface PlaceOrderDependencies {
  readonly orders: OrderRepository;
  readonly now?: () => Date;
}

/**
 * Places an order: stock is decremented and the order written in one transaction. With an
 * Idempotency-Key, repeating the same request returns the first order (`replayed: true`) and
 * decrements nothing; the same key with a different request is refused.
 *
 * @throws OrderValidationError, ProductNotFoundError, InsufficientStockError,
 *   IdempotencyKeyReusedError, TransactionConflictError
 * @example
 * const { order, replayed } = await placeOrder({ productId: 'p#1234', quantity: 2, idempotencyKey: 'checkout-42' }, { orders });
 */
export async function placeOrder(request: PlaceOrderRequest, { orders, now = () => new Date() }: PlaceOrderDependencies): Promise<PlaceOrderResult> {
  const placedAt = now();
  const { orderId, clientRequestToken } = orderIdentity(request.idempotencyKey, placedAt);
  const order = parseOrder({
    orderId,
    productId: request.productId,
    quantity: request.quantity,
    status: OrderStatus.Placed,
    createdAt: placedAt.toISOString(),
  });
  const fingerprint = requestFingerprint(order);

  const outcome = await orders.place({
    order,
    clientRequestToken,
    requestFingerprint: fingerprint,
    ...(request.idempotencyKey !== undefined && { idempotencyKey: request.idempotencyKey }),
  });
  if (outcome.status === 'placed') return { order: outcome.order, replayed: false };
  if (outcome.requestFingerprint === fingerprint) return { order: outcome.order, replayed: true };
  throw new IdempotencyKeyReusedError(request.idempotencyKey ?? orderId, outcome.order.orderId);
}
