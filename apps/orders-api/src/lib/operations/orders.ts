import { ErrorCode } from '@shop/orders-api-contract';
import { InsufficientStockError, placeOrder as placeOrderUseCase } from '@shop/orders-domain';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { HttpError } from '../http/http-error';
import { MetricName, type OperationHandler } from '../services';

/**
 * `POST /orders`: 201 with the new order; 200 with the first order when the Idempotency-Key and
 * body repeat an earlier request (stock was decremented once).
 */
export const placeOrder: OperationHandler<'placeOrder'> = async ({ headers, body }, { orders, metrics, now }) => {
  const idempotencyKey = headers['Idempotency-Key'];
  try {
    const { order, replayed } = await placeOrderUseCase(
      { productId: body.productId, quantity: body.quantity, ...(idempotencyKey !== undefined && { idempotencyKey }) },
      { orders, now },
    );
    const location = { location: `/orders/${encodeURIComponent(order.orderId)}` };
    if (replayed) return { status: 200, body: order, headers: { ...location, 'idempotent-replayed': 'true' } };
    metrics.addMetric(MetricName.OrdersPlaced, MetricUnit.Count, 1);
    return { status: 201, body: order, headers: location };
  } catch (error) {
    if (error instanceof InsufficientStockError) metrics.addMetric(MetricName.OutOfStock, MetricUnit.Count, 1);
    throw error;
  }
};

/** `GET /orders/{orderId}`. */
export const getOrder: OperationHandler<'getOrder'> = async ({ path }, { orders }) => {
  const order = await orders.get(path.orderId);
  if (!order) throw new HttpError(ErrorCode.OrderNotFound, `Order ${JSON.stringify(path.orderId)} does not exist`);
  return { body: order };
};
