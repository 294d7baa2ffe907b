import {
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { shopSynthFixture, SHOP_FIXTURE } from '@shop/shared-util-iam-policy/testing';
import { createProxyTestTables, recordingLogger as quiet, type ProxyTestTables } from '../testing/proxy-test-tables';
import { StreamNotProvisionedError } from './errors';
import { startFunctionIamProxies, type FunctionIamProxies } from './function-proxies';

const target = process.env['AWS_ENDPOINT_URL_DYNAMODB'] as string;
const direct = new DynamoDBClient({ endpoint: target });
const clientsFor = (iam: FunctionIamProxies, functionName: string) => ({
  ddb: new DynamoDBClient({ endpoint: iam.endpointFor(functionName), maxAttempts: 1 }),
  streams: new DynamoDBStreamsClient({ endpoint: iam.endpointFor(functionName), maxAttempts: 1 }),
});

describe('startFunctionIamProxies', () => {
  const started: FunctionIamProxies[] = [];
  const start = async (options: Partial<Parameters<typeof startFunctionIamProxies>[0]> = {}) => {
    const iam = await startFunctionIamProxies({ synth: shopSynthFixture({ tableNames }), target, logger: quiet(), ...options });
    started.push(iam);
    return iam;
  };
  let tables: ProxyTestTables;
  let tableNames: ProxyTestTables['names'];
  let localStreamArn: string;

  beforeAll(async () => {
    // What the local stack's provisioning creates from the synth (keys, GSI, stream as declared).
    tables = await createProxyTestTables(direct, 'fn');
    tableNames = tables.names;
    localStreamArn = tables.localStreamArn;
  });

  afterAll(async () => {
    await Promise.all(started.map((iam) => iam.stop()));
    await tables.delete();
    direct.destroy();
  });

  it("gives the consumer exactly its synthesized role: the Products stream and PutItem on Replenishment", async () => {
    // Prepare
    const iam = await start();
    const { ddb, streams } = clientsFor(iam, SHOP_FIXTURE.consumerFunction);

    // Act
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: localStreamArn }));
    const put = await ddb.send(new PutItemCommand({ TableName: tableNames.replenishment, Item: { replenishmentId: { S: 'r-1' }, productId: { S: 'p-1' }, createdAt: { S: '2026-01-01' } } }));
    const toOrders = await ddb.send(new PutItemCommand({ TableName: tableNames.orders, Item: { orderId: { S: 'o-1' } } })).catch((e: unknown) => e);

    // Assess
    expect(stream.StreamDescription?.StreamArn).toBe(localStreamArn);
    expect(put.$metadata.httpStatusCode).toBe(200);
    expect(toOrders).toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(
        new RegExp(`^User: arn:aws:sts::000000000000:assumed-role/${SHOP_FIXTURE.consumerRole}/${SHOP_FIXTURE.consumerFunction} is not authorized to perform: dynamodb:PutItem`),
      ),
    });
  });

  it('gives the orders API its transaction and index but not the stream', async () => {
    // Prepare
    const iam = await start();
    const { ddb, streams } = clientsFor(iam, SHOP_FIXTURE.ordersApiFunction);

    // Act
    const order = await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableNames.products, Item: { productId: { S: 'p-1' } } } },
          { Put: { TableName: tableNames.orders, Item: { orderId: { S: 'o-2' } } } },
        ],
      }),
    );
    const byProduct = await ddb.send(
      new QueryCommand({ TableName: tableNames.replenishment, IndexName: 'byProductId', KeyConditionExpression: 'productId = :p', ExpressionAttributeValues: { ':p': { S: 'p-1' } } }),
    );
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: localStreamArn })).catch((e: unknown) => e);

    // Assess
    expect(order.$metadata.httpStatusCode).toBe(200);
    expect(byProduct.Items?.map((i) => i['replenishmentId']?.S)).toEqual(['r-1']);
    expect(stream).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`dynamodb:DescribeStream on resource: arn:aws:dynamodb:us-east-1:000000000000:table/${tableNames.products}/stream/`) });
  });

  it("denies a consumer policy that grants PutItem on the wrong table its replenishment write in enforce mode and lets it through in warn mode", async () => {
    // Prepare
    const synth = shopSynthFixture({ tableNames, consumerWritesTo: 'orders' });
    const logger = quiet();
    const enforce = clientsFor(await start({ synth }), SHOP_FIXTURE.consumerFunction);
    const warn = clientsFor(await start({ synth, mode: 'warn', logger }), SHOP_FIXTURE.consumerFunction);
    const write = { TableName: tableNames.replenishment, Item: { replenishmentId: { S: 'r-seed' }, productId: { S: 'p-2' }, createdAt: { S: '2026-01-02' } } };

    // Act
    const denied = await enforce.ddb.send(new PutItemCommand(write)).catch((e: unknown) => e);
    const warned = await warn.ddb.send(new PutItemCommand(write));

    // Assess
    expect(denied).toMatchObject({ name: 'AccessDeniedException' });
    expect(warned.$metadata.httpStatusCode).toBe(200);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('nearest: statement "WriteReplenishment" (#3) of inline policy "replenishment-consumer"'), expect.anything());
  });

  it('starts no proxy and reads no policy when off: functions reach DynamoDB Local directly', async () => {
    // Prepare: a policy this tool cannot read must not block the escape hatch
    const synth = shopSynthFixture({ tableNames }) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    (synth.resource['aws_iam_role_policy']?.['OrdersApi_Policy_4B5C6D7E'] as Record<string, unknown>)['policy'] = '${join("", [])}';

    // Act
    const iam = await start({ synth, mode: 'off' });

    // Assess
    expect(iam.proxies.size).toBe(0);
    expect(iam.endpointFor(SHOP_FIXTURE.ordersApiFunction)).toBe(target);
    expect(() => iam.endpointFor('nope')).toThrow(/No function nope/);
    expect(() => iam.authorizeInProcess(SHOP_FIXTURE.ordersApiFunction, { middlewareStack: undefined as never })).not.toThrow();
    expect(() => iam.authorizeInProcess('nope', { middlewareStack: undefined as never })).toThrow(/No function nope/);
    await expect(start({ synth })).rejects.toThrow(/function join\(\) is not supported/);
  });

  it('needs the streamed tables provisioned first, and knows only the functions of the synth', async () => {
    // Prepare
    const unprovisioned = shopSynthFixture({ tableNames: { products: `${tableNames.products}-missing` } });
    const iam = await start();

    // Act / Assess
    await expect(start({ synth: unprovisioned })).rejects.toThrow(StreamNotProvisionedError);
    expect(() => iam.endpointFor('nope')).toThrow(`No IAM proxy for function nope; the synth has ${SHOP_FIXTURE.consumerFunction}, ${SHOP_FIXTURE.ordersApiFunction}`);
  });
});
