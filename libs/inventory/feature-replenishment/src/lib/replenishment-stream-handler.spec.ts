import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createInventoryTestbed, type InventoryTestbed } from '@shop/inventory-data-access/testing';
import type { ProductReplenisher } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { DynamoDBRecord } from 'aws-lambda';
import { dynamodbStreamRecord, recordOfWrite, minimalStreamEvent } from '../testing';
import { UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from '@shop/shared-util-lambda';
import { createReplenishmentStreamHandler } from './replenishment-stream-handler';

const throttling = () => new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });

describe('createReplenishmentStreamHandler against DynamoDB Local: failures, logs and metrics', () => {
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
  let bed: InventoryTestbed;
  let products: InventoryTestbed['products'];
  let replenisher: InventoryTestbed['replenisher'];

  beforeAll(async () => {
    bed = await createInventoryTestbed();
    ({ products, replenisher } = bed);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    metrics.clearMetrics();
  });
  afterAll(() => bed.dispose());

  /** Stores `productId` at `stock` units (threshold 50, lots of 30) and returns the record of that write. */
  const sell = async (productId: string, stock: number, sequenceNumber: string): Promise<DynamoDBRecord> =>
    recordOfWrite(await products.put(seedProduct({ productId, stock })), sequenceNumber);
  /** The real replenisher, except that transactions for `productIds` are throttled while `failing` says so. */
  const throttled = (productIds: readonly string[], failing = { on: true }): ProductReplenisher => ({
    orderOnce: (order) => (failing.on && productIds.includes(order.productId) ? Promise.reject(throttling()) : replenisher.orderOnce(order)),
  });
  const orders = async (productId: string) => (await bed.replenishments.listByProduct(productId)).items;
  const metricCounts = (spy: jest.SpyInstance): Record<string, number> =>
    Object.fromEntries(spy.mock.calls.map(([name, , value]) => [name as string, value as number]));

  it('orders exactly one replenishment for the minimal event (a product stored before versions), and none more when it comes again', async () => {
    // Prepare: the minimal event's image has no version, as the product it describes.
    await bed.documentClient.send(new PutCommand({ TableName: bed.tables.products, Item: seedProduct({ stock: 49 }) }));
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const info = jest.spyOn(logger, 'info');
    const addMetric = jest.spyOn(metrics, 'addMetric');

    // Act
    const first = await handler(minimalStreamEvent(), lambdaContext());
    const firstMetrics = metricCounts(addMetric);
    addMetric.mockClear();
    const second = await handler(minimalStreamEvent(), lambdaContext());

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    const written = await orders('p#1234');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ productId: 'p#1234', amountToReplenish: 30, status: 'PENDING', productVersion: 0 });
    expect(await products.get('p#1234')).toMatchObject({ stock: 49, onOrder: 30, version: 1 });
    expect(info.mock.calls.filter(([message]) => message !== 'Batch processed').map(([message, extra]) => [message, extra])).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#1234', sequenceNumber: 'example', decision: 'created', replenishmentId: written[0]?.replenishmentId })],
    ]);
    expect(firstMetrics).toEqual({
      [ReplenishmentMetric.OrdersCreated]: 1,
      [ReplenishmentMetric.Transactions]: 1,
      [ReplenishmentMetric.SupersededDecisions]: 0,
      [ReplenishmentMetric.CoalescedRecords]: 0,
      [ReplenishmentMetric.FailedRecords]: 0,
    });
    expect(metricCounts(addMetric)).toMatchObject({ [ReplenishmentMetric.OrdersCreated]: 0, [ReplenishmentMetric.Transactions]: 1, [ReplenishmentMetric.SupersededDecisions]: 1 });
  });

  it('reports only the record a failed decision was made from, carries on with the other products, and decides it on the retry', async () => {
    // Prepare
    const failing = { on: true };
    const handler = createReplenishmentStreamHandler({ replenisher: throttled(['p#b'], failing), logger, metrics });
    const error = jest.spyOn(logger, 'error');
    const event = {
      Records: [
        await sell('p#a', 49, '101'),
        await sell('p#b', 45, '102'), // short, but p#b's later record decides for it
        await sell('p#a', 47, '103'),
        await sell('p#b', 20, '104'), // short; its transaction is throttled
        await sell('p#c', 10, '105'),
      ],
    };

    // Act
    const response = await handler(event, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '104' }]);
    expect((await orders('p#a')).map((o) => o.amountToReplenish)).toEqual([30]);
    expect((await orders('p#c')).map((o) => o.amountToReplenish)).toEqual([60]);
    expect(await orders('p#b')).toEqual([]);
    expect(error.mock.calls.map(([message, extra]) => [message, (extra as { sequenceNumber: string }).sequenceNumber])).toEqual([['Record failed', '104']]);

    // Act: Lambda retries from the lowest failed record, the throttling over.
    failing.on = false;
    const retry = await handler({ Records: event.Records.slice(3) }, lambdaContext());

    // Assess: one order for p#b's shortfall (stock 20: 30 on order brings it to 50).
    expect(retry.batchItemFailures).toEqual([]);
    expect((await orders('p#b')).map((o) => o.amountToReplenish)).toEqual([30]);
    expect(await orders('p#a')).toHaveLength(1);
  });

  it('fails a record whose image is malformed and holds back that product, deciding from its latest good record before it', async () => {
    // Prepare: record 200 is the product's current state; 201 is malformed, 202 comes after it.
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const good = await sell('p#malformed', 40, '200');
    const malformed = dynamodbStreamRecord({ new: seedProduct({ productId: 'p#malformed', stock: 70 }), eventName: 'MODIFY', sequenceNumber: '201' });
    malformed.dynamodb!.NewImage!['stock'] = { N: '70.5' };
    const after = dynamodbStreamRecord({ new: seedProduct({ productId: 'p#malformed', stock: 10 }), eventName: 'MODIFY', sequenceNumber: '202' });

    // Act
    const response = await handler({ Records: [good, malformed, await sell('p#fine', 45, '203'), after] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '201' }, { itemIdentifier: '202' }]);
    expect(await orders('p#fine')).toHaveLength(1);
    expect((await orders('p#malformed')).map((o) => o.amountToReplenish)).toEqual([30]);
  });

  it('holds back every later record after a record whose product cannot be told, itself held back by any earlier failure', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher: throttled(['p#throttled']), logger, metrics });
    const keyless = await sell('p#keyless', 49, '302');
    delete keyless.dynamodb!.Keys;
    const error = jest.spyOn(logger, 'error');

    // Act
    const response = await handler(
      { Records: [await sell('p#before-keyless', 49, '300'), await sell('p#throttled', 49, '301'), keyless, await sell('p#after-keyless', 49, '303')] },
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

  it('answers a batch whose every decision fails item by item instead of throwing', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher: throttled(['p#all-1', 'p#all-2']), logger, metrics });

    // Act
    const response = await handler({ Records: [await sell('p#all-1', 49, '401'), await sell('p#all-2', 20, '402')] }, lambdaContext());

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '401' }, { itemIdentifier: '402' }]);
  });

  it('fails the whole invocation when a failed record has no SequenceNumber to report', async () => {
    // Prepare
    const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
    const unnamed = await sell('p#unnamed', 49, 'ignored');
    delete unnamed.dynamodb!.SequenceNumber;

    // Act
    const attempt = handler({ Records: [await sell('p#named', 49, '501'), unnamed] }, lambdaContext());

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
    const stale = await sell('p#stale', 10, '605');
    await products.put(seedProduct({ productId: 'p#stale', stock: 70 }));

    // Act
    await handler(
      {
        Records: [
          await sell('p#quiet', 80, '601'),
          await sell('p#quiet', 70, '602'),
          dynamodbStreamRecord({ old: seedProduct({ productId: 'p#gone', stock: 70 }), sequenceNumber: '603' }),
          await sell('p#loud', 49, '604'),
          stale, // the image says 10, the product holds 70 since
        ],
      },
      lambdaContext(),
    );

    // Assess: products are decided concurrently, so their lines may come in any order.
    expect(debug).toHaveBeenCalledTimes(4);
    expect(debug.mock.calls).toEqual(expect.arrayContaining([
      ['Left to a later record of this product in the batch', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '601', decision: 'coalesced' })],
      ['Position covered by the image: nothing to decide', expect.objectContaining({ productId: 'p#quiet', sequenceNumber: '602', decision: 'covered' })],
      ['Position covered by the image: nothing to decide', expect.objectContaining({ productId: 'p#gone', sequenceNumber: '603', eventName: 'REMOVE', decision: 'covered' })],
      ["Image no longer current: left to the product's later record", expect.objectContaining({ productId: 'p#stale', sequenceNumber: '605', decision: 'superseded' })],
    ]));
    expect(info.mock.calls).toEqual([
      ['Replenishment order written', expect.objectContaining({ productId: 'p#loud', sequenceNumber: '604', decision: 'created', amountToReplenish: 30 })],
      ['Batch processed', { records: 5, created: 1, covered: 2, superseded: 1, coalesced: 1, failed: 0, heldBack: 0 }],
    ]);
  });

  it('does not even call the logger for a covered or coalesced record when DEBUG is off', async () => {
    // Prepare
    const infoLogger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'INFO' });
    const handler = createReplenishmentStreamHandler({ replenisher, logger: infoLogger, metrics });
    const debug = jest.spyOn(infoLogger, 'debug');
    jest.spyOn(infoLogger, 'info').mockImplementation(() => undefined);

    // Act
    await handler({ Records: [await sell('p#silent', 70, '701'), await sell('p#silent', 60, '702')] }, lambdaContext());

    // Assess
    expect(debug).not.toHaveBeenCalled();
  });
});
