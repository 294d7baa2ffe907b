export {
  IdempotencyKeyReusedError,
  InsufficientStockError,
  OrdersError,
  OrderValidationError,
  TransactionConflictError,
} from './lib/errors';
export { IdempotencyNamespace, idempotencyKeySchema, orderIdentity, requestFingerprint } from './lib/idempotency';
export type { OrderIdempotencyScope, OrderIdentity, OrderRequestContent } from './lib/idempotency';
export { MAX_ORDER_QUANTITY, orderIdSchema, orderQuantitySchema, orderSchema, OrderStatus, ownerIdSchema, parseOrder } from './lib/order';
export type { Order } from './lib/order';
export { placeOrder } from './lib/place-order';
export { readOwnOrder } from './lib/read-own-order';
export type { PlaceOrderDependencies, PlaceOrderRequest, PlaceOrderResult } from './lib/place-order';
export type { OrderPlacement, OrderRepository, PlacementOutcome } from './lib/ports';
