import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectBody, expectError } from '../support/shop-api';

describe('idempotent order replay', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('returns the first order for a repeated Idempotency-Key and decrements stock once', async () => {
    const { api } = stack;
    // Prepare
    const productId = `replay#${randomUUID()}`;
    const key = randomUUID();
    await api.putProduct(productId, { stock: 10, reorderThreshold: 2, amountToReplenish: 5 });

    // Act
    const first = await api.order({ productId, quantity: 3 }, key);
    const replays = await Promise.all(Array.from({ length: 5 }, () => api.order({ productId, quantity: 3 }, key)));
    const reused = await api.order({ productId, quantity: 4 }, key);

    // Assess
    const order = expectBody(first, 201, orderSchema);
    expect(first.headers.get('location')).toBe(`/orders/${order.orderId}`);
    for (const replay of replays) {
      expect(expectBody(replay, 200, orderSchema)).toEqual(order);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    }
    expectError(reused, 422, ErrorCode.IdempotencyKeyReused);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 7 });
  });

  it('replays an order even after the stock has run out since', async () => {
    const { api } = stack;
    // Prepare
    const productId = `replay#${randomUUID()}`;
    const key = randomUUID();
    await api.putProduct(productId, { stock: 2, reorderThreshold: 0, amountToReplenish: 5 });
    const order = await api.placeOrder({ productId, quantity: 2 }, key);

    // Act
    const replay = await api.order({ productId, quantity: 2 }, key);
    const fresh = await api.order({ productId, quantity: 2 }, randomUUID());

    // Assess
    expect(expectBody(replay, 200, orderSchema)).toEqual(order);
    expectError(fresh, 409, ErrorCode.InsufficientStock);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 0 });
  });
});
