import { placedOrder } from '../testing';
import type { Order } from './order';
import type { OrderRepository } from './ports';
import { readOwnOrder } from './read-own-order';

const aliceOrder = placedOrder();

/** Reads only: readOwnOrder never places anything. */
const ordersHolding = (...stored: Order[]): OrderRepository => ({
  place: () => Promise.reject(new Error('readOwnOrder must not place orders')),
  get: async (orderId) => stored.find((order) => order.orderId === orderId),
});

describe('readOwnOrder', () => {
  it("returns the owner's own order", async () => {
    // Act
    const order = await readOwnOrder(aliceOrder.orderId, 'alice', { orders: ordersHolding(aliceOrder) });

    // Assess
    expect(order).toEqual(aliceOrder);
  });

  it("answers another owner's order exactly like an order that does not exist", async () => {
    // Prepare
    const orders = ordersHolding(aliceOrder);

    // Act
    const asBob = await readOwnOrder(aliceOrder.orderId, 'bob', { orders });
    const unknown = await readOwnOrder('0190b3d2-7c1e-7a3b-9f00-000000000000', 'bob', { orders });

    // Assess
    expect(asBob).toBeUndefined();
    expect(unknown).toBeUndefined();
  });
});
