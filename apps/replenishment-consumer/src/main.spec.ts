import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoProductRepository, DynamoReplenishmentRepository, ProductAttribute } from '@shop/inventory-data-access';
import { seedProduct } from '@shop/inventory-domain/testing';
import { readStreamRecords, recordOfWrite, minimalStreamEvent } from '@shop/inventory-feature-replenishment/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { lambdaContext } from '@shop/shared-util-lambda/testing';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type Handler = (typeof import('./main'))['handler'];

describe('replenishment-consumer (main.ts) against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const savedEnv = { ...process.env };
  let tables: TestTables;
  let handler: Handler;
  let products: DynamoProductRepository;
  let replenishments: DynamoReplenishmentRepository;
  let output: string[];

  beforeAll(async () => {
    tables = await createTestTables(raw);
    Object.assign(process.env, tables.env);
    ({ handler } = await import('./main'));
    products = new DynamoProductRepository(documentClient, tables.products);
    replenishments = new DynamoReplenishmentRepository(documentClient, { replenishmentTableName: tables.replenishment, productsTableName: tables.products });
  });
  beforeEach(() => {
    // Logs and EMF metrics are JSON lines on stdout/stderr, as on Lambda: collect them instead of printing.
    output = [];
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(...String(chunk).split('\n').filter(Boolean));
        return true;
      });
    }
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    process.env = savedEnv;
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  const jsonLines = (): Record<string, unknown>[] => output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const emitted = (metric: string): number[] => jsonLines().flatMap((l) => (typeof l[metric] === 'number' ? [l[metric] as number] : []));
  const invoke = (event: DynamoDBStreamEvent) => handler(event, lambdaContext());

  const listed = async (productId: string) => (await replenishments.listByProduct(productId)).items;
  /** Stores `productId` at `stock` (threshold 50, lots of 30) and returns the stream record of that write. */
  const sell = async (productId: string, stock: number, sequenceNumber: string): Promise<DynamoDBRecord> =>
    recordOfWrite(await products.put(seedProduct({ productId, stock })), sequenceNumber);

  it('writes exactly one replenishment for the classic event in one transaction; the same event again changes nothing', async () => {
    // Prepare: the classic event's image has no version, as a product stored before versions.
    await documentClient.send(new PutCommand({ TableName: tables.products, Item: seedProduct({ stock: 49 }) }));
    const requests = jest.spyOn(DynamoDBDocumentClient.prototype, 'send');

    // Act
    const first = await invoke(minimalStreamEvent());
    const sentForFirst = requests.mock.calls.map(([command]) => command.constructor.name);
    const second = await invoke(minimalStreamEvent());

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(sentForFirst).toEqual(['TransactWriteCommand']);
    const orders = await listed('p#1234');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ productId: 'p#1234', amountToReplenish: 30, status: 'PENDING' });
    expect(await products.get('p#1234')).toMatchObject({ stock: 49, onOrder: 30 });
    expect(emitted('ReplenishmentOrdersCreated')).toEqual([1, 0]);
    expect(emitted('ReplenishmentTransactions')).toEqual([1, 1]);
    expect(emitted('SupersededDecisions')).toEqual([0, 1]);
    expect(jsonLines().filter((l) => l['productId'] === 'p#1234' && l['level'] === 'INFO').map((l) => [l['message'], l['sequenceNumber'], l['function_request_id']])).toEqual([
      ['Replenishment order written', 'example', lambdaContext().awsRequestId],
    ]);
  });

  it('turns real stream records from DynamoDB Local into the one replenishment the position needs', async () => {
    // Prepare: create above the threshold, sell below it, sell again while below.
    const productId = 'p#streamed';
    await products.put(seedProduct({ productId, stock: 60, amountToReplenish: 40 }));
    for (const stock of [45, 41]) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tables.products,
          Key: { [ProductAttribute.ProductId]: productId },
          UpdateExpression: 'SET #stock = :stock',
          ExpressionAttributeNames: { '#stock': ProductAttribute.Stock },
          ExpressionAttributeValues: { ':stock': stock },
        }),
      );
    }
    const records = (await readStreamRecords(tables.products)).filter((r) => r.dynamodb?.Keys?.['productId']?.S === productId);

    // Act
    const first = await invoke({ Records: records });
    const redelivered = await invoke({ Records: records });

    // Assess
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    const orders = await listed(productId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ amountToReplenish: 40, status: 'PENDING' });
    expect(await products.get(productId)).toMatchObject({ stock: 41, onOrder: 40 });
  });

  it('writes 3 replenishments for 100 records over 10 products of which 3 go short, one transaction per short product, and none more for the batch again', async () => {
    // Prepare: products 0-2 sell 6 a step from 100 (below 50 from 46 on, ending at 40); 3-9 sell 5 from 200.
    const records: DynamoDBRecord[] = [];
    for (let step = 1; step <= 10; step++) {
      for (let p = 0; p < 10; p++) {
        const [start, sold] = p < 3 ? [100, 6] : [200, 5];
        records.push(await sell(`p#bulk-${p}`, start - sold * step, String(1000 + records.length)));
      }
    }

    // Act
    const first = await invoke({ Records: records });
    const again = await invoke({ Records: records });

    // Assess: each product decided once, from its latest image.
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    const counts = await Promise.all(Array.from({ length: 10 }, (_, p) => listed(`p#bulk-${p}`).then((o) => o.length)));
    expect(counts).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(emitted('ReplenishmentOrdersCreated')).toEqual([3, 0]);
    expect(emitted('ReplenishmentTransactions')).toEqual([3, 3]);
    expect(emitted('CoalescedRecords')).toEqual([90, 90]);
    expect(jsonLines().filter((l) => l['message'] === 'Batch processed')).toEqual([
      expect.objectContaining({ level: 'INFO', records: 100, created: 3, covered: 7, superseded: 0, coalesced: 90, failed: 0, function_request_id: lambdaContext().awsRequestId }),
      expect.objectContaining({ level: 'INFO', records: 100, created: 0, covered: 7, superseded: 3, coalesced: 90, failed: 0 }),
    ]);
  });

  it('reports the record whose throttled transaction failed, and writes the rest', async () => {
    // Prepare: DynamoDB Local does not throttle, so the one transaction for p#throttled is rejected here.
    const send = DynamoDBDocumentClient.prototype.send;
    jest.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, command: unknown) {
      if (command instanceof TransactWriteCommand && command.input.TransactItems?.some((item) => item.Update?.Key?.['productId'] === 'p#throttled')) {
        return Promise.reject(new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} }));
      }
      return (send as (c: unknown) => Promise<unknown>).call(this, command);
    } as never);
    const records = [
      await sell('p#ok-1', 49, '2001'),
      await sell('p#throttled', 49, '2002'),
      await sell('p#ok-2', 49, '2003'),
      await sell('p#throttled', 40, '2004'),
      await sell('p#ok-1', 48, '2005'),
    ];

    // Act
    const response = await invoke({ Records: records });

    // Assess: 2002 was decided by 2004, whose decision failed: only 2004 is retried.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '2004' }]);
    expect(await listed('p#ok-1')).toHaveLength(1);
    expect(await listed('p#ok-2')).toHaveLength(1);
    expect(await listed('p#throttled')).toEqual([]);
    expect(emitted('FailedRecords')).toEqual([1]);
    const failed = jsonLines().find((l) => l['message'] === 'Record failed');
    expect(failed).toMatchObject({ level: 'ERROR', productId: 'p#throttled', sequenceNumber: '2004', error: { name: 'ProvisionedThroughputExceededException' } });
  });
});

describe('replenishment-consumer configuration', () => {
  it('fails at init, naming the variable, when REPLENISHMENT_TABLE_NAME is missing', async () => {
    // Prepare
    const saved = process.env['REPLENISHMENT_TABLE_NAME'];
    delete process.env['REPLENISHMENT_TABLE_NAME'];

    // Act
    const load = jest.isolateModulesAsync(async () => {
      await import('./main');
    });

    // Assess
    try {
      await expect(load).rejects.toThrow(/Missing required environment variables?: (\w+, )*REPLENISHMENT_TABLE_NAME[,.]/);
    } finally {
      if (saved !== undefined) process.env['REPLENISHMENT_TABLE_NAME'] = saved;
    }
  });
});
