/** Fixtures for tests of code that uses the orders domain. Not part of the production API. */
import { OrderStatus, type Order } from './lib/order';

/** A placed order of 2 units of p#1234 (the product of `seedProduct()`), owned by alice. */
export const placedOrder = (overrides: Partial<Order> = {}): Order => ({
  orderId: '0190b3d2-7c1e-7a3b-9f00-123456789abc',
  productId: 'p#1234',
  quantity: 2,
  status: OrderStatus.Placed,
  createdAt: '2026-01-31T12:00:00.000Z',
  ownerId: 'alice',
  ...overrides,
});
