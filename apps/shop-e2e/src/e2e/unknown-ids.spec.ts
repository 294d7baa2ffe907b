import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@shop/orders-api-contract';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectError } from '../support/shop-api';

describe('unknown ids', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('answers 404 with the contract error for each kind of unknown id, and creates nothing', async () => {
    const { api } = stack;
    // Prepare
    const productId = `ghost#${randomUUID()}`;

    // Act
    const product = await api.json('GET', `/products/${encodeURIComponent(productId)}`);
    const replenishments = await api.json('GET', `/products/${encodeURIComponent(productId)}/replenishments`);
    const order = await api.order({ productId, quantity: 1 }, randomUUID());
    const storedOrder = await api.getOrder(randomUUID());
    const notAnOrderId = await api.getOrder('not-an-order-id');
    const receipt = await api.receive(randomUUID());
    const route = await api.json('DELETE', `/products/${encodeURIComponent(productId)}`);
    const productAfterwards = await api.json('GET', `/products/${encodeURIComponent(productId)}`);

    // Assess
    expectError(product, 404, ErrorCode.ProductNotFound);
    expectError(replenishments, 404, ErrorCode.ProductNotFound);
    expectError(order, 404, ErrorCode.ProductNotFound);
    expectError(storedOrder, 404, ErrorCode.OrderNotFound);
    expectError(notAnOrderId, 404, ErrorCode.OrderNotFound);
    expectError(receipt, 404, ErrorCode.ReplenishmentNotFound);
    // No route: API Gateway's own answer, before any function runs.
    expect({ status: route.status, body: route.body }).toEqual({ status: 404, body: { message: 'Not Found' } });
    expectError(productAfterwards, 404, ErrorCode.ProductNotFound);
  });
});
