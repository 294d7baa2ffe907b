import { ErrorCode } from '@shop/orders-api-contract';
import { InsufficientStockError, placeOrder as placeOrderUseCase, readOwnOrder } from '@shop/orders-domain';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { HttpError } from '../http/http-error';
import { OrdersApiMetric } from '@shop/shared-util-lambda';
import type { OperationHandler } from '../services';

/**
 * `POST /orders`: 201 with the new order, owned by the caller; 200 with the first order when the
 * same caller repeats an Idempotency-Key and body (stock was decremented once). Keys are per caller.
 */
export const placeOrder: OperationHandler<'placeOrder'> = async ({ headers, body }, { orders, metrics, now }, caller) => {
  const idempotencyKey = headers['Idempotency-Key'];
  try {
    const { order, replayed } = await placeOrderUseCase(
      { ownerId: caller.subject, productId: body.productId, quantity: body.quantity, ...(idempotencyKey !== undefined && { idempotencyKey }) },
      { orders, now },
    );
    const location = { location: `/orders/${encodeURIComponent(order.orderId)}` };
    if (replayed) return { status: 200, body: order, headers: { ...location, 'idempotent-replayed': 'true' } };
    metrics.addMetric(OrdersApiMetric.OrdersPlaced, MetricUnit.Count, 1);
    return { status: 201, body: order, headers: location };
  } catch (error) {
    if (error instanceof InsufficientStockError) metrics.addMetric(OrdersApiMetric.OutOfStock, MetricUnit.Count, 1);
    throw error;
  }
};

/** `GET /orders/{orderId}`: the caller's own order; another caller's is 404, exactly like an unknown id. */
export const getOrder: OperationHandler<'getOrder'> = async ({ path }, { orders }, caller) => {
  const order = await readOwnOrder(path.orderId, caller.subject, { orders });
  if (!order) throw new HttpError(ErrorCode.OrderNotFound, `Order ${JSON.stringify(path.orderId)} does not exist`);
  return { body: order };
};
