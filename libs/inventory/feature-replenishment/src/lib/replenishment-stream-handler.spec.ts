import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoReplenishmentRepository, DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import type { Product, ReplenishmentWriter } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { dynamodbStreamRecord, lambdaContext, seedTestEvent } from '../testing';
import { UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from './metric-names';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

const product = (productId: string, stock: number): Product => seedProduct({ productId, stock });
/** A record of `productId` moving from `from` to `to` units (threshold 50). */
const move = (productId: string, from: number, to: number, sequenceNumber: string): DynamoDBRecord =>
  dynamodbStreamRecord({ old: product(productId, from), new: product(productId, to), sequenceNumber });

describe('createReplenishmentStreamHandler against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
  let tables: TestTables;
  let replenishments: DynamoReplenishmentRepository;
  let writer: DynamoReplenishmentWriter;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    replenishments = new DynamoReplenishmentRepository(documentClient, {
      replenishmentTableName: tables.replenishment,
      productsTableName: tables.products,
    });
    writer = new DynamoReplenishmentWriter(documentClient, tables.replenishment);
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

  /** The real writer, except that writes for `productId` are throttled while `failing` says so. */
  const throttled = (productId: string, failing: { on: boolean }): ReplenishmentWriter => ({
    createOnce: (order) =>
      failing.on && order.productId === productId
        ? Promise.reject(new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} }))
        : writer.createOnce(order),
  });
  const metricCounts = (spy: jest.SpyInstance): Record<string, number> =>
    Object.fromEntries(spy.mock.calls.map(([name, , value]) => [name as string, value as number]));

  it("writes exactly one replenishment for the seed article's event, and none more when it comes again", async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
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
    const orders = await replenishments.listByProduct('p#1234');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ productId: 'p#1234', amountToReplenish: 30, status: 'PENDING', source: { eventID: 'example', sequenceNumber: 'example' } });
    expect(info.mock.calls.filter(([message]) => message !== 'Batch processed').map(([message, extra]) => [message, extra])).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#1234', sequenceNumber: 'example', decision: 'created' })],
      [
        'Duplicate delivery ignored: replenishment order already written',
        expect.objectContaining({ productId: 'p#1234', sequenceNumber: 'example', decision: 'duplicate', replenishmentId: orders[0]?.replenishmentId }),
      ],
    ]);
    expect(firstMetrics).toEqual({ [ReplenishmentMetric.OrdersCreated]: 1, [ReplenishmentMetric.DuplicateDeliveries]: 0, [ReplenishmentMetric.FailedRecords]: 0 });
    expect(metricCounts(addMetric)).toEqual({ [ReplenishmentMetric.OrdersCreated]: 0, [ReplenishmentMetric.DuplicateDeliveries]: 1, [ReplenishmentMetric.FailedRecords]: 0 });
  });

  it('reports a failed write and every later record of that product, and carries on with the others', async () => {
    // Prepare
    const failing = { on: true };
    const handler = createReplenishmentStreamHandler({ writer: throttled('p#b', failing), logger, metrics });
    const error = jest.spyOn(logger, 'error');
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const event = {
      Records: [
        move('p#a', 51, 49, '101'),
        move('p#b', 60, 45, '102'), // crossing; its write is throttled
        move('p#a', 49, 47, '103'),
        move('p#b', 45, 80, '104'), // restock: no crossing, but after a failure of p#b
        move('p#c', 50, 10, '105'),
        move('p#b', 80, 20, '106'), // a second crossing of p#b: must wait for the first
      ],
    };

    // Act
    const response = await handler(event, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '102' }, { itemIdentifier: '104' }, { itemIdentifier: '106' }]);
    expect(await replenishments.listByProduct('p#a')).toHaveLength(1);
    expect(await replenishments.listByProduct('p#c')).toHaveLength(1);
    expect(await replenishments.listByProduct('p#b')).toEqual([]);
    expect(error.mock.calls.map(([message, extra]) => [message, (extra as { sequenceNumber: string }).sequenceNumber])).toEqual([
      ['Record failed', '102'],
      ['Record held back: an earlier record of this product failed', '104'],
      ['Record held back: an earlier record of this product failed', '106'],
    ]);
    expect(metricCounts(addMetric)[ReplenishmentMetric.FailedRecords]).toBe(3);

    // Act: Lambda retries from the lowest failed record; here the whole batch again, throttling over.
    failing.on = false;
    const retry = await handler(event, lambdaContext());

    // Assess
    expect(retry.batchItemFailures).toEqual([]);
    expect((await replenishments.listByProduct('p#b')).map((o) => o.source.sequenceNumber).sort()).toEqual(['102', '106']);
    expect(await replenishments.listByProduct('p#a')).toHaveLength(1);
    expect(await replenishments.listByProduct('p#c')).toHaveLength(1);
  });

  it('fails a record that lacks an image the rule needs, and holds back that product', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
    const withoutOldImage = dynamodbStreamRecord({ eventName: 'MODIFY', new: product('p#no-old', 10), sequenceNumber: '201' });

    // Act
    const response = await handler(
      { Records: [withoutOldImage, move('p#no-old', 10, 5, '202'), move('p#fine', 55, 45, '203')] },
      lambdaContext(),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '201' }, { itemIdentifier: '202' }]);
    expect(await replenishments.listByProduct('p#fine')).toHaveLength(1);
  });

  it('holds back every later record after a failure whose product cannot be told', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
    const keyless = move('p#keyless', 51, 49, '302');
    delete keyless.dynamodb!.Keys;

    // Act
    const response = await handler({ Records: [move('p#before-keyless', 51, 49, '301'), keyless, move('p#after-keyless', 51, 49, '303')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '302' }, { itemIdentifier: '303' }]);
    expect(await replenishments.listByProduct('p#before-keyless')).toHaveLength(1);
    expect(await replenishments.listByProduct('p#after-keyless')).toEqual([]);
  });

  it('answers a batch whose every record fails item by item instead of throwing', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer: throttled('p#all', { on: true }), logger, metrics });

    // Act
    const response = await handler({ Records: [move('p#all', 51, 49, '401'), move('p#all', 49, 60, '402')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '401' }, { itemIdentifier: '402' }]);
  });

  it('fails the whole invocation when a failed record has no SequenceNumber to report', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
    const unnamed = move('p#unnamed', 51, 49, 'ignored');
    delete unnamed.dynamodb!.SequenceNumber;

    // Act
    const attempt = handler({ Records: [move('p#named', 51, 49, '501'), unnamed] }, lambdaContext());

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnreportableRecordFailureError);
    expect(await replenishments.listByProduct('p#named')).toHaveLength(1);
  });

  it('logs no crossing at DEBUG, one line per record, and one INFO summary per batch', async () => {
    // Prepare
    const debugLogger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'DEBUG' });
    const handler = createReplenishmentStreamHandler({ writer, logger: debugLogger, metrics });
    const debug = jest.spyOn(debugLogger, 'debug').mockImplementation(() => undefined);
    const info = jest.spyOn(debugLogger, 'info').mockImplementation(() => undefined);

    // Act
    await handler(
      {
        Records: [
          move('p#quiet', 80, 70, '601'),
          dynamodbStreamRecord({ old: product('p#quiet', 70), sequenceNumber: '602' }),
          move('p#loud', 51, 49, '603'),
        ],
      },
      lambdaContext(),
    );

    // Assess
    expect(debug.mock.calls).toEqual([
      ['No threshold crossing', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '601', eventName: 'MODIFY', decision: 'no-crossing' })],
      ['No threshold crossing', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '602', eventName: 'REMOVE', decision: 'no-crossing' })],
    ]);
    expect(info.mock.calls).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#loud', sequenceNumber: '603', decision: 'created' })],
      ['Batch processed', { records: 3, created: 1, duplicates: 0, noCrossing: 2, failed: 0, heldBack: 0 }],
    ]);
  });

  it('does not even call the logger for a no-crossing record when DEBUG is off', async () => {
    // Prepare
    const infoLogger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'INFO' });
    const handler = createReplenishmentStreamHandler({ writer, logger: infoLogger, metrics });
    const debug = jest.spyOn(infoLogger, 'debug');
    const info = jest.spyOn(infoLogger, 'info').mockImplementation(() => undefined);

    // Act
    await handler({ Records: [move('p#silent', 80, 70, '701'), move('p#silent', 70, 60, '702')] }, lambdaContext());

    // Assess
    expect(debug).not.toHaveBeenCalled();
    expect(info.mock.calls).toEqual([['Batch processed', { records: 2, created: 0, duplicates: 0, noCrossing: 2, failed: 0, heldBack: 0 }]]);
  });

  it('writes the crossings of many products of one batch, concurrently and all of them', async () => {
    // Prepare: 40 products cross, each between two records that do not.
    const inFlight = { now: 0, most: 0 };
    const slowWriter: ReplenishmentWriter = {
      createOnce: async (order) => {
        inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await writer.createOnce(order);
        } finally {
          inFlight.now--;
        }
      },
    };
    const handler = createReplenishmentStreamHandler({ writer: slowWriter, logger, metrics, maxConcurrentWrites: 8 });
    const ids = Array.from({ length: 40 }, (_, i) => `p#many-${i}`);
    const records = ids.flatMap((id, i) => [move(id, 90, 80, `${1000 + 3 * i}`), move(id, 80, 40, `${1001 + 3 * i}`), move(id, 40, 30, `${1002 + 3 * i}`)]);

    // Act
    const response = await handler({ Records: records }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(inFlight.most).toBe(8);
    for (const id of ids) {
      expect((await replenishments.listByProduct(id)).map((o) => o.source.sequenceNumber)).toEqual([`${1001 + 3 * ids.indexOf(id)}`]);
    }
  });

  it("keeps each product's order and its failures while other products are written concurrently", async () => {
    // Prepare: p#slow's first write is slow and fails; its later crossing must not be written
    // before (or without) it, while p#fast's crossings go on.
    const started: string[] = [];
    const failingFirst: ReplenishmentWriter = {
      createOnce: async (order) => {
        started.push(order.source.sequenceNumber);
        if (order.source.sequenceNumber === '801') {
          await new Promise((resolve) => setTimeout(resolve, 50));
          throw new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
        }
        return writer.createOnce(order);
      },
    };
    const handler = createReplenishmentStreamHandler({ writer: failingFirst, logger, metrics });
    const error = jest.spyOn(logger, 'error');

    // Act
    const response = await handler(
      {
        Records: [
          move('p#slow', 51, 49, '801'), // slow, then fails
          move('p#fast', 51, 49, '802'),
          move('p#slow', 49, 80, '803'), // restock: held back
          move('p#fast', 49, 80, '804'),
          move('p#slow', 80, 10, '805'), // crossing: held back, never written
          move('p#fast', 80, 10, '806'),
        ],
      },
      lambdaContext(),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '801' }, { itemIdentifier: '803' }, { itemIdentifier: '805' }]);
    expect(started).toEqual(['801', '802', '806']);
    expect((await replenishments.listByProduct('p#fast')).map((o) => o.source.sequenceNumber).sort()).toEqual(['802', '806']);
    expect(await replenishments.listByProduct('p#slow')).toEqual([]);
    expect(error.mock.calls.map(([message, extra]) => [message, (extra as { sequenceNumber: string }).sequenceNumber])).toEqual([
      ['Record failed', '801'],
      ['Record held back: an earlier record of this product failed', '803'],
      ['Record held back: an earlier record of this product failed', '805'],
    ]);
  });

  it('holds a keyless record back by an earlier failure of any product', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer: throttled('p#throttled', { on: true }), logger, metrics });
    const keyless = move('p#keyless-2', 51, 49, '902');
    delete keyless.dynamodb!.Keys;
    const error = jest.spyOn(logger, 'error');

    // Act
    const response = await handler({ Records: [move('p#throttled', 51, 49, '901'), keyless, move('p#after', 51, 49, '903')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '901' }, { itemIdentifier: '902' }, { itemIdentifier: '903' }]);
    expect(error.mock.calls.map(([, extra]) => (extra as { error: Error }).error.message)).toEqual([
      expect.stringMatching(/Rate of requests/),
      expect.stringMatching(/Record 902 of product null held back: earlier record 901 failed/),
      expect.stringMatching(/Record 903 of product "p#after" held back: earlier record 902 failed/),
    ]);
  });

  it('fails a record whose stock or threshold is malformed, and holds back that product', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
    const malformed = move('p#malformed', 80, 70, '1101');
    malformed.dynamodb!.OldImage!['stock'] = { N: '80.5' };

    // Act
    const response = await handler({ Records: [malformed, move('p#malformed', 70, 10, '1102'), move('p#ok', 51, 49, '1103')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1101' }, { itemIdentifier: '1102' }]);
    expect(await replenishments.listByProduct('p#malformed')).toEqual([]);
    expect(await replenishments.listByProduct('p#ok')).toHaveLength(1);
  });

  it('writes one order per episode below the threshold, over any interleaving of products and any batch size (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Per product, its stock over time (threshold 50): created with the first, then changed.
        fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 4 }),
        async (histories, batchSize, maxConcurrentWrites) => {
          // Prepare: the products' records interleaved round-robin, as one stream.
          run++;
          const handler = createReplenishmentStreamHandler({ writer, logger, metrics, maxConcurrentWrites });
          const ids = histories.map((_, p) => `p#prop-${run}-${p}`);
          const records: DynamoDBRecord[] = [];
          for (let step = 0; step < Math.max(...histories.map((h) => h.length)); step++) {
            histories.forEach((history, p) => {
              const stock = history[step];
              if (stock === undefined) return;
              const previous = history[step - 1];
              records.push(
                dynamodbStreamRecord({
                  old: previous === undefined ? undefined : product(ids[p] as string, previous),
                  new: product(ids[p] as string, stock),
                  sequenceNumber: String(100_000 + records.length),
                }),
              );
            });
          }

          // Act
          for (let start = 0; start < records.length; start += batchSize) {
            const response = await handler({ Records: records.slice(start, start + batchSize) }, lambdaContext());
            expect(response.batchItemFailures).toEqual([]);
          }

          // Assess
          for (const [p, history] of histories.entries()) {
            const episodes = history.filter((stock, i) => stock < 50 && (i === 0 || (history[i - 1] as number) >= 50)).length;
            expect(await replenishments.listByProduct(ids[p] as string)).toHaveLength(episodes);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
