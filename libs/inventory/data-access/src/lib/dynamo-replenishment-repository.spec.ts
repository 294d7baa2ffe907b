import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  MAX_QUANTITY,
  ProductNotFoundError,
  ProductValidationError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
  ReplenishmentStatus,
  type ReplenishmentOrder,
} from '@shop/inventory-domain';
import { pendingReplenishment, seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { ProductAttribute } from './attributes';
import { DynamoProductRepository } from './dynamo-product-repository';
import { DynamoReplenishmentRepository } from './dynamo-replenishment-repository';

describe('DynamoReplenishmentRepository against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;
  let products: DynamoProductRepository;
  let replenishments: DynamoReplenishmentRepository;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    products = new DynamoProductRepository(documentClient, tables.products);
    replenishments = new DynamoReplenishmentRepository(documentClient, {
      replenishmentTableName: tables.replenishment,
      productsTableName: tables.products,
    });
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  const allOrders = async (): Promise<Record<string, unknown>[]> =>
    (await documentClient.send(new ScanCommand({ TableName: tables.replenishment }))).Items ?? [];

  describe('createOnce', () => {
    it('creates an order once; the same id again is a duplicate that changes nothing', async () => {
      // Prepare
      const order = pendingReplenishment({ replenishmentId: 'r-create-once', productId: 'p#create-once' });

      // Act
      const first = await replenishments.createOnce(order);
      const second = await replenishments.createOnce({ ...order, createdAt: '2026-02-02T00:00:00.000Z', amountToReplenish: 99 });

      // Assess
      expect([first, second]).toEqual(['created', 'duplicate']);
      expect(await replenishments.get('r-create-once')).toEqual(order);
    });

    it('rejects an invalid order with a typed error and writes nothing', async () => {
      // Prepare
      const invalid = { ...pendingReplenishment({ replenishmentId: 'r-invalid' }), amountToReplenish: 0 };

      // Act
      const attempt = replenishments.createOnce(invalid);

      // Assess
      await expect(attempt).rejects.toThrow(ProductValidationError);
      await expect(attempt).rejects.toThrow('Invalid replenishment order: amountToReplenish:');
      expect((await allOrders()).map((i) => i['replenishmentId'])).not.toContain('r-invalid');
    });
  });

  describe('get', () => {
    it('returns undefined for an unknown id and a typed error for an empty one', async () => {
      // Act
      const unknown = await replenishments.get('r-unknown');
      const empty = replenishments.get('');

      // Assess
      expect(unknown).toBeUndefined();
      await expect(empty).rejects.toThrow(ProductValidationError);
    });
  });

  describe('listByProduct', () => {
    it("lists only that product's orders, newest first", async () => {
      // Prepare
      const productId = 'p#list';
      const orders = ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z'].map((createdAt, i) =>
        pendingReplenishment({ replenishmentId: `r-list-${i}`, productId, createdAt }),
      );
      await Promise.all([...orders, pendingReplenishment({ replenishmentId: 'r-list-other', productId: 'p#other' })].map((o) => replenishments.createOnce(o)));

      // Act
      const listed = await replenishments.listByProduct(productId);

      // Assess
      expect(listed.map((o) => o.replenishmentId)).toEqual(['r-list-1', 'r-list-0', 'r-list-2']);
      expect(listed[0]).toEqual(orders[1]);
    });

    it('returns an empty list for a product without orders', async () => {
      // Act
      const listed = await replenishments.listByProduct('p#never-ordered');

      // Assess
      expect(listed).toEqual([]);
    });
  });

  describe('receive', () => {
    const receivedAt = '2026-02-01T08:00:00.000Z';

    async function prepare(name: string, order: Partial<ReplenishmentOrder> = {}, stock = 10): Promise<ReplenishmentOrder> {
      const productId = `p#${name}`;
      await products.put(seedProduct({ productId, stock }));
      const pending = pendingReplenishment({ replenishmentId: `r-${name}`, productId, ...order });
      await replenishments.createOnce(pending);
      return pending;
    }

    it('marks the order RECEIVED and raises the stock by its amount', async () => {
      // Prepare
      const pending = await prepare('receive');

      // Act
      const result = await replenishments.receive(pending.replenishmentId, receivedAt);

      // Assess
      const received = { ...pending, status: ReplenishmentStatus.Received, receivedAt };
      expect(result).toEqual({ replenishment: received, stock: 40 });
      expect(await replenishments.get(pending.replenishmentId)).toEqual(received);
      expect((await products.get(pending.productId))?.stock).toBe(40);
    });

    it('refuses a second receipt with ReplenishmentAlreadyReceivedError and raises the stock once', async () => {
      // Prepare
      const pending = await prepare('receive-twice');
      await replenishments.receive(pending.replenishmentId, receivedAt);

      // Act
      const again = replenishments.receive(pending.replenishmentId, '2026-02-01T09:00:00.000Z');

      // Assess
      await expect(again).rejects.toThrow(ReplenishmentAlreadyReceivedError);
      expect((await products.get(pending.productId))?.stock).toBe(40);
      expect((await replenishments.get(pending.replenishmentId))?.receivedAt).toBe(receivedAt);
    });

    it('lets exactly one of several concurrent receipts win', async () => {
      // Prepare
      const pending = await prepare('receive-race');

      // Act
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((minute) => replenishments.receive(pending.replenishmentId, `2026-02-01T08:0${minute}:00.000Z`)),
      );

      // Assess
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const rejected of results.filter((r) => r.status === 'rejected')) {
        expect(rejected.reason).toBeInstanceOf(ReplenishmentAlreadyReceivedError);
      }
      expect((await products.get(pending.productId))?.stock).toBe(40);
    });

    it('lets one of several receipts at the same instant win (the request token is per call, not per request)', async () => {
      // Prepare
      const pending = await prepare('receive-same-instant');

      // Act: identical arguments, as two clerks clicking in the same millisecond would send.
      const results = await Promise.allSettled([1, 2, 3].map(() => replenishments.receive(pending.replenishmentId, receivedAt)));

      // Assess
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
        expect.any(ReplenishmentAlreadyReceivedError),
        expect.any(ReplenishmentAlreadyReceivedError),
      ]);
      expect((await products.get(pending.productId))?.stock).toBe(40);
    });

    it('throws ReplenishmentNotFoundError for an unknown order', async () => {
      // Act
      const attempt = replenishments.receive('r-never-created', receivedAt);

      // Assess
      await expect(attempt).rejects.toThrow(ReplenishmentNotFoundError);
      await expect(attempt).rejects.toMatchObject({ replenishmentId: 'r-never-created' });
    });

    it('throws ProductNotFoundError when the product is gone, leaving the order PENDING', async () => {
      // Prepare
      const pending = await prepare('receive-no-product');
      await documentClient.send(new DeleteCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: pending.productId } }));

      // Act
      const attempt = replenishments.receive(pending.replenishmentId, receivedAt);

      // Assess
      await expect(attempt).rejects.toThrow(ProductNotFoundError);
      await expect(attempt).rejects.toMatchObject({ productId: pending.productId });
      expect((await replenishments.get(pending.replenishmentId))?.status).toBe(ReplenishmentStatus.Pending);
      expect(await products.get(pending.productId)).toBeUndefined();
    });

    it('refuses a receipt that would take the stock past MAX_QUANTITY and changes nothing', async () => {
      // Prepare
      const pending = await prepare('receive-overflow', {}, MAX_QUANTITY - 29);

      // Act
      const attempt = replenishments.receive(pending.replenishmentId, receivedAt);

      // Assess
      await expect(attempt).rejects.toThrow(ProductValidationError);
      await expect(attempt).rejects.toThrow('would exceed the largest stock');
      expect((await products.get(pending.productId))?.stock).toBe(MAX_QUANTITY - 29);
      expect((await replenishments.get(pending.replenishmentId))?.status).toBe(ReplenishmentStatus.Pending);
    });

    it('rejects a malformed receivedAt before touching anything', async () => {
      // Prepare
      const pending = await prepare('receive-bad-date');

      // Act
      const attempt = replenishments.receive(pending.replenishmentId, 'yesterday');

      // Assess
      await expect(attempt).rejects.toThrow(ProductValidationError);
      await expect(attempt).rejects.toThrow('receivedAt');
      expect((await replenishments.get(pending.replenishmentId))?.status).toBe(ReplenishmentStatus.Pending);
    });
  });
});
