import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createInventoryTestbed, type InventoryTestbed } from '@shop/inventory-data-access/testing';
import { inventoryPosition, type ProductReplenisher } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { recordOfWrite } from '../testing';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

describe('createReplenishmentStreamHandler against DynamoDB Local: one request per decision', () => {
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
  let bed: InventoryTestbed;
  let products: InventoryTestbed['products'];
  /** Every transaction sent, by product, and the most in flight at once. */
  let sent: string[];
  const inFlight = { now: 0, most: 0 };
  /** Where each write waits before it runs: open by default, or held until enough writes are in flight (see holdUntilInFlight). */
  const openGate = { pass: (): Promise<void> => Promise.resolve() };
  let gate = openGate;
  /**
   * Holds every write until `bound` writes are in flight at once (or the last of `total` has been
   * sent), so that reaching the bound is observed rather than hoped for from timing; fails naming
   * what it waited for if that never happens.
   */
  const holdUntilInFlight = (bound: number, total: number): typeof openGate => {
    const waiting: Array<() => void> = [];
    return {
      pass: () => {
        if (inFlight.now >= bound || sent.length === total) {
          for (const release of waiting.splice(0)) release();
          return Promise.resolve();
        }
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${bound} writes in flight at once never happened (most: ${inFlight.most})`)), 5_000);
          waiting.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      },
    };
  };
  let counting: ProductReplenisher;

  beforeAll(async () => {
    bed = await createInventoryTestbed();
    products = bed.products;
  });
  beforeEach(() => {
    sent = [];
    Object.assign(inFlight, { now: 0, most: 0 });
    gate = openGate;
    counting = {
      orderOnce: async (order) => {
        sent.push(order.productId);
        inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        try {
          await gate.pass();
          return await bed.replenisher.orderOnce(order);
        } finally {
          inFlight.now--;
        }
      },
    };
  });
  afterEach(() => metrics.clearMetrics());
  afterAll(() => bed.dispose());

  const sell = async (productId: string, stock: number, sequenceNumber: number): Promise<DynamoDBRecord> =>
    recordOfWrite(await products.put(seedProduct({ productId, stock })), String(sequenceNumber));
  const orders = async (productId: string) => (await bed.replenishments.listByProduct(productId)).items;

  it('decides a product once per batch, from its latest image: one transaction for three short records', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher: counting, logger, metrics });
    const records = [await sell('p#co', 45, 1), await sell('p#co', 20, 2), await sell('p#co', 10, 3)];

    // Act
    const response = await handler({ Records: records }, lambdaContext());

    // Assess: stock 10 needs 40 to reach 50: two lots of 30.
    expect(response.batchItemFailures).toEqual([]);
    expect(sent).toEqual(['p#co']);
    expect((await orders('p#co')).map((o) => o.amountToReplenish)).toEqual([60]);
  });

  it('never orders from an image the product has left: its transaction fails, and the later record decides', async () => {
    // Prepare: the first batch's image is short, but the product was restocked and sold since.
    const handler = createReplenishmentStreamHandler({ replenisher: counting, logger, metrics });
    const stale = await sell('p#later', 10, 11);
    const restocked = await sell('p#later', 90, 12);
    const sold = await sell('p#later', 35, 13);

    // Act
    const first = await handler({ Records: [stale] }, lambdaContext());
    const afterFirst = await orders('p#later');
    const second = await handler({ Records: [restocked, sold] }, lambdaContext());

    // Assess: one order, for the state the last record shows (35 needs 30).
    expect([first, second]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(afterFirst).toEqual([]);
    expect(sent).toEqual(['p#later', 'p#later']);
    expect((await orders('p#later')).map((o) => o.amountToReplenish)).toEqual([30]);
  });

  it('decides the shortfalls of many products of one batch, concurrently within the bound and all of them', async () => {
    // Prepare: 40 products go short, each between two records of the same batch.
    const handler = createReplenishmentStreamHandler({ replenisher: counting, logger, metrics, maxConcurrentWrites: 8 });
    const ids = Array.from({ length: 40 }, (_, i) => `p#many-${i}`);
    gate = holdUntilInFlight(8, ids.length);
    const records: DynamoDBRecord[] = [];
    for (const [i, id] of ids.entries()) records.push(await sell(id, 80, 1000 + 3 * i), await sell(id, 40, 1001 + 3 * i));

    // Act
    const response = await handler({ Records: records }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(inFlight.most).toBe(8);
    expect(sent).toHaveLength(40);
    for (const id of ids) expect((await orders(id)).map((o) => o.amountToReplenish)).toEqual([30]);
  });

  it('leaves every product at or above its threshold with onOrder equal to its orders, over any interleaving, batch size and replay (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Per product, its stock over time (threshold 50, lots of 30).
        fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 12 }),
        async (histories, batchSize) => {
          // Prepare: each product's stock moves (stored), and its records are interleaved round-robin.
          run++;
          const handler = createReplenishmentStreamHandler({ replenisher: bed.replenisher, logger, metrics, maxConcurrentWrites: 2 });
          const ids = histories.map((_, p) => `p#prop-${run}-${p}`);
          const records: DynamoDBRecord[] = [];
          for (let step = 0; step < Math.max(...histories.map((h) => h.length)); step++) {
            for (const [p, history] of histories.entries()) {
              const stock = history[step];
              if (stock !== undefined) records.push(await sell(ids[p] as string, stock, 100_000 + records.length));
            }
          }
          // Act: every record delivered, then the whole stream again (a replay).
          for (const stream of [records, records]) {
            for (let start = 0; start < stream.length; start += batchSize) {
              const response = await handler({ Records: stream.slice(start, start + batchSize) }, lambdaContext());
              expect(response.batchItemFailures).toEqual([]);
            }
          }
          // Assess
          for (const id of ids) {
            const product = await products.get(id);
            const pending = await orders(id);
            expect(inventoryPosition(product!)).toBeGreaterThanOrEqual(50);
            expect(product!.onOrder).toBe(pending.reduce((sum, o) => sum + o.amountToReplenish, 0));
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});
