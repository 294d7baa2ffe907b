import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectBody, expectError } from '../support/shop-api';

describe('out of stock', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('refuses an order larger than the stock, changes nothing, and stores no order', async () => {
    const { api } = stack;
    // Prepare
    const productId = `short#${randomUUID()}`;
    const key = randomUUID();
    await api.putProduct(productId, { stock: 3, reorderThreshold: 1, amountToReplenish: 10 });

    // Act
    const tooMany = await api.order({ productId, quantity: 4 }, key);
    const stockAfterRefusal = (await api.getProduct(productId)).stock;
    const all = await api.placeOrder({ productId, quantity: 3 });
    const oneMore = await api.order({ productId, quantity: 1 });
    await api.putProduct(productId, { stock: 4, reorderThreshold: 1, amountToReplenish: 10 });
    // The refused order left nothing behind: its key places a new order now, not a replay.
    const retried = await api.order({ productId, quantity: 4 }, key);

    // Assess
    const refusal = expectError(tooMany, 409, ErrorCode.InsufficientStock);
    expect(refusal.message).toContain('nothing was ordered');
    expect(stockAfterRefusal).toBe(3);
    expect(all.quantity).toBe(3);
    expectError(oneMore, 409, ErrorCode.InsufficientStock);
    expect(expectBody(retried, 201, orderSchema)).toMatchObject({ productId, quantity: 4 });
    expect(await api.getProduct(productId)).toMatchObject({ stock: 0 });
  });
});
