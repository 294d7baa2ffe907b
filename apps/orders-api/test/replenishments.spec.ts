import { DynamoProductReplenisher, DynamoProductRepository } from '@shop/inventory-data-access';
import { replenishmentIdFor, ReplenishmentStatus, type ReplenishmentOrder } from '@shop/inventory-domain';
import { NAMED_SCHEMAS } from '@shop/orders-api-contract';
import { jsonBody } from './support/http-event';
import { productBody, startTestApi, type TestApi } from './support/api';

/** Replenishment routes through the Lambda handler, against DynamoDB Local. */
describe('orders API: replenishments', () => {
  let api: TestApi;
  let replenisher: DynamoProductReplenisher;
  let products: DynamoProductRepository;

  /** Orders `amountToReplenish` for the product as it is now, the way the consumer does (onOrder raised). */
  const order = async (productId: string, createdAt: string, amountToReplenish = 30): Promise<ReplenishmentOrder> => {
    const product = await products.get(productId);
    if (!product) throw new Error(`no product ${productId}`);
    const pending = {
      replenishmentId: replenishmentIdFor(productId, product.version),
      productId,
      amountToReplenish,
      status: ReplenishmentStatus.Pending,
      createdAt,
      productVersion: product.version,
    };
    expect(await replenisher.orderOnce(pending)).toBe('created');
    return pending;
  };
  const productOf = async (encodedId: string) => jsonBody(await api.call('GET', `/products/${encodedId}`));
  const list = async (path: string, query?: Record<string, string>) => {
    const response = await api.call('GET', path, { ...(query && { query }) });
    return { status: response.statusCode, body: jsonBody<{ items: ReplenishmentOrder[]; nextToken?: string; error?: { code: string; details?: unknown[] } }>(response) };
  };

  beforeAll(async () => {
    api = await startTestApi();
    const names = { replenishmentTableName: api.tables.replenishment, productsTableName: api.tables.products };
    replenisher = new DynamoProductReplenisher(api.documentClient, names);
    products = new DynamoProductRepository(api.documentClient, api.tables.products);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('GET /products/{productId}/replenishments', () => {
    it("lists a product's replenishment orders, newest first, and no other product's", async () => {
      // Prepare
      await api.call('PUT', '/products/p%23list', { body: productBody() });
      await api.call('PUT', '/products/p%23other', { body: productBody() });
      const old = await order('p#list', '2026-01-01T00:00:00.000Z');
      const newest = await order('p#list', '2026-03-01T00:00:00.000Z');
      const mid = await order('p#list', '2026-02-01T00:00:00.000Z');
      await order('p#other', '2026-02-15T00:00:00.000Z');

      // Act
      const { status, body } = await list('/products/p%23list/replenishments');

      // Assess
      expect(status).toBe(200);
      expect(body.items.map((i) => i.replenishmentId)).toEqual([newest, mid, old].map((o) => o.replenishmentId));
      expect(body.items[0]).toEqual(newest);
      expect(NAMED_SCHEMAS.ReplenishmentList.safeParse(body).success).toBe(true);
    });

    it('pages with limit and nextToken until the token is gone', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23paged', { body: productBody() });
      for (const day of ['01', '02', '03']) await order('p#paged', `2026-01-${day}T00:00:00.000Z`);

      // Act
      const first = await list('/products/p%23paged/replenishments', { limit: '2' });
      const second = await list('/products/p%23paged/replenishments', { limit: '2', nextToken: first.body.nextToken as string });

      // Assess
      expect(first.body.items.map((o) => o.createdAt)).toEqual(['2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
      expect(second.body.items.map((o) => o.createdAt)).toEqual(['2026-01-01T00:00:00.000Z']);
      expect(second.body.nextToken).toBeUndefined();
    });

    it.each([
      ['limit=0', { limit: '0' }, 'limit'],
      ['limit=101', { limit: '101' }, 'limit'],
      ['limit=ten', { limit: 'ten' }, 'limit'],
      ['a forged nextToken', { nextToken: 'bm90IG91cnM' }, 'nextToken'],
    ])('answers 400 VALIDATION_FAILED for %s', async (_case, query, path) => {
      // Act
      const { status, body } = await list('/products/p%23list/replenishments', query);

      // Assess
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ in: 'query', path })] });
    });

    it('answers an empty list for a product with no replenishments, and 404 for an unknown product', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23none', { body: productBody() });

      // Act
      const empty = await list('/products/p%23none/replenishments');
      const unknown = await list('/products/p%23ghost/replenishments');

      // Assess
      expect([empty.status, empty.body]).toEqual([200, { items: [] }]);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });
  });

  describe('GET /replenishments?status=PENDING', () => {
    it('lists the open orders of every product, oldest first, and nothing received', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23open-a', { body: productBody() });
      await api.call('PUT', '/products/p%23open-b', { body: productBody() });
      const late = await order('p#open-a', '2025-06-02T00:00:00.000Z');
      const early = await order('p#open-b', '2025-06-01T00:00:00.000Z');
      const done = await order('p#open-b', '2025-05-01T00:00:00.000Z');
      await api.call('POST', `/replenishments/${done.replenishmentId}/receive`);

      // Act
      const { status, body } = await list('/replenishments', { status: 'PENDING', limit: '100' });

      // Assess
      expect(status).toBe(200);
      const ids = body.items.map((o) => o.replenishmentId);
      expect(ids.indexOf(early.replenishmentId)).toBeLessThan(ids.indexOf(late.replenishmentId));
      expect(ids).not.toContain(done.replenishmentId);
      expect(body.items.every((o) => o.status === 'PENDING')).toBe(true);
    });

    it('answers 400 without status=PENDING', async () => {
      // Act
      const missing = await list('/replenishments');
      const received = await list('/replenishments', { status: 'RECEIVED' });

      // Assess
      expect([missing.status, received.status]).toEqual([400, 400]);
      expect(received.body.error).toMatchObject({ details: [expect.objectContaining({ in: 'query', path: 'status' })] });
    });
  });

  describe('POST /replenishments/{replenishmentId}/receive and /cancel', () => {
    it('adds the amount to stock, takes it off onOrder and marks the order RECEIVED; a second call is 409 and changes nothing', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23recv', { body: productBody({ stock: 4, amountToReplenish: 30 }) });
      const pending = await order('p#recv', '2026-01-01T00:00:00.000Z', 60);

      // Act
      const first = await api.call('POST', `/replenishments/${pending.replenishmentId}/receive`);
      const second = await api.call('POST', `/replenishments/${pending.replenishmentId}/receive`);

      // Assess
      expect(first.statusCode).toBe(200);
      const received = jsonBody(first);
      expect(received).toMatchObject({ status: 'RECEIVED', stock: 64, onOrder: 0, inventoryPosition: 64, receivedAt: expect.any(String) });
      expect(NAMED_SCHEMAS.SettledReplenishment.safeParse(received).success).toBe(true);
      expect(second.statusCode).toBe(409);
      expect(jsonBody(second)['error']).toMatchObject({ code: 'ALREADY_RECEIVED' });
      expect(await productOf('p%23recv')).toMatchObject({ stock: 64, onOrder: 0, inventoryPosition: 64 });
    });

    it('cancels a PENDING order: onOrder drops, stock stays; cancelling or receiving it again is 409 NOT_PENDING', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23cancel', { body: productBody({ stock: 11 }) });
      const pending = await order('p#cancel', '2026-01-01T00:00:00.000Z', 60);
      expect(await productOf('p%23cancel')).toMatchObject({ stock: 11, onOrder: 60, inventoryPosition: 71 });

      // Act
      const cancelled = await api.call('POST', `/replenishments/${pending.replenishmentId}/cancel`);
      const again = await api.call('POST', `/replenishments/${pending.replenishmentId}/cancel`);
      const receive = await api.call('POST', `/replenishments/${pending.replenishmentId}/receive`);

      // Assess
      expect(cancelled.statusCode).toBe(200);
      expect(jsonBody(cancelled)).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String), stock: 11, onOrder: 0, inventoryPosition: 11 });
      expect([again.statusCode, receive.statusCode]).toEqual([409, 409]);
      expect(jsonBody(again)['error']).toMatchObject({ code: 'NOT_PENDING' });
      expect(await productOf('p%23cancel')).toMatchObject({ stock: 11, onOrder: 0 });
    });

    it('keeps what is on order through a PUT of the product', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23edit', { body: productBody({ stock: 11 }) });
      await order('p#edit', '2026-01-01T00:00:00.000Z', 60);

      // Act
      const response = await api.call('PUT', '/products/p%23edit', { body: productBody({ stock: 20, reorderThreshold: 40 }) });

      // Assess
      expect(jsonBody(response)).toMatchObject({ stock: 20, reorderThreshold: 40, onOrder: 60, inventoryPosition: 80 });
    });

    it('raises stock once when the same order is received concurrently', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23race', { body: productBody({ stock: 0 }) });
      const pending = await order('p#race', '2026-01-01T00:00:00.000Z', 30);

      // Act
      const responses = await Promise.all(Array.from({ length: 5 }, () => api.call('POST', `/replenishments/${pending.replenishmentId}/receive`)));

      // Assess
      expect(await productOf('p%23race')).toMatchObject({ stock: 30, onOrder: 0 });
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses).toContain(200);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    });

    it('answers 404 REPLENISHMENT_NOT_FOUND for an unknown order, on either route', async () => {
      const responses = await Promise.all([api.call('POST', '/replenishments/r-nope/receive'), api.call('POST', '/replenishments/r-nope/cancel')]);
      expect(responses.map((r) => r.statusCode)).toEqual([404, 404]);
      expect(jsonBody(responses[1] as { body: string })['error']).toMatchObject({ code: 'REPLENISHMENT_NOT_FOUND' });
    });
  });
});
