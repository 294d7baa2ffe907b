import { DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import { ReplenishmentStatus, type ReplenishmentOrder } from '@shop/inventory-domain';
import { NAMED_SCHEMAS } from '@shop/orders-api-contract';
import { jsonBody } from './support/http-event';
import { productBody, startTestApi, type TestApi } from './support/api';

/** Replenishment routes through the Lambda handler, against DynamoDB Local. */
describe('orders API: replenishments', () => {
  let api: TestApi;
  let writer: DynamoReplenishmentWriter;

  const replenishment = (replenishmentId: string, productId: string, createdAt: string, amountToReplenish = 30): ReplenishmentOrder => ({
    replenishmentId,
    productId,
    amountToReplenish,
    status: ReplenishmentStatus.Pending,
    createdAt,
    source: { eventID: `event-${replenishmentId}`, sequenceNumber: '100' },
  });
  const stockOf = async (encodedId: string): Promise<unknown> => jsonBody(await api.call('GET', `/products/${encodedId}`))['stock'];

  beforeAll(async () => {
    api = await startTestApi();
    writer = new DynamoReplenishmentWriter(api.documentClient, api.tables.replenishment);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('GET /products/{productId}/replenishments', () => {
    it("lists a product's replenishment orders, newest first, and no other product's", async () => {
      // Prepare
      await api.call('PUT', '/products/p%23list', { body: productBody() });
      await writer.createOnce(replenishment('r-old', 'p#list', '2026-01-01T00:00:00.000Z'));
      await writer.createOnce(replenishment('r-new', 'p#list', '2026-03-01T00:00:00.000Z'));
      await writer.createOnce(replenishment('r-mid', 'p#list', '2026-02-01T00:00:00.000Z'));
      await writer.createOnce(replenishment('r-other', 'p#other', '2026-02-15T00:00:00.000Z'));

      // Act
      const response = await api.call('GET', '/products/p%23list/replenishments');

      // Assess
      expect(response.statusCode).toBe(200);
      const body = jsonBody<{ items: ReplenishmentOrder[] }>(response);
      expect(body.items.map((i) => i.replenishmentId)).toEqual(['r-new', 'r-mid', 'r-old']);
      expect(body.items[0]).toEqual(replenishment('r-new', 'p#list', '2026-03-01T00:00:00.000Z'));
      expect(NAMED_SCHEMAS.ReplenishmentList.safeParse(body).success).toBe(true);
    });

    it('answers an empty list for a product with no replenishments, and 404 for an unknown product', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23none', { body: productBody() });

      // Act
      const empty = await api.call('GET', '/products/p%23none/replenishments');
      const unknown = await api.call('GET', '/products/p%23ghost/replenishments');

      // Assess
      expect([empty.statusCode, jsonBody(empty)]).toEqual([200, { items: [] }]);
      expect(unknown.statusCode).toBe(404);
      expect(jsonBody(unknown)['error']).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });
  });

  describe('POST /replenishments/{replenishmentId}/receive', () => {
    it('adds the amount to stock and marks the order RECEIVED; a second call is 409 and changes nothing', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23recv', { body: productBody({ stock: 4, amountToReplenish: 30 }) });
      await writer.createOnce(replenishment('r#recv/1', 'p#recv', '2026-01-01T00:00:00.000Z', 30));

      // Act
      const first = await api.call('POST', '/replenishments/r%23recv%2F1/receive');
      const second = await api.call('POST', '/replenishments/r%23recv%2F1/receive');

      // Assess
      expect(first.statusCode).toBe(200);
      const received = jsonBody(first);
      expect(received).toMatchObject({ replenishmentId: 'r#recv/1', status: 'RECEIVED', stock: 34, receivedAt: expect.any(String) });
      expect(NAMED_SCHEMAS.ReceivedReplenishment.safeParse(received).success).toBe(true);
      expect(second.statusCode).toBe(409);
      expect(jsonBody(second)['error']).toMatchObject({ code: 'ALREADY_RECEIVED' });
      expect(await stockOf('p%23recv')).toBe(34);
      const listed = jsonBody<{ items: ReplenishmentOrder[] }>(await api.call('GET', '/products/p%23recv/replenishments'));
      expect(listed.items[0]?.status).toBe('RECEIVED');
    });

    it('raises stock once when the same order is received concurrently', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23race', { body: productBody({ stock: 0 }) });
      await writer.createOnce(replenishment('r-race', 'p#race', '2026-01-01T00:00:00.000Z', 30));

      // Act
      const responses = await Promise.all(Array.from({ length: 5 }, () => api.call('POST', '/replenishments/r-race/receive')));

      // Assess
      // The invariant: stock raised exactly once. (Calls that land in the same millisecond share
      // the inventory adapter's ClientRequestToken, so more than one may be told 200.)
      expect(await stockOf('p%23race')).toBe(30);
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses).toContain(200);
      expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    });

    it('answers 404 REPLENISHMENT_NOT_FOUND for an unknown order', async () => {
      const response = await api.call('POST', '/replenishments/r-nope/receive');
      expect(response.statusCode).toBe(404);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'REPLENISHMENT_NOT_FOUND' });
    });

    it('answers 404 PRODUCT_NOT_FOUND when the product is gone, and leaves the order PENDING', async () => {
      // Prepare
      await writer.createOnce(replenishment('r-orphan', 'p#orphan', '2026-01-01T00:00:00.000Z'));

      // Act
      const response = await api.call('POST', '/replenishments/r-orphan/receive');

      // Assess
      expect(response.statusCode).toBe(404);
      expect(jsonBody(response)['error']).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
      const listed = jsonBody<{ items: ReplenishmentOrder[] }>(await api.call('GET', '/products/p%23orphan/replenishments'));
      expect(listed.items[0]?.status).toBe('PENDING');
    });
  });
});
