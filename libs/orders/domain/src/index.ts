export {
  IdempotencyKeyReusedError,
  InsufficientStockError,
  OrdersError,
  OrderValidationError,
  TransactionConflictError,
} from './lib/errors';
export { idempotencyKeySchema, orderIdentity, requestFingerprint } from './lib/idempotency';
export { orderIdSchema, orderQuantitySchema, orderSchema, OrderStatus, parseOrder } from './lib/order';
export type { Order } from './lib/order';
export { placeOrder } from './lib/place-order';
export { readOwnOrder } from './lib/read-own-order';
export type { PlaceOrderDependencies, PlaceOrderRequest, PlaceOrderResult } from './lib/place-order';
export type { OrderPlacement, OrderRepository, PlacementOutcome } from './lib/ports';
