/**
 * The promise, end to end against DynamoDB Local: whatever happens to products (sales, receipts,
 * cancels, edits) and however the stream is delivered (late, so from stale images; several records
 * of a product in one batch, so coalesced; twice; replayed from TRIM_HORIZON; cut short by a crash),
 * through the mapping's own filters (the consumer's writes dropped), once the consumer has caught up
 * every product's inventory position is at or above its threshold, onOrder is the sum of its
 * PENDING orders, every order was needed when it was made, and stock never went negative.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  DynamoProductReplenisher,
  DynamoProductRepository,
  DynamoReplenishmentRepository,
  fromProductItem,
  ProductAttribute,
  ProductChangeKind,
  productWriteStamp,
} from '@shop/inventory-data-access';
import { inventoryPosition, ReplenishmentStatus, type ProductReplenisher, type ProductState, type ReplenishmentOrder } from '@shop/inventory-domain';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { FilterPattern, matchesAnyFilter } from '@shop/shared-util-dynamodb-streams';
import { REPLENISHMENT_STREAM_FILTERS } from '@shop/shared-table-design';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { readStreamRecords } from '../testing';
import { ReplenishmentMetric } from '@shop/shared-util-lambda';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

const PRODUCTS = ['p#0', 'p#1'];
const SALE = productWriteStamp(ProductChangeKind.Sale);
/** The filters the synthesized event source mapping declares: what the consumer is given. */
const MAPPING_FILTERS = REPLENISHMENT_STREAM_FILTERS.map((pattern) => FilterPattern.parse(pattern));

type Step =
  | { readonly kind: 'sale'; readonly product: number; readonly quantity: number }
  | { readonly kind: 'receive' | 'cancel'; readonly product: number; readonly which: number }
  | { readonly kind: 'edit'; readonly product: number; readonly stock: number; readonly reorderThreshold: number; readonly amountToReplenish: number }
  /** The mapping hands the consumer up to `records` new records and checkpoints after them. */
  | { readonly kind: 'deliver'; readonly records: number }
  /** The consumer handles a batch but dies before the checkpoint: the batch comes again. */
  | { readonly kind: 'crash'; readonly records: number }
  /** The last batch is delivered a second time (at-least-once). */
  | { readonly kind: 'duplicate' }
  /** The mapping is recreated at TRIM_HORIZON: everything is delivered again. */
  | { readonly kind: 'replay' };

const product = fc.integer({ min: 0, max: PRODUCTS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('sale' as const), product, quantity: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), product, which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), product, which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      product,
      stock: fc.nat(100),
      reorderThreshold: fc.nat(80),
      amountToReplenish: fc.integer({ min: 1, max: 50 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), records: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), records: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicate' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay' as const }) },
);

