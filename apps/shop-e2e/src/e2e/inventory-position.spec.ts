import { randomUUID } from 'node:crypto';
import type { ReplenishmentOrder } from '@shop/inventory-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import type { ShopApi } from '../support/shop-api';
import { waitUntil } from '../support/wait';

/** The product's PENDING orders once there are `count` of them (the consumer runs asynchronously). */
const pendingOrders = (api: ShopApi, productId: string, count: number, description: string): Promise<ReplenishmentOrder[]> =>
  waitUntil(async () => {
    const pending = (await api.listReplenishments(productId)).items.filter((r) => r.status === 'PENDING');
    return pending.length >= count && pending;
  }, description);

describe('reordering on the inventory position', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('never leaves a product stuck: a sale deep below the threshold is ordered, and so is the next one after a receipt', async () => {
    const { api } = stack;
    // Prepare
    const productId = `stuck#${randomUUID()}`;
    await api.putProduct(productId, { stock: 51, reorderThreshold: 50, amountToReplenish: 30 });

    // Act: an order of 40 takes the stock to 11
    await api.placeOrder({ productId, quantity: 40 });
    const [first] = await pendingOrders(api, productId, 1, 'the order for stock 11');
    await stack.barrier();
    const afterFirst = await api.getProduct(productId);
    const received = await api.receiveReplenishment((first as ReplenishmentOrder).replenishmentId);
    // …then an order of 41 takes it from 71 to 30
    await api.placeOrder({ productId, quantity: 41 });
    const second = await waitUntil(
      async () => (await api.listReplenishments(productId)).items.find((r) => r.status === 'PENDING' && r.replenishmentId !== first?.replenishmentId),
      'the order for stock 30',
    );
    await stack.barrier();

    // Assess
    expect(first).toMatchObject({ amountToReplenish: 60, status: 'PENDING' });
    expect(afterFirst).toMatchObject({ stock: 11, onOrder: 60, inventoryPosition: 71 });
    expect(received).toMatchObject({ status: 'RECEIVED', stock: 71, onOrder: 0, inventoryPosition: 71 });
    expect(second).toMatchObject({ amountToReplenish: 30, status: 'PENDING' });
    expect(await api.getProduct(productId)).toMatchObject({ stock: 30, onOrder: 30, inventoryPosition: 60 });
    const { items } = await api.listReplenishments(productId);
    expect(items.map((r) => [r.status, r.amountToReplenish])).toEqual([
      ['PENDING', 30],
      ['RECEIVED', 60],
    ]);
    expect(await api.listPending()).toEqual(expect.arrayContaining([expect.objectContaining({ replenishmentId: second.replenishmentId })]));
  });

  it('replaces a cancelled delivery with a new order', async () => {
    const { api } = stack;
    // Prepare
    const productId = `cancelled#${randomUUID()}`;
    await api.putProduct(productId, { stock: 51, reorderThreshold: 50, amountToReplenish: 30 });
    await api.placeOrder({ productId, quantity: 2 });
    const [lost] = await pendingOrders(api, productId, 1, 'the first order');

    // Act
    const cancelled = await api.cancelReplenishment((lost as ReplenishmentOrder).replenishmentId);
    const replacement = await waitUntil(
      async () => (await api.listReplenishments(productId)).items.find((r) => r.status === 'PENDING' && r.replenishmentId !== lost?.replenishmentId),
      'the replacement order',
    );
    await stack.barrier();

    // Assess
    expect(cancelled).toMatchObject({ status: 'CANCELLED', stock: 49, onOrder: 0, inventoryPosition: 49 });
    expect(replacement).toMatchObject({ amountToReplenish: 30 });
    expect(await api.getProduct(productId)).toMatchObject({ stock: 49, onOrder: 30, inventoryPosition: 79 });
    expect((await api.listReplenishments(productId)).items.map((r) => r.status)).toEqual(['PENDING', 'CANCELLED']);
  });

  it('sells exactly 100 of 200 concurrent orders of 1, and orders exactly 60: the one multiple of 30 a final stock of 0 allows', async () => {
    const { api } = stack;
    // Prepare
    const productId = `rush#${randomUUID()}`;
    await api.putProduct(productId, { stock: 100, reorderThreshold: 50, amountToReplenish: 30 });

    // Act
    const responses = await Promise.all(Array.from({ length: 200 }, () => api.order({ productId, quantity: 1 })));
    await stack.barrier();

    // Assess: position 0 + onOrder must land in [50, 80)
    expect(responses.filter((r) => r.status === 201)).toHaveLength(100);
    const { items } = await api.listReplenishments(productId);
    const pending = items.filter((r) => r.status === 'PENDING');
    expect(pending.reduce((sum, r) => sum + r.amountToReplenish, 0)).toBe(60);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 0, onOrder: 60, inventoryPosition: 60 });
  });
});
