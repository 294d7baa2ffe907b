import { NAMED_SCHEMAS } from '@shop/orders-api-contract';
import { orderIdentity } from '@shop/orders-domain';
import { jsonBody, TRUSTED_CALLER } from './support/http-event';
import { productBody, startTestApi, type TestApi } from './support/api';

/** Every product and order route, through the Lambda handler, against DynamoDB Local. */
describe('orders API: products and orders', () => {
  let api: TestApi;
  const stockOf = async (encodedId: string): Promise<unknown> => jsonBody(await api.call('GET', `/products/${encodedId}`))['stock'];
  const order = (productId: string, quantity: number, idempotencyKey?: string) =>
    api.call('POST', '/orders', { body: { productId, quantity }, ...(idempotencyKey && { headers: { 'idempotency-key': idempotencyKey } }) });

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  describe('PUT and GET /products/{productId}', () => {
    it('creates, reads and replaces a product whose id arrives percent-encoded', async () => {
      // Act
      const created = await api.call('PUT', '/products/p%231234', { body: productBody({ name: 'Mug' }) });
      const read = await api.call('GET', '/products/p%231234');
      const replaced = await api.call('PUT', '/products/p%231234', { body: productBody({ stock: 7 }) });

      // Assess
      expect(created.statusCode).toBe(200);
      const body = productBody({ name: 'Mug' });
      expect(jsonBody(created)).toEqual({ productId: 'p#1234', ...body, onOrder: 0, inventoryPosition: body.stock });
      expect(jsonBody(read)).toEqual(jsonBody(created));
      expect(NAMED_SCHEMAS.Product.safeParse(jsonBody(read)).success).toBe(true);
      expect(jsonBody(replaced)).toEqual({ productId: 'p#1234', ...productBody({ stock: 7 }), onOrder: 0, inventoryPosition: 7 });
      expect(await stockOf('p%231234')).toBe(7);
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
      const response = await api.call('GET', '/products/p%23nope');
      expect(response.statusCode).toBe(404);
      expect(jsonBody(response)).toEqual({ error: { code: 'PRODUCT_NOT_FOUND', message: 'Product "p#nope" does not exist' } });
    });

    it('answers 400 VALIDATION_FAILED with details, and writes nothing', async () => {
      // Act
      const response = await api.call('PUT', '/products/p%23bad', { body: { stock: -1, reorderThreshold: 1.5, productId: 'p#bad' } });

      // Assess
      expect(response.statusCode).toBe(400);
      const { error } = jsonBody<{ error: { code: string; details: Array<{ in: string; path: string }> } }>(response);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((d) => `${d.in}:${d.path}`).sort()).toEqual(['body:', 'body:amountToReplenish', 'body:reorderThreshold', 'body:stock']);
      expect((await api.call('GET', '/products/p%23bad')).statusCode).toBe(404);
    });
  });

  describe('POST /orders and GET /orders/{orderId}', () => {
    it('places an order: 201, stock decremented, readable by its Location', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23order', { body: productBody({ stock: 10 }) });

      // Act
      const response = await order('p#order', 3);

      // Assess
      expect(response.statusCode).toBe(201);
      const placed = jsonBody(response);
      expect(placed).toEqual({ orderId: expect.any(String), productId: 'p#order', quantity: 3, status: 'PLACED', createdAt: expect.any(String), ownerId: TRUSTED_CALLER.sub });
      expect(NAMED_SCHEMAS.Order.safeParse(placed).success).toBe(true);
      expect(response.headers['location']).toBe(`/orders/${placed['orderId']}`);
      expect(await stockOf('p%23order')).toBe(7);
      const read = await api.call('GET', response.headers['location'] as string);
      expect(read.statusCode).toBe(200);
      expect(jsonBody(read)).toEqual(placed);
    });

    it('answers 409 INSUFFICIENT_STOCK and writes nothing', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23short', { body: productBody({ stock: 2 }) });

      // Act
      const response = await order('p#short', 3, 'short-1');

      // Assess
      expect(response.statusCode).toBe(409);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
      expect(await stockOf('p%23short')).toBe(2);
      expect((await api.call('GET', `/orders/${orderIdentity({ ownerId: TRUSTED_CALLER.sub, idempotencyKey: 'short-1' }).orderId}`)).statusCode).toBe(404);
      expect(api.recording.metricTotals()['OutOfStock']).toBeGreaterThanOrEqual(1);
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
      const response = await order('p#ghost', 1);
      expect(response.statusCode).toBe(404);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });

    it.each([
      ['quantity 0', { productId: 'p#1', quantity: 0 }, {}],
      ['quantity 10001', { productId: 'p#1', quantity: 10_001 }, {}],
      ['a missing product id', { quantity: 1 }, {}],
      ['a malformed Idempotency-Key', { productId: 'p#1', quantity: 1 }, { 'idempotency-key': 'x'.repeat(65) }],
    ])('answers 400 VALIDATION_FAILED for %s, counted as an invalid order', async (_, body, headers) => {
      const invalidBefore = api.recording.metricTotals()['InvalidOrders'] ?? 0;
      const response = await api.call('POST', '/orders', { body, headers });
      expect(response.statusCode).toBe(400);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.any(Array) });
      expect((api.recording.metricTotals()['InvalidOrders'] ?? 0) - invalidBefore).toBe(1);
    });

    it('replays the same Idempotency-Key and body: 200, the same order, one decrement', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23replay', { body: productBody({ stock: 10 }) });
      const first = await order('p#replay', 4, 'checkout-replay');

      // Act
      const replays = await Promise.all([order('p#replay', 4, 'checkout-replay'), order('p#replay', 4, 'checkout-replay')]);

      // Assess
      expect(first.statusCode).toBe(201);
      for (const replay of replays) {
        expect(replay.statusCode).toBe(200);
        expect(jsonBody(replay)).toEqual(jsonBody(first));
        expect(replay.headers['idempotent-replayed']).toBe('true');
      }
      expect(await stockOf('p%23replay')).toBe(6);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, and writes nothing', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23reuse', { body: productBody({ stock: 10 }) });
      await order('p#reuse', 1, 'checkout-reuse');

      // Act
      const response = await order('p#reuse', 2, 'checkout-reuse');

      // Assess
      expect(response.statusCode).toBe(422);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await stockOf('p%23reuse')).toBe(9);
    });

    it('sells exactly the stock under 300 concurrent orders: 100 × 201, 200 × 409, stock 0', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23rush', { body: productBody({ stock: 100, reorderThreshold: 10 }) });
      const placedBefore = api.recording.metricTotals()['OrdersPlaced'] ?? 0;

      // Act
      const responses = await Promise.all(Array.from({ length: 300 }, () => order('p#rush', 1)));

      // Assess
      const byStatus = responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
      expect(byStatus).toEqual({ 201: 100, 409: 200 });
      expect(await stockOf('p%23rush')).toBe(0);
      expect(new Set(responses.filter((r) => r.statusCode === 201).map((r) => jsonBody(r)['orderId'])).size).toBe(100);
      expect((api.recording.metricTotals()['OrdersPlaced'] ?? 0) - placedBefore).toBe(100);
    }, 30_000);

    it('answers 404 ORDER_NOT_FOUND for an unknown or malformed order id', async () => {
      for (const id of [orderIdentity({ ownerId: TRUSTED_CALLER.sub, idempotencyKey: 'never-used' }).orderId, 'not-a-uuid', 'p%231234']) {
        const response = await api.call('GET', `/orders/${id}`);
        expect(response.statusCode).toBe(404);
        expect(jsonBody(response)['error']).toMatchObject({ code: 'ORDER_NOT_FOUND' });
      }
    });
  });
});