describe('the inventory-position promise against DynamoDB Local (property)', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
  afterEach(() => metrics.clearMetrics());
  afterAll(() => {
    documentClient.destroy();
    raw.destroy();
  });

  /** The real consumer, or one broken on purpose to show the property catches it. */
  interface Consumer {
    readonly replenisher?: (real: DynamoProductReplenisher, products: DynamoProductRepository) => ProductReplenisher;
    /** What the consumer makes of a record before deciding. */
    readonly image?: (record: DynamoDBRecord) => DynamoDBRecord;
  }
  /** What the deliveries came to over every run: proof the property saw each case. */
  const seen = { delivered: 0, filteredOut: 0, superseded: 0, coalesced: 0 };
  beforeEach(() => {
    jest.spyOn(metrics, 'addMetric').mockImplementation((name, _unit, value) => {
      if (name === ReplenishmentMetric.SupersededDecisions) seen.superseded += value;
      if (name === ReplenishmentMetric.CoalescedRecords) seen.coalesced += value;
      return metrics;
    });
  });

  async function live(steps: readonly Step[], tables: TestTables, consumer: Consumer): Promise<void> {
    const names = { replenishmentTableName: tables.replenishment, productsTableName: tables.products };
    const products = new DynamoProductRepository(documentClient, tables.products);
    const replenishments = new DynamoReplenishmentRepository(documentClient, names);
    const real = new DynamoProductReplenisher(documentClient, names);
    const replenisher = consumer.replenisher?.(real, products) ?? real;
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics, maxConcurrentWrites: 2 });
    const pendingOf = async (productId: string) => (await replenishments.listByProduct(productId, { limit: 100 })).items.filter((o) => o.status === ReplenishmentStatus.Pending);
    /** Hands the consumer what the mapping's filters keep of `records`, as one batch. */
    const handle = async (records: readonly DynamoDBRecord[]) => {
      const kept = records.filter((record) => matchesAnyFilter(MAPPING_FILTERS, record));
      seen.delivered += kept.length;
      seen.filteredOut += records.length - kept.length;
      if (kept.length === 0) return;
      const response = await handler({ Records: kept.map(consumer.image ?? ((record) => record)) }, lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
    };
    let checkpoint = 0;
    let lastBatch: DynamoDBRecord[] = [];

    for (const name of PRODUCTS) await products.put({ productId: name, stock: 60, reorderThreshold: 50, amountToReplenish: 30 });
    for (const s of steps) {
      const productId = PRODUCTS['product' in s ? s.product : 0] as string;
      switch (s.kind) {
        case 'sale':
          // As the orders API sells: stock down only if enough, version up and marked (its record then follows).
          await documentClient
            .send(
              new UpdateCommand({
                TableName: tables.products,
                Key: { [ProductAttribute.ProductId]: productId },
                UpdateExpression: `SET #stock = #stock - :q, ${SALE.clause}`,
                ConditionExpression: '#stock >= :q',
                ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, ...SALE.names },
                ExpressionAttributeValues: { ':q': s.quantity, ...SALE.values },
              }),
            )
            .catch((error: Error) => expect(error.name).toBe('ConditionalCheckFailedException'));
          break;
        case 'receive':
        case 'cancel': {
          const pending = await pendingOf(productId);
          const order = pending[s.which % Math.max(1, pending.length)];
          if (order) await replenishments[s.kind](order.replenishmentId, new Date().toISOString());
          break;
        }
        case 'edit':
          await products.put({ productId, stock: s.stock, reorderThreshold: s.reorderThreshold, amountToReplenish: s.amountToReplenish });
          break;
        case 'deliver':
        case 'crash': {
          // The mapping reads the stream and checkpoints past what its filters drop, too.
          const all = await readStreamRecords(tables.products);
          lastBatch = all.slice(checkpoint, checkpoint + s.records);
          if (s.kind === 'crash') {
            // Died part-way through: some records handled, the checkpoint not moved.
            await handle(lastBatch.slice(0, Math.ceil(lastBatch.length / 2)));
          } else {
            await handle(lastBatch);
            checkpoint += lastBatch.length;
          }
          break;
        }
        case 'duplicate':
          await handle(lastBatch);
          break;
        case 'replay':
          checkpoint = 0;
          break;
      }
    }

    // Quiescence: the consumer catches up with everything the mapping gives it.
    for (;;) {
      const all = await readStreamRecords(tables.products);
      if (checkpoint >= all.length) break;
      await handle(all.slice(checkpoint, checkpoint + 25));
      checkpoint = Math.min(all.length, checkpoint + 25);
    }

    // Assess
    const states = new Map<string, ProductState>(); // by `${productId}@${version}`, from every NewImage
    for (const record of await readStreamRecords(tables.products)) {
      const image = record.dynamodb?.NewImage;
      if (!image) continue;
      const state = fromProductItem(unmarshall(image as Record<string, AttributeValue>));
      expect(state.stock).toBeGreaterThanOrEqual(0);
      states.set(`${state.productId}@${state.version}`, state);
    }
    for (const productId of PRODUCTS) {
      const now = (await products.get(productId)) as ProductState;
      const orders: ReplenishmentOrder[] = [...(await replenishments.listByProduct(productId, { limit: 100 })).items];
      expect(inventoryPosition(now)).toBeGreaterThanOrEqual(now.reorderThreshold);
      expect(now.onOrder).toBe(orders.filter((o) => o.status === ReplenishmentStatus.Pending).reduce((sum, o) => sum + o.amountToReplenish, 0));
      for (const order of orders) {
        const seen = states.get(`${productId}@${order.productVersion}`);
        expect(seen).toBeDefined();
        expect(inventoryPosition(seen as ProductState)).toBeLessThan((seen as ProductState).reorderThreshold);
      }
    }
  }

  const promise = (consumer: Consumer) =>
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
      const tables = await createTestTables(raw);
      try {
        await live(steps, tables, consumer);
      } finally {
        await deleteTestTables(tables, raw);
      }
    });

  it('keeps every position at or above its threshold, onOrder exact and every order needed, over any interleaving of changes and deliveries', async () => {
    // Act: random runs, after one that meets each case for sure: p0 sold twice before a delivery
    // that stops at the first sale (its image is stale: superseded), then the second decides and
    // the consumer's write is filtered; p1 sold twice within one batch (coalesced).
    const everyCase: Step[] = [
      { kind: 'sale', product: 0, quantity: 20 },
      { kind: 'sale', product: 0, quantity: 5 },
      { kind: 'deliver', records: PRODUCTS.length + 1 },
      { kind: 'deliver', records: 8 },
      { kind: 'sale', product: 1, quantity: 20 },
      { kind: 'sale', product: 1, quantity: 1 },
      { kind: 'deliver', records: 8 },
    ];
    await fc.assert(promise({}), { numRuns: 12, examples: [[everyCase]] });

    // Assess: the runs met stale images, coalesced batches and the consumer's own writes filtered out.
    expect(seen.superseded).toBeGreaterThan(0);
    expect(seen.coalesced).toBeGreaterThan(0);
    expect(seen.filteredOut).toBeGreaterThan(0);
  }, 120_000);

  it('catches a consumer that decides without what is on order (it orders what is already coming)', async () => {
    // Prepare: every image it decides from claims nothing is on order.
    const blind: Consumer = {
      image: (record) => {
        const { [ProductAttribute.OnOrder]: _onOrder, ...image } = record.dynamodb?.NewImage ?? {};
        return record.dynamodb?.NewImage ? { ...record, dynamodb: { ...record.dynamodb, NewImage: image } } : record;
      },
    };

    // Act
    const result = await fc.check(promise(blind), { numRuns: 12, seed: 17 });

    // Assess
    expect(result.failed).toBe(true);
  }, 120_000);

  it('catches a consumer that orders from a stale image without the version condition', async () => {
    // Prepare: its transaction is conditioned on whatever version the product has now.
    const unconditional: Consumer = {
      replenisher: (real, products) => ({
        orderOnce: async (order) => {
          const now = await products.get(order.productId);
          return now ? real.orderOnce({ ...order, productVersion: now.version }) : 'superseded';
        },
      }),
    };

    // Act
    const result = await fc.check(promise(unconditional), { numRuns: 12, seed: 17 });

    // Assess
    expect(result.failed).toBe(true);
  }, 120_000);
});
