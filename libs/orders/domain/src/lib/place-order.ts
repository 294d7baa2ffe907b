import { IdempotencyKeyReusedError } from './errors';
import { orderIdentity, requestFingerprint, type OrderIdempotencyScope, type OrderRequestContent } from './idempotency';
import { OrderStatus, parseOrder, type Order } from './order';
import type { OrderRepository } from './ports';

/** A request to place an order, as validated at the edge. */
export interface PlaceOrderRequest extends OrderRequestContent, OrderIdempotencyScope {}

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
 * Places an order for its owner: stock is decremented and the order written in one transaction.
 * With an Idempotency-Key, the same owner repeating the same request gets the first order
 * (`replayed: true`) and nothing is decremented; the same key with a different request is refused.
 * Keys are per owner: another owner's identical key places another order.
 *
 * @throws OrderValidationError, ProductNotFoundError, InsufficientStockError,
 *   IdempotencyKeyReusedError, TransactionConflictError
 * @example
 * const { order, replayed } = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'checkout-42' }, { orders });
 */
export async function placeOrder(request: PlaceOrderRequest, { orders, now = () => new Date() }: PlaceOrderDependencies): Promise<PlaceOrderResult> {
  const placedAt = now();
  const { orderId, clientRequestToken } = orderIdentity(request, placedAt);
  const order = parseOrder({
    orderId,
    productId: request.productId,
    quantity: request.quantity,
    status: OrderStatus.Placed,
    createdAt: placedAt.toISOString(),
    ownerId: request.ownerId,
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
