import { connect } from 'node:net';
import { crc32 } from 'node:zlib';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ReturnValue,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { PolicyKind, type PolicyStatement } from '@shop/shared-util-iam-policy';
import { createProxyTestTables, recordingLogger as logger, type ProxyTestTables } from '../testing/proxy-test-tables';
import { startIamProxy, type IamProxy, type IamProxyOptions } from './iam-proxy';

const directEndpoint = process.env['AWS_ENDPOINT_URL_DYNAMODB'] as string;
const direct = new DynamoDBClient({ endpoint: directEndpoint });
const arn = (table: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`;
const roleArn = 'arn:aws:iam::000000000000:role/shop-dev-replenishment-consumer';
const principal = 'arn:aws:sts::000000000000:assumed-role/shop-dev-replenishment-consumer/shop-dev-replenishment-consumer';

const policy = (...statements: PolicyStatement[]) => [{ name: 'consumer', kind: PolicyKind.Inline, document: { Version: '2012-10-17', Statement: statements } }];

const originalEndpoints = [process.env['AWS_ENDPOINT_URL_DYNAMODB'], process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS']] as const;

/**
 * SDK clients that find the proxy the standard way, through AWS_ENDPOINT_URL_DYNAMODB(_STREAMS), as
 * handlers do. The SDK reads the variable at a client's first request, so it stays set until the
 * test ends (afterEach restores it).
 */
function clientsThrough(proxy: IamProxy): { ddb: DynamoDBClient; streams: DynamoDBStreamsClient } {
  process.env['AWS_ENDPOINT_URL_DYNAMODB'] = proxy.endpoint;
  process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'] = proxy.endpoint;
  return { ddb: new DynamoDBClient({ maxAttempts: 1 }), streams: new DynamoDBStreamsClient({ maxAttempts: 1 }) };
}

describe('startIamProxy against DynamoDB Local', () => {
  let tables: ProxyTestTables;
  let names: ProxyTestTables['names'];
  let streamArn: string;
  let consumerStatements: PolicyStatement[];
  const proxies: IamProxy[] = [];
  const start = async (options: Partial<IamProxyOptions> = {}) => {
    const proxy = await startIamProxy({ target: directEndpoint, roleArn, sessionName: 'shop-dev-replenishment-consumer', policies: policy(...consumerStatements), logger: logger(), ...options });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    tables = await createProxyTestTables(direct, 'iam');
    names = tables.names;
    streamArn = `${arn(names.products)}/stream/${tables.streamLabel}`;
    consumerStatements = [
      { Sid: 'ReadProductsStream', Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'], Resource: streamArn },
      { Sid: 'ListStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' },
      { Sid: 'WriteReplenishment', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arn(names.replenishment) },
      { Sid: 'ByProduct', Effect: 'Allow', Action: 'dynamodb:Query', Resource: `${arn(names.replenishment)}/index/byProductId` },
    ];
  });

  afterEach(() => {
    [process.env['AWS_ENDPOINT_URL_DYNAMODB'], process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS']] = originalEndpoints;
  });

  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    await tables.delete();
    direct.destroy();
  });

  const exists = async (table: string, key: Record<string, { S: string }>) => (await direct.send(new GetItemCommand({ TableName: table, Key: key }))).Item !== undefined;

  it('forwards an allowed PutItem from the real SDK client, which succeeds', async () => {
    // Prepare
    const proxy = await start();
    const { ddb } = clientsThrough(proxy);

    // Act
    await ddb.send(new PutItemCommand({ TableName: names.replenishment, Item: { replenishmentId: { S: 'r-allowed' }, productId: { S: 'p-1' } } }));

    // Assess
    expect(await exists(names.replenishment, { replenishmentId: { S: 'r-allowed' } })).toBe(true);
    expect(proxy.stats()).toMatchObject({ requests: 1, allowed: 1, denied: 0 });
  });

  it('answers a denied PutItem with AccessDeniedException worded like AWS, writes nothing, and logs the missing statement', async () => {
    // Prepare
    const log = logger();
    const proxy = await start({ logger: log });
    const { ddb } = clientsThrough(proxy);

    // Act
    const error = await ddb.send(new PutItemCommand({ TableName: names.orders, Item: { orderId: { S: 'o-denied' } } })).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${principal} is not authorized to perform: dynamodb:PutItem on resource: ${arn(names.orders)} because no identity-based policy allows the dynamodb:PutItem action`,
      $fault: 'client',
      $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    });
    expect(await exists(names.orders, { orderId: { S: 'o-denied' } })).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringContaining(`missing {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"${arn(names.orders)}"}; nearest: statement "WriteReplenishment" (#3)`),
      expect.objectContaining({ mode: 'enforce', operation: 'PutItem', action: 'dynamodb:PutItem', resource: arn(names.orders), decision: 'ImplicitDeny' }),
    );
    expect(proxy.stats()).toMatchObject({ denied: 1, allowed: 0 });
  });

  it('denies a TransactWriteItems whole when one member is denied', async () => {
    // Prepare
    const proxy = await start();
    const { ddb } = clientsThrough(proxy);

    // Act
    const error = await ddb
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: names.replenishment, Item: { replenishmentId: { S: 'r-in-tx' }, productId: { S: 'p-1' } } } },
            { Put: { TableName: names.orders, Item: { orderId: { S: 'o-in-tx' } } } },
          ],
        }),
      )
      .catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`dynamodb:PutItem on resource: ${arn(names.orders)}`) });
    expect(await exists(names.replenishment, { replenishmentId: { S: 'r-in-tx' } })).toBe(false);
    expect(await exists(names.orders, { orderId: { S: 'o-in-tx' } })).toBe(false);
  });

  it('authorizes Query on the index it names, not on the table', async () => {
    // Prepare
    const { ddb } = clientsThrough(await start());
    const query = { TableName: names.replenishment, KeyConditionExpression: 'productId = :p', ExpressionAttributeValues: { ':p': { S: 'p-1' } } };

    // Act
    const onIndex = await ddb.send(new QueryCommand({ ...query, IndexName: 'byProductId' }));
    const onTable = await ddb.send(new QueryCommand({ ...query, KeyConditionExpression: 'replenishmentId = :p' })).catch((e: unknown) => e);

    // Assess
    expect(onIndex.$metadata.httpStatusCode).toBe(200);
    expect(onTable).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`dynamodb:Query on resource: ${arn(names.replenishment)} because`) });
  });

  it("reads the stream with the role's stream permissions, and denies a role without them on the stream's AWS ARN", async () => {
    // Prepare
    await direct.send(new PutItemCommand({ TableName: names.products, Item: { productId: { S: 'p-stream' } } }));
    const localStreamArn = (await direct.send(new DescribeTableCommand({ TableName: names.products }))).Table?.LatestStreamArn as string;
    const { streams } = clientsThrough(await start());

    // Act
    const listed = await streams.send(new ListStreamsCommand({ TableName: names.products }));
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: localStreamArn }));
    const shardId = description.StreamDescription?.Shards?.[0]?.ShardId as string;
    const iterator = await streams.send(new GetShardIteratorCommand({ StreamArn: localStreamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string }));
    const { streams: withoutStream } = clientsThrough(await start({ policies: policy(consumerStatements[2] as PolicyStatement) }));
    const denied = await withoutStream.send(new DescribeStreamCommand({ StreamArn: localStreamArn })).catch((e: unknown) => e);
    const deniedRecords = await withoutStream.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string })).catch((e: unknown) => e);

    // Assess
    expect(listed.Streams?.map((s) => s.StreamArn)).toContain(localStreamArn);
    expect(records.Records?.map((r) => r.dynamodb?.Keys?.['productId']?.S)).toContain('p-stream');
    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${principal} is not authorized to perform: dynamodb:DescribeStream on resource: ${streamArn} because no identity-based policy allows the dynamodb:DescribeStream action`,
    });
    expect(deniedRecords).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`dynamodb:GetRecords on resource: ${streamArn}`) });
  });

  it('authorizes a client of its own process in place, with the same answers, and sends what it allows straight to DynamoDB Local', async () => {
    // Prepare: the same reads as above, by clients whose endpoint is DynamoDB Local itself
    await direct.send(new PutItemCommand({ TableName: names.products, Item: { productId: { S: 'p-in-process' } } }));
    const localStreamArn = (await direct.send(new DescribeTableCommand({ TableName: names.products }))).Table?.LatestStreamArn as string;
    const allowedProxy = await start();
    const deniedProxy = await start({ policies: policy(consumerStatements[2] as PolicyStatement) });
    const streams = new DynamoDBStreamsClient({ endpoint: directEndpoint, maxAttempts: 1 });
    const withoutStream = new DynamoDBStreamsClient({ endpoint: directEndpoint, maxAttempts: 1 });
    allowedProxy.authorizeInProcess(streams);
    deniedProxy.authorizeInProcess(withoutStream);
    const { streams: throughEndpoint } = clientsThrough(deniedProxy);

    // Act
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: localStreamArn }));
    const shardId = description.StreamDescription?.Shards?.[0]?.ShardId as string;
    const iterator = await streams.send(new GetShardIteratorCommand({ StreamArn: localStreamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string }));
    const denied = await withoutStream.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string })).catch((e: unknown) => e);
    const deniedThroughEndpoint = await throughEndpoint.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string })).catch((e: unknown) => e);
    streams.destroy();
    withoutStream.destroy();

    // Assess: read as the role, refused as the endpoint refuses (the same typed error and message), counted by the proxy
    expect(records.Records?.map((r) => r.dynamodb?.Keys?.['productId']?.S)).toContain('p-in-process');
    expect(denied).toBeInstanceOf(Error);
    expect(denied).toMatchObject({ name: 'AccessDeniedException', message: (deniedThroughEndpoint as Error).message, $metadata: { httpStatusCode: 400 } });
    expect((denied as Error).message).toContain(`dynamodb:GetRecords on resource: ${streamArn}`);
    expect(allowedProxy.stats()).toMatchObject({ requests: 3, allowed: 3, denied: 0 });
    expect(deniedProxy.stats()).toMatchObject({ requests: 2, allowed: 0, denied: 2 });
  });

  it('in warn mode logs what AWS would deny and forwards it; in off mode forwards without evaluating', async () => {
    // Prepare
    const log = logger();
    const warn = await start({ mode: 'warn', logger: log });
    const off = await start({ mode: 'off' });

    // Act (one client at a time: each reads the endpoint variable at its first request)
    await clientsThrough(warn).ddb.send(new PutItemCommand({ TableName: names.orders, Item: { orderId: { S: 'o-warn' } } }));
    await clientsThrough(off).ddb.send(new PutItemCommand({ TableName: names.orders, Item: { orderId: { S: 'o-off' } } }));

    // Assess
    expect(await exists(names.orders, { orderId: { S: 'o-warn' } })).toBe(true);
    expect(await exists(names.orders, { orderId: { S: 'o-off' } })).toBe(true);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/^local-iam would deny \(warn mode: forwarded\) dynamodb:PutItem on /), expect.objectContaining({ mode: 'warn' }));
    expect(warn.stats()).toMatchObject({ warned: 1, denied: 0 });
    expect(off.stats()).toMatchObject({ unchecked: 1, allowed: 0 });
  });

  it('refuses an operation it cannot map in enforce mode, with its own error code', async () => {
    // Prepare
    const { ddb } = clientsThrough(await start());

    // Act
    const error = await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${names.orders}"` })).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'UnsupportedOperationException', message: expect.stringContaining('DynamoDB_20120810.ExecuteStatement') });
  });

  it("forwards byte for byte, so requests AWS rejects before authorizing get DynamoDB Local's own answer", async () => {
    // Prepare
    const proxy = await start();
    const request = (endpoint: string) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem', Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
        body: JSON.stringify({ Item: { orderId: { S: 'no-table' } } }),
      });

    // Act
    const [viaProxy, viaLocal] = await Promise.all([request(proxy.endpoint), request(directEndpoint)]);

    // Assess
    expect(viaProxy.status).toBe(viaLocal.status);
    expect(viaProxy.status).toBe(400);
    expect(JSON.parse(await viaProxy.text())).toEqual({ ...JSON.parse(await viaLocal.text()) });
    expect(proxy.stats()).toMatchObject({ unchecked: 1 });
  });

  it('evaluates a repeated request once, but a request differing in a condition key the policy tests on its own, and a denial stays a denial', async () => {
    // Prepare
    const proxy = await start({
      policies: policy(...consumerStatements, {
        Sid: 'NoOldImages',
        Effect: 'Deny',
        Action: 'dynamodb:PutItem',
        Resource: arn(names.replenishment),
        Condition: { StringEquals: { 'dynamodb:ReturnValues': 'ALL_OLD' } },
      }),
    });
    const { ddb } = clientsThrough(proxy);
    const put = (id: string, ReturnValues?: ReturnValue) =>
      ddb.send(new PutItemCommand({ TableName: names.replenishment, Item: { replenishmentId: { S: id }, productId: { S: 'p-1' } }, ...(ReturnValues ? { ReturnValues } : {}) })).catch((e: unknown) => e);

    // Act
    const plain = [await put('r-cache-1'), await put('r-cache-2'), await put('r-cache-3')];
    const allOld = [await put('r-cache-4', 'ALL_OLD'), await put('r-cache-5', 'ALL_OLD')];
    const none = await put('r-cache-6', 'NONE');

    // Assess
    expect(plain.map((r) => (r as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode)).toEqual([200, 200, 200]);
    for (const denied of allOld) {
      expect(denied).toMatchObject({
        name: 'AccessDeniedException',
        message: `User: ${principal} is not authorized to perform: dynamodb:PutItem on resource: ${arn(names.replenishment)} with an explicit deny in an identity-based policy`,
      });
    }
    expect(none).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(await exists(names.replenishment, { replenishmentId: { S: 'r-cache-4' } })).toBe(false);
    expect(proxy.stats()).toMatchObject({ requests: 6, allowed: 4, denied: 2, evaluations: 3 });
  });

  it('answers pipelined and chunked requests in order, on one connection, with AWS-shaped denials', async () => {
    // Prepare
    const proxy = await start();
    const auth = 'Authorization: AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\n';
    const request = (body: string) =>
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n${auth}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const allowed = (id: string) => request(JSON.stringify({ TableName: names.replenishment, Item: { replenishmentId: { S: id }, productId: { S: 'p-1' } } }));
    const deniedBody = JSON.stringify({ TableName: names.orders, Item: { orderId: { S: 'o-chunked' } } });
    const chunkedDenied = `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n${auth}Transfer-Encoding: chunked\r\n\r\n${(10).toString(16)}\r\n${deniedBody.slice(0, 10)}\r\n${(deniedBody.length - 10).toString(16)}\r\n${deniedBody.slice(10)}\r\n0\r\n\r\n`;
    const socket = connect(proxy.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));

    // Act: three requests in one write, the last one closing the connection
    socket.write(allowed('r-pipe-1') + chunkedDenied + allowed('r-pipe-2').replace('Host: x\r\n', 'Host: x\r\nConnection: close\r\n'));
    await new Promise((resolve) => socket.on('close', resolve));

    // Assess
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses.map((r) => r.slice(0, 15))).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 400 Ba', 'HTTP/1.1 200 OK']);
    const [head, body] = (responses[1] as string).split('\r\n\r\n') as [string, string];
    expect(JSON.parse(body)).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: `User: ${principal} is not authorized to perform: dynamodb:PutItem on resource: ${arn(names.orders)} because no identity-based policy allows the dynamodb:PutItem action`,
    });
    expect(head).toMatch(/\r\nx-amzn-RequestId: [0-9A-Z]{52}\r\n/);
    expect(head).toContain(`\r\nx-amz-crc32: ${crc32(Buffer.from(body))}\r\n`);
    expect(head).toContain('\r\nContent-Type: application/x-amz-json-1.0\r\n');
    expect(await exists(names.replenishment, { replenishmentId: { S: 'r-pipe-2' } })).toBe(true);
    expect(await exists(names.orders, { orderId: { S: 'o-chunked' } })).toBe(false);
  });

  it('refuses in enforce mode a body it cannot parse, which DynamoDB Local would still execute unauthorized', async () => {
    // Prepare: a byte order mark or bytes after the object: JSON.parse refuses both, DynamoDB Local accepts both
    const proxy = await start();
    const body = JSON.stringify({ TableName: names.orders, Item: { orderId: { S: 'o-lenient' } } });
    const send = (payload: Buffer) =>
      fetch(proxy.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem', Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
        body: payload,
      });

    // Act
    const responses = await Promise.all([send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])), send(Buffer.from(`${body} trailing`))]);

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'com.shop.localiam#UnparseableRequestException', message: expect.stringContaining('cannot parse the DynamoDB_20120810.PutItem request body') });
    }
    expect(await exists(names.orders, { orderId: { S: 'o-lenient' } })).toBe(false);
    expect(proxy.stats()).toMatchObject({ unsupported: 2, unchecked: 0 });
  });

  it('answers a client that half-closes right after its request, then closes', async () => {
    // Prepare
    const proxy = await start();
    const body = JSON.stringify({ TableName: names.replenishment, Item: { replenishmentId: { S: 'r-half' }, productId: { S: 'p-1' } } });
    const socket = connect(proxy.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));

    // Act
    socket.end(
      `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nAuthorization: AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => socket.on('close', resolve));

    // Assess
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(await exists(names.replenishment, { replenishmentId: { S: 'r-half' } })).toBe(true);
  });

  it('relays large chunked responses intact over a bounded upstream pool', async () => {
    // Prepare: 40 items of 4 kB: DynamoDB Local answers the query in chunks
    const proxy = await start({ maxUpstreamSockets: 1 });
    const { ddb } = clientsThrough(proxy);
    const pad = 'x'.repeat(4000);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        direct.send(new PutItemCommand({ TableName: names.replenishment, Item: { replenishmentId: { S: `r-big-${i}` }, productId: { S: 'p-big' }, createdAt: { S: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` }, pad: { S: pad } } })),
      ),
    );
    const query = () =>
      ddb.send(new QueryCommand({ TableName: names.replenishment, IndexName: 'byProductId', KeyConditionExpression: 'productId = :p', ExpressionAttributeValues: { ':p': { S: 'p-big' } } }));

    // Act: more concurrent requests than upstream connections
    const results = await Promise.all(Array.from({ length: 6 }, query));

    // Assess
    for (const result of results) {
      expect(result.Count).toBe(40);
      expect(result.Items?.every((item) => item['pad']?.S === pad)).toBe(true);
    }
  });

  it('fails the connection, as DynamoDB Local would, when DynamoDB Local is unreachable', async () => {
    // Prepare
    const log = logger();
    const proxy = await start({ target: 'http://127.0.0.1:9', logger: log });
    const { ddb } = clientsThrough(proxy);

    // Act
    const error = await ddb.send(new PutItemCommand({ TableName: names.replenishment, Item: { replenishmentId: { S: 'r-down' } } })).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('local-iam: cannot reach DynamoDB Local at http://127.0.0.1:9'), expect.anything());
  });

  it('warns at start about condition keys it does not supply that a DynamoDB request could carry', async () => {
    // Prepare
    const log = logger();
    const conditional = policy(
      { Sid: 'OwnItems', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: arn(names.orders), Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['u'] } } },
      { Sid: 'KeyViaDynamoDB', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' } } },
      { Sid: 'Tls', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    );

    // Act
    await start({ policies: conditional, logger: log });

    // Assess
    const warnings = log.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([expect.stringContaining('statement "OwnItems" of policy "consumer" tests dynamodb:LeadingKeys, which local IAM enforcement does not supply')]);
  });

  it('rejects an invalid policy at start, and stops listening on stop()', async () => {
    // Prepare
    const proxy = await start();

    // Act
    await proxy.stop();
    await proxy.stop();

    // Assess
    await expect(fetch(proxy.endpoint, { method: 'POST' })).rejects.toThrow();
    await expect(start({ policies: policy({ Effect: 'Allow', Action: 'dynamodb:GetItem' }) })).rejects.toThrow(/Policy "consumer" is not a valid IAM policy/);
  });
});
