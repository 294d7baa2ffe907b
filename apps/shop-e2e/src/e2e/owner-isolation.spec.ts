/**
 * Orders belong to the token's subject: another customer cannot read them (404, exactly like an
 * unknown id), and Idempotency-Keys are scoped per owner, so two customers who pick the same key
 * get two orders.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, Role } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectBody, expectError } from '../support/shop-api';

describe('owner isolation', () => {
  let stack: E2eStack;
  let productId: string;
  beforeAll(async () => {
    stack = connectToE2eStack();
    productId = `owners#${randomUUID()}`;
    await stack.api.as({ role: Role.BackOffice }).putProduct(productId, { stock: 100, reorderThreshold: 1, amountToReplenish: 5 });
  });
  afterAll(() => stack.close());

  it('answers 404 to bob for alice\'s order, exactly as for an unknown id, and 200 to alice', async () => {
    // Prepare
    const alice = stack.api.as({ role: Role.Customer, subject: `alice-${randomUUID()}` });
    const bob = stack.api.as({ role: Role.Customer, subject: `bob-${randomUUID()}` });
    const order = await alice.placeOrder({ productId, quantity: 1 }, randomUUID());

    // Act
    const byAlice = await alice.getOrder(order.orderId);
    const byBob = await bob.getOrder(order.orderId);
    const unknown = await bob.getOrder(randomUUID());

    // Assess
    expect(expectBody(byAlice, 200, orderSchema)).toEqual(order);
    expectError(byBob, 404, ErrorCode.OrderNotFound);
    expect(byBob.body).toEqual({ ...(unknown.body as object), error: { ...(unknown.body as { error: object }).error, message: expect.any(String) } });
  });

  it('makes two orders when alice and bob send the same Idempotency-Key, and replays each one\'s own', async () => {
    // Prepare
    const key = randomUUID();
    const alice = stack.api.as({ role: Role.Customer, subject: `alice-${randomUUID()}` });
    const bob = stack.api.as({ role: Role.Customer, subject: `bob-${randomUUID()}` });
    const before = await stack.api.getProduct(productId);

    // Act
    const aliceOrder = await alice.placeOrder({ productId, quantity: 2 }, key);
    const bobOrder = await bob.placeOrder({ productId, quantity: 3 }, key);
    const aliceReplay = await alice.order({ productId, quantity: 2 }, key);

    // Assess
    expect(bobOrder.orderId).not.toBe(aliceOrder.orderId);
    expect([aliceOrder.quantity, bobOrder.quantity]).toEqual([2, 3]);
    expect(expectBody(aliceReplay, 200, orderSchema).orderId).toBe(aliceOrder.orderId);
    expect((await stack.api.getProduct(productId)).stock).toBe(before.stock - 5);
  });
});
