import { ErrorCode } from '@shop/orders-api-contract';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectError } from '../support/shop-api';
import { waitUntil } from '../support/wait';

describe('a shortfall replenished once: stock 51, threshold 50, an order of 2, a replenishment of 30', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('orders p#1234 below its threshold, replenishes it exactly once, receives it, and the stock is back', async () => {
    const { api } = stack;
    // Prepare
    const productId = 'p#1234';
    const created = await api.putProduct(productId, { stock: 51, reorderThreshold: 50, amountToReplenish: 30 });

    // Act
    const order = await api.placeOrder({ productId, quantity: 2 });
    const afterOrder = await api.getProduct(productId);
    const [replenishment] = await waitUntil(async () => {
      const { items } = await api.listReplenishments(productId);
      return items.length > 0 && items;
    }, 'the replenishment order of p#1234');
    if (!replenishment) throw new Error('unreachable: waitUntil returned an empty list');
    const received = await api.receiveReplenishment(replenishment.replenishmentId);
    const again = await api.receive(replenishment.replenishmentId);
    await stack.barrier();

    // Assess
    expect(created).toEqual({ productId, stock: 51, reorderThreshold: 50, amountToReplenish: 30, onOrder: 0, inventoryPosition: 51 });
    expect(order).toMatchObject({ productId, quantity: 2, status: 'PLACED' });
    expect(afterOrder.stock).toBe(49);
    expect(replenishment).toMatchObject({ productId, amountToReplenish: 30, status: 'PENDING' });
    expect(received).toMatchObject({ replenishmentId: replenishment.replenishmentId, status: 'RECEIVED', stock: 79, onOrder: 0, inventoryPosition: 79 });
    expect(expectError(again, 409, ErrorCode.AlreadyReceived).message).toContain('already received');
    expect(await api.getProduct(productId)).toMatchObject({ stock: 79, onOrder: 0, inventoryPosition: 79 });
    // Receiving moved 30 from on order to stock: the position stayed 79, so still exactly one replenishment.
    expect((await api.listReplenishments(productId)).items).toEqual([{ ...replenishment, status: 'RECEIVED', receivedAt: received.receivedAt }]);
    const fetched = await api.getOrder(order.orderId);
    expect({ status: fetched.status, body: fetched.body }).toEqual({ status: 200, body: order });
  });
});
