import type { Order } from './order';
import type { OrderRepository } from './ports';

/**
 * The order `orderId` when `ownerId` placed it; `undefined` when there is no such order **or**
 * someone else placed it. The two cases are deliberately the same, so a caller cannot learn that
 * another customer's order id exists.
 *
 * @example
 * const order = await readOwnOrder(orderId, 'alice', { orders }); // undefined for bob's orders
 */
export async function readOwnOrder(orderId: string, ownerId: string, { orders }: { readonly orders: OrderRepository }): Promise<Order | undefined> {
  const order = await orders.get(orderId);
  return order?.ownerId === ownerId ? order : undefined;
}
