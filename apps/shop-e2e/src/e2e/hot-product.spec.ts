import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectBody, expectError } from '../support/shop-api';

describe('a hot product', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('sells exactly its stock of 100 to 500 concurrent orders of 1, never below zero, and orders exactly what its position needs', async () => {
    const { api } = stack;
    // Prepare
    const productId = `hot#${randomUUID()}`;
    await api.putProduct(productId, { stock: 100, reorderThreshold: 20, amountToReplenish: 100 });

    // Act: all 500 requests in flight at once
    const responses = await Promise.all(Array.from({ length: 500 }, () => api.order({ productId, quantity: 1 })));
    await stack.barrier();

    // Assess
    const statuses = responses.reduce<Record<number, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});
    expect(statuses).toEqual({ 201: 100, 409: 400 });
    const accepted = responses.filter((r) => r.status === 201).map((r) => expectBody(r, 201, orderSchema));
    for (const refused of responses.filter((r) => r.status === 409)) expectError(refused, 409, ErrorCode.InsufficientStock);
    expect(new Set(accepted.map((order) => order.orderId)).size).toBe(100);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 0 });
    const stored = await Promise.all(accepted.map(async (order) => (await api.getOrder(order.orderId)).body));
    expect(stored).toEqual(accepted);
    // Stock 0, threshold 20, lots of 100: one lot brings the position to 100, and one is all it may take.
    const { items } = await api.listReplenishments(productId);
    expect(items).toEqual([expect.objectContaining({ productId, amountToReplenish: 100, status: 'PENDING' })]);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 0, onOrder: 100, inventoryPosition: 100 });
  });
});
