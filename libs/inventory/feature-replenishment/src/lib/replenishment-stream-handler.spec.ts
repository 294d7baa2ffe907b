import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoProductReplenisher, DynamoProductRepository, DynamoReplenishmentRepository } from '@shop/inventory-data-access';
import { inventoryPosition, type ProductReplenisher } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { dynamodbStreamRecord, seedTestEvent } from '../testing';
import { UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from './metric-names';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

const throttling = () => new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });

describe('createReplenishmentStreamHandler against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
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
  afterEach(() => {
    jest.restoreAllMocks();
    metrics.clearMetrics();
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  /** Stores `productId` at `to` units (threshold 50, lots of 30) and returns the record of the move. */
  const sell = async (productId: string, from: number, to: number, sequenceNumber: string): Promise<DynamoDBRecord> => {
    await products.put(seedProduct({ productId, stock: to }));
    return dynamodbStreamRecord({ old: seedProduct({ productId, stock: from }), new: seedProduct({ productId, stock: to }), sequenceNumber });
  };
  /** The real replenisher, except that reads of `productId` are throttled while `failing` says so. */
  const throttled = (productId: string, failing: { on: boolean }): ProductReplenisher => ({
    current: (id) => (failing.on && id === productId ? Promise.reject(throttling()) : replenisher.current(id)),
    orderOnce: (order) => replenisher.orderOnce(order),
  });
  const orders = async (productId: string) => (await replenishments.listByProduct(productId)).items;
  const metricCounts = (spy: jest.SpyInstance): Record<string, number> =>
    Object.fromEntries(spy.mock.calls.map(([name, , value]) => [name as string, value as number]));

  it('orders exactly one replenishment for the classic event, and none more when it comes again', async () => {
    // Prepare
    await products.put(seedProduct({ stock: 49 }));
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const info = jest.spyOn(logger, 'info');
    const addMetric = jest.spyOn(metrics, 'addMetric');

    // Act
    const first = await handler(seedTestEvent(), lambdaContext());
    const firstMetrics = metricCounts(addMetric);
    addMetric.mockClear();
    const second = await handler(seedTestEvent(), lambdaContext());

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    const written = await orders('p#1234');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ productId: 'p#1234', amountToReplenish: 30, status: 'PENDING' });
    expect(await products.get('p#1234')).toMatchObject({ stock: 49, onOrder: 30 });
    expect(info.mock.calls.filter(([message]) => message !== 'Batch processed').map(([message, extra]) => [message, extra])).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#1234', sequenceNumber: 'example', decision: 'created', replenishmentId: written[0]?.replenishmentId })],
    ]);
    expect(firstMetrics).toEqual({
      [ReplenishmentMetric.OrdersCreated]: 1,
      [ReplenishmentMetric.ProductReads]: 1,
      [ReplenishmentMetric.SupersededDecisions]: 0,
      [ReplenishmentMetric.FailedRecords]: 0,
    });
    expect(metricCounts(addMetric)).toMatchObject({ [ReplenishmentMetric.OrdersCreated]: 0, [ReplenishmentMetric.ProductReads]: 1 });
  });

  it('reports a failed decision and every later record of that product, and carries on with the others', async () => {
    // Prepare
    const failing = { on: true };
    const handler = createReplenishmentStreamHandler({ replenisher: throttled('p#b', failing), logger, metrics });
    const error = jest.spyOn(logger, 'error');
    const event = {
      Records: [
        await sell('p#a', 51, 49, '101'),
        await sell('p#b', 60, 45, '102'), // short; its read is throttled
        await sell('p#a', 49, 47, '103'),
        await sell('p#b', 45, 20, '104'), // short again, but after a failure of p#b
        await sell('p#c', 50, 10, '105'),
      ],
    };

    // Act
    const response = await handler(event, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '102' }, { itemIdentifier: '104' }]);
    expect((await orders('p#a')).map((o) => o.amountToReplenish)).toEqual([30]);
    expect((await orders('p#c')).map((o) => o.amountToReplenish)).toEqual([60]);
    expect(await orders('p#b')).toEqual([]);
    expect(error.mock.calls.map(([message, extra]) => [message, (extra as { sequenceNumber: string }).sequenceNumber])).toEqual([
      ['Record failed', '102'],
      ['Record held back: an earlier record of this product failed', '104'],
    ]);

    // Act: Lambda retries from the lowest failed record, the throttling over.
    failing.on = false;
    const retry = await handler({ Records: event.Records.slice(1) }, lambdaContext());

    // Assess: one order for p#b's current shortfall (stock 20: 30 on order brings it to 50).
    expect(retry.batchItemFailures).toEqual([]);
    expect((await orders('p#b')).map((o) => o.amountToReplenish)).toEqual([30]);
    expect(await orders('p#a')).toHaveLength(1);
  });

  it('fails a record whose image is malformed, and holds back that product', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const malformed = await sell('p#malformed', 80, 70, '201');
    malformed.dynamodb!.NewImage!['stock'] = { N: '70.5' };

    // Act
    const response = await handler({ Records: [malformed, await sell('p#malformed', 70, 10, '202'), await sell('p#fine', 55, 45, '203')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '201' }, { itemIdentifier: '202' }]);
    expect(await orders('p#malformed')).toEqual([]);
    expect(await orders('p#fine')).toHaveLength(1);
  });

  it('holds back every later record after a record whose product cannot be told, itself held back by any earlier failure', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher: throttled('p#throttled', { on: true }), logger, metrics });
    const keyless = await sell('p#keyless', 51, 49, '302');
    delete keyless.dynamodb!.Keys;
    const error = jest.spyOn(logger, 'error');

    // Act
    const response = await handler(
      { Records: [await sell('p#before-keyless', 51, 49, '300'), await sell('p#throttled', 51, 49, '301'), keyless, await sell('p#after-keyless', 51, 49, '303')] },
      lambdaContext(),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '301' }, { itemIdentifier: '302' }, { itemIdentifier: '303' }]);
    expect(await orders('p#before-keyless')).toHaveLength(1);
    expect(await orders('p#after-keyless')).toEqual([]);
    expect(error.mock.calls.map(([, extra]) => (extra as { error: Error }).error.message)).toEqual([
      expect.stringMatching(/Rate of requests/),
      expect.stringMatching(/Record 302 of product null held back: earlier record 301 failed/),
      expect.stringMatching(/Record 303 of product "p#after-keyless" held back: earlier record 302 failed/),
    ]);
  });

  it('answers a batch whose every record fails item by item instead of throwing', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher: throttled('p#all', { on: true }), logger, metrics });

    // Act
    const response = await handler({ Records: [await sell('p#all', 51, 49, '401'), await sell('p#all', 49, 20, '402')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '401' }, { itemIdentifier: '402' }]);
  });

  it('fails the whole invocation when a failed record has no SequenceNumber to report', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const unnamed = await sell('p#unnamed', 51, 49, 'ignored');
    delete unnamed.dynamodb!.SequenceNumber;

    // Act
    const attempt = handler({ Records: [await sell('p#named', 51, 49, '501'), unnamed] }, lambdaContext());

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnreportableRecordFailureError);
    expect(await orders('p#named')).toHaveLength(1);
  });

  it('logs the decisions that order nothing at DEBUG, one line per record, and one INFO summary per batch', async () => {
    // Prepare
    const debugLogger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'DEBUG' });
    const handler = createReplenishmentStreamHandler({ replenisher, logger: debugLogger, metrics });
    const debug = jest.spyOn(debugLogger, 'debug').mockImplementation(() => undefined);
    const info = jest.spyOn(debugLogger, 'info').mockImplementation(() => undefined);
    const stale = dynamodbStreamRecord({ old: seedProduct({ productId: 'p#quiet' }), new: seedProduct({ productId: 'p#quiet', stock: 10 }), sequenceNumber: '602' });

    // Act
    await handler(
      {
        Records: [
          await sell('p#quiet', 80, 70, '601'),
          stale, // the image says 10, the product holds 70
          dynamodbStreamRecord({ old: seedProduct({ productId: 'p#gone', stock: 70 }), sequenceNumber: '603' }),
          await sell('p#loud', 51, 49, '604'),
        ],
      },
      lambdaContext(),
    );

    // Assess: products are decided concurrently, so their lines may come in any order.
    expect(debug).toHaveBeenCalledTimes(3);
    expect(debug.mock.calls).toEqual(expect.arrayContaining([
      ['Position covered by the image: nothing to decide', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '601', decision: 'covered' })],
      ['Position covered by the current product: no order', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '602', decision: 'not-needed' })],
      ['Position covered by the image: nothing to decide', expect.objectContaining({ productId: 'p#gone', sequenceNumber: '603', eventName: 'REMOVE', decision: 'covered' })],
    ]));
    expect(info.mock.calls).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#loud', sequenceNumber: '604', decision: 'created', amountToReplenish: 30 })],
      ['Batch processed', { records: 4, created: 1, covered: 2, notNeeded: 1, superseded: 0, failed: 0, heldBack: 0 }],
    ]);
  });

  it('does not even call the logger for a covered record when DEBUG is off', async () => {
    // Prepare
    const infoLogger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'INFO' });
    const handler = createReplenishmentStreamHandler({ replenisher, logger: infoLogger, metrics });
    const debug = jest.spyOn(infoLogger, 'debug');
    jest.spyOn(infoLogger, 'info').mockImplementation(() => undefined);

    // Act
    await handler({ Records: [await sell('p#silent', 80, 70, '701'), await sell('p#silent', 70, 60, '702')] }, lambdaContext());

    // Assess
    expect(debug).not.toHaveBeenCalled();
  });

  it('decides the shortfalls of many products of one batch, concurrently within the bound and all of them', async () => {
    // Prepare: 40 products go short, each between two records that do not.
    const inFlight = { now: 0, most: 0 };
    const slow: ProductReplenisher = {
      current: async (id) => {
        inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await replenisher.current(id);
        } finally {
          inFlight.now--;
        }
      },
      orderOnce: (order) => replenisher.orderOnce(order),
    };
    const handler = createReplenishmentStreamHandler({ replenisher: slow, logger, metrics, maxConcurrentWrites: 8 });
    const ids = Array.from({ length: 40 }, (_, i) => `p#many-${i}`);
    await Promise.all(ids.map((id) => products.put(seedProduct({ productId: id, stock: 40 }))));
    const at = (id: string, from: number, to: number, sequenceNumber: number) =>
      dynamodbStreamRecord({ old: seedProduct({ productId: id, stock: from }), new: seedProduct({ productId: id, stock: to }), sequenceNumber: String(sequenceNumber) });
    const records = ids.flatMap((id, i) => [at(id, 90, 80, 1000 + 3 * i), at(id, 80, 40, 1001 + 3 * i), at(id, 40, 40, 1002 + 3 * i)]);

    // Act
    const response = await handler({ Records: records }, lambdaContext());

    // Assess: the second short record of each product finds the first one's order.
    expect(response.batchItemFailures).toEqual([]);
    expect(inFlight.most).toBe(8);
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
          const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics, maxConcurrentWrites: 2 });
          const ids = histories.map((_, p) => `p#prop-${run}-${p}`);
          const records: DynamoDBRecord[] = [];
          for (let step = 0; step < Math.max(...histories.map((h) => h.length)); step++) {
            for (const [p, history] of histories.entries()) {
              const stock = history[step];
              if (stock === undefined) continue;
              const previous = history[step - 1];
              records.push(await sell(ids[p] as string, previous ?? stock, stock, String(100_000 + records.length)));
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
