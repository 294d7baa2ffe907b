/**
 * The promise, end to end against DynamoDB Local: whatever happens to products (sales, receipts,
 * cancels, edits) and however the stream is delivered (late, twice, replayed from TRIM_HORIZON, cut
 * short by a crash), once the consumer has caught up every product's inventory position is at or
 * above its threshold, onOrder is the sum of its PENDING orders, every order was needed when it was
 * made, and stock never went negative.
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
  VersionBump,
} from '@shop/inventory-data-access';
import { inventoryPosition, ReplenishmentStatus, type ProductReplenisher, type ProductState, type ReplenishmentOrder } from '@shop/inventory-domain';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { readStreamRecords } from '../testing';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

const PRODUCTS = ['p#0', 'p#1'];

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

  /** The real replenisher, or one broken on purpose to show the property catches it. */
  type Replenishers = (real: DynamoProductReplenisher) => ProductReplenisher;

  async function live(steps: readonly Step[], tables: TestTables, replenisherOf: Replenishers): Promise<void> {
    const names = { replenishmentTableName: tables.replenishment, productsTableName: tables.products };
    const products = new DynamoProductRepository(documentClient, tables.products);
    const replenishments = new DynamoReplenishmentRepository(documentClient, names);
    const replenisher = replenisherOf(new DynamoProductReplenisher(documentClient, names));
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics, maxConcurrentWrites: 2 });
    const pendingOf = async (productId: string) => (await replenishments.listByProduct(productId, { limit: 100 })).items.filter((o) => o.status === ReplenishmentStatus.Pending);
    const handle = async (records: readonly DynamoDBRecord[]) => {
      if (records.length === 0) return;
      const response = await handler({ Records: [...records] }, lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
    };
    let checkpoint = 0;
    let lastBatch: DynamoDBRecord[] = [];

    for (const name of PRODUCTS) await products.put({ productId: name, stock: 60, reorderThreshold: 50, amountToReplenish: 30 });
    for (const s of steps) {
      const productId = PRODUCTS['product' in s ? s.product : 0] as string;
      switch (s.kind) {
        case 'sale':
          // As the orders API sells: stock down only if enough, version up (its record then follows).
          await documentClient
            .send(
              new UpdateCommand({
                TableName: tables.products,
                Key: { [ProductAttribute.ProductId]: productId },
                UpdateExpression: `SET #stock = #stock - :q, ${VersionBump.clause}`,
                ConditionExpression: '#stock >= :q',
                ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, ...VersionBump.names },
                ExpressionAttributeValues: { ':q': s.quantity, ...VersionBump.values },
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

    // Quiescence: the consumer catches up with everything, its own writes included.
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

  const promise = (replenisherOf: Replenishers) =>
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
      const tables = await createTestTables(raw);
      try {
        await live(steps, tables, replenisherOf);
      } finally {
        await deleteTestTables(tables, raw);
      }
    });

  it('keeps every position at or above its threshold, onOrder exact and every order needed, over any interleaving of changes and deliveries', async () => {
    await fc.assert(
      promise((real) => real),
      { numRuns: 12 },
    );
  }, 120_000);

  it('catches a consumer that decides without what is on order (it orders what is already coming)', async () => {
    // Prepare: the product it decides from claims nothing is on order.
    const blind: Replenishers = (real) => ({
      current: async (productId) => {
        const product = await real.current(productId);
        return product && { ...product, onOrder: 0 };
      },
      orderOnce: (order) => real.orderOnce(order),
    });

    // Act
    const result = await fc.check(promise(blind), { numRuns: 12, seed: 17 });

    // Assess
    expect(result.failed).toBe(true);
  }, 120_000);
});
