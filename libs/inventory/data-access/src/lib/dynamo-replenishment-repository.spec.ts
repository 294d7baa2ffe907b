import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  MAX_QUANTITY,
  ProductNotFoundError,
  QuantityLimitError,
  ReplenishmentValidationError,
  TimestampValidationError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
  ReplenishmentNotPendingError,
  ReplenishmentStatus,
  PageLimitError,
  PageSize,
  type ReplenishmentOrder,
} from '@shop/inventory-domain';
import { pendingReplenishment, seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient, InvalidPageTokenError } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { ProductAttribute } from './attributes';
import { DynamoProductReplenisher } from './dynamo-product-replenisher';
import { DynamoProductRepository } from './dynamo-product-repository';
import { DynamoReplenishmentRepository } from './dynamo-replenishment-repository';
import { ProductChangeKind } from './product-write-stamp';
import { toReplenishmentItem } from './replenishment-item';

describe('DynamoReplenishmentRepository against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;
  let products: DynamoProductRepository;
  let replenishments: DynamoReplenishmentRepository;
  let replenisher: DynamoProductReplenisher;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    const names = { replenishmentTableName: tables.replenishment, productsTableName: tables.products };
    products = new DynamoProductRepository(documentClient, tables.products);
    replenishments = new DynamoReplenishmentRepository(documentClient, names);
    replenisher = new DynamoProductReplenisher(documentClient, names);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  /** The kind of change the product item was last marked with. */
  const lastChangeOf = async (productId: string) =>
    (await documentClient.send(new GetCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: productId } }))).Item?.[ProductAttribute.LastChange];

  /** Stores an order as it stands, without touching any product (for the listings). */
  const store = (order: ReplenishmentOrder) => documentClient.send(new PutCommand({ TableName: tables.replenishment, Item: toReplenishmentItem(order) }));

  describe('get', () => {
    it('returns undefined for an unknown id and a typed error for an empty one', async () => {
      // Act
      const unknown = await replenishments.get('r-unknown');
      const empty = replenishments.get('');

      // Assess
      expect(unknown).toBeUndefined();
      await expect(empty).rejects.toThrow(ReplenishmentValidationError);
    });
  });

  describe('listByProduct', () => {
    it("lists only that product's orders, newest first", async () => {
      // Prepare
      const productId = 'p#list';
      const orders = ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z'].map((createdAt, i) =>
        pendingReplenishment({ replenishmentId: `r-list-${i}`, productId, createdAt }),
      );
      await Promise.all([...orders, pendingReplenishment({ replenishmentId: 'r-list-other', productId: 'p#other' })].map(store));

      // Act
      const listed = await replenishments.listByProduct(productId);

      // Assess
      expect(listed.items.map((o) => o.replenishmentId)).toEqual(['r-list-1', 'r-list-0', 'r-list-2']);
      expect(listed.items[0]).toEqual(orders[1]);
    });

    it('pages through the orders with limit and nextToken, and ends without a token', async () => {
      // Prepare
      const productId = 'p#pages';
      await Promise.all([0, 1, 2, 3, 4].map((i) => store(pendingReplenishment({ replenishmentId: `r-page-${i}`, productId, createdAt: `2026-01-0${i + 1}T00:00:00.000Z` }))));

      // Act
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await replenishments.listByProduct(productId, { limit: 2, nextToken });
        seen.push(...page.items.map((o) => o.replenishmentId));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken !== undefined);

      // Assess
      expect(seen).toEqual(['r-page-4', 'r-page-3', 'r-page-2', 'r-page-1', 'r-page-0']);
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    it('returns an empty page for a product without orders', async () => {
      // Act
      const listed = await replenishments.listByProduct('p#never-ordered');

      // Assess
      expect(listed).toEqual({ items: [] });
    });

    it.each([
      ['a limit of 0', { limit: 0 }, 'limit', PageLimitError],
      ['a limit over the maximum', { limit: PageSize.Max + 1 }, 'limit', PageLimitError],
      ['a token that is not ours', { nextToken: 'not a token' }, 'nextToken', InvalidPageTokenError],
      ['a token of the other listing', { nextToken: Buffer.from('{"openStatus":"PENDING","createdAt":"x","replenishmentId":"r"}').toString('base64url') }, 'nextToken', InvalidPageTokenError],
    ])('rejects %s with a clear error', async (_case, page, what, errorClass) => {
      // Act
      const attempt = replenishments.listByProduct('p#list', page);

      // Assess
      await expect(attempt).rejects.toThrow(what);
      await expect(attempt).rejects.toThrow(errorClass);
    });
  });

  describe('listPending', () => {
    it('lists only PENDING orders of every product, oldest first', async () => {
      // Prepare
      const pending = pendingReplenishment({ replenishmentId: 'r-open-late', productId: 'p#open-a', createdAt: '2025-01-02T00:00:00.000Z' });
      const earlier = pendingReplenishment({ replenishmentId: 'r-open-early', productId: 'p#open-b', createdAt: '2025-01-01T00:00:00.000Z' });
      const received = { ...pendingReplenishment({ replenishmentId: 'r-open-received', createdAt: '2025-01-01T12:00:00.000Z' }), status: ReplenishmentStatus.Received, receivedAt: '2025-01-03T00:00:00.000Z' };
      await Promise.all([pending, earlier, received].map(store));

      // Act
      const listed = await replenishments.listPending({ limit: PageSize.Max });

      // Assess
      const ids = listed.items.map((o) => o.replenishmentId);
      expect(ids.indexOf('r-open-early')).toBeLessThan(ids.indexOf('r-open-late'));
      expect(ids).not.toContain('r-open-received');
      expect(listed.items.every((o) => o.status === ReplenishmentStatus.Pending)).toBe(true);
    });
  });

  describe('receive', () => {
    const receivedAt = '2026-02-01T08:00:00.000Z';

    /** A product at `stock` with one PENDING order of 30, made the way the consumer makes it. */
    async function prepare(name: string, stock = 10): Promise<ReplenishmentOrder> {
      const productId = `p#${name}`;
      const { version } = await products.put(seedProduct({ productId, stock }));
      const pending = pendingReplenishment({ replenishmentId: `r-${name}`, productId, productVersion: version });
      await replenisher.orderOnce({ ...pending, productVersion: version });
      return pending;
    }

    it('marks the order RECEIVED, raises the stock by its amount and takes it off onOrder', async () => {
      // Prepare
      const pending = await prepare('receive');

      // Act
      const result = await replenishments.receive(pending.replenishmentId, receivedAt);

      // Assess
      const received = { ...pending, status: ReplenishmentStatus.Received, receivedAt };
      expect(result).toEqual({ replenishment: received, stock: 40, onOrder: 0 });
      expect(await replenishments.get(pending.replenishmentId)).toEqual(received);
      expect((await products.get(pending.productId))?.stock).toBe(40);
      expect(await lastChangeOf(pending.productId)).toBe(ProductChangeKind.Receipt);
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
      const pending = await prepare('receive-overflow', MAX_QUANTITY - 29);

      // Act
      const attempt = replenishments.receive(pending.replenishmentId, receivedAt);

      // Assess
      await expect(attempt).rejects.toThrow(QuantityLimitError);
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
      await expect(attempt).rejects.toThrow(TimestampValidationError);
      await expect(attempt).rejects.toThrow('receivedAt');
      expect((await replenishments.get(pending.replenishmentId))?.status).toBe(ReplenishmentStatus.Pending);
    });
  });

  describe('cancel', () => {
    const cancelledAt = '2026-02-01T08:00:00.000Z';

    it('marks the order CANCELLED and takes it off onOrder, leaving the stock alone', async () => {
      // Prepare
      const productId = 'p#cancel';
      const { version } = await products.put(seedProduct({ productId, stock: 10 }));
      const pending = pendingReplenishment({ replenishmentId: 'r-cancel', productId, productVersion: version, amountToReplenish: 60 });
      await replenisher.orderOnce({ ...pending, productVersion: version });

      // Act
      const result = await replenishments.cancel(pending.replenishmentId, cancelledAt);

      // Assess
      const cancelled = { ...pending, status: ReplenishmentStatus.Cancelled, cancelledAt };
      expect(result).toEqual({ replenishment: cancelled, stock: 10, onOrder: 0 });
      expect(await replenishments.get(pending.replenishmentId)).toEqual(cancelled);
      expect(await lastChangeOf(productId)).toBe(ProductChangeKind.Cancellation);
    });

    it('refuses to cancel a received order, or to receive a cancelled one, changing nothing', async () => {
      // Prepare
      const productId = 'p#cancel-settled';
      const { version } = await products.put(seedProduct({ productId, stock: 10 }));
      const first = pendingReplenishment({ replenishmentId: 'r-cancel-received', productId, productVersion: version });
      await replenisher.orderOnce({ ...first, productVersion: version });
      await replenishments.receive(first.replenishmentId, cancelledAt);
      const second = pendingReplenishment({ replenishmentId: 'r-cancel-cancelled', productId, productVersion: version + 2 });
      await replenisher.orderOnce({ ...second, productVersion: version + 2 });
      await replenishments.cancel(second.replenishmentId, cancelledAt);

      // Act
      const cancelReceived = replenishments.cancel(first.replenishmentId, cancelledAt);
      const receiveCancelled = replenishments.receive(second.replenishmentId, cancelledAt);

      // Assess
      await expect(cancelReceived).rejects.toThrow(ReplenishmentAlreadyReceivedError);
      await expect(receiveCancelled).rejects.toThrow(ReplenishmentNotPendingError);
      await expect(receiveCancelled).rejects.toThrow('is CANCELLED');
      expect(await products.get(productId)).toMatchObject({ stock: 40, onOrder: 0 });
    });

    it('settles an order made before onOrder existed without taking it off onOrder', async () => {
      // Prepare
      const productId = 'p#legacy';
      await products.put(seedProduct({ productId, stock: 10 }));
      const { productVersion: _none, ...legacy } = pendingReplenishment({ replenishmentId: 'r-legacy', productId });
      await store(legacy);

      // Act
      const result = await replenishments.receive(legacy.replenishmentId, cancelledAt);

      // Assess
      expect(result).toMatchObject({ stock: 40, onOrder: 0 });
    });
  });
});
