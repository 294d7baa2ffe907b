import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import { getRecordsAsSent, wireRecord } from './records-as-sent';

const client = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({});
const tableName = `util-streams-as-sent-${randomUUID()}`;
let streamArn: string;
let shardId: string;

beforeAll(async () => {
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  streamArn = TableDescription?.LatestStreamArn as string;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  shardId = StreamDescription?.Shards?.[0]?.ShardId as string;
  // Every kind of attribute value, binaries at every depth, then a change of it and its removal.
  const item = {
    pk: { S: 'p#1' }, stock: { N: '3.50' }, blob: { B: new Uint8Array([1, 2, 3]) }, blobs: { BS: [new Uint8Array([4]), new Uint8Array([5, 6])] },
    nested: { M: { inner: { B: new Uint8Array([7]) }, list: { L: [{ S: 'é ☕' }, { B: new Uint8Array([8]) }, { NULL: true }, { BOOL: false }] } } },
    tags: { SS: ['x', 'y'] }, sizes: { NS: ['1', '2'] },
  };
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
  await client.send(new UpdateItemCommand({ TableName: tableName, Key: { pk: { S: 'p#1' } }, UpdateExpression: 'SET stock = :s', ExpressionAttributeValues: { ':s': { N: '2' } } }));
  for (let i = 2; i <= 5; i++) await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `p#${i}` } } }));
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
  streams.destroy();
});

const trimHorizon = async (): Promise<string> =>
  (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator as string;

describe('getRecordsAsSent (against DynamoDB Local)', () => {
  it('gives the records as DynamoDB sent them: the SDK\'s typed records, in DynamoDB\'s JSON', async () => {
    // Prepare: the same page read by the SDK
    const typed = (await streams.send(new GetRecordsCommand({ ShardIterator: await trimHorizon() }))).Records ?? [];

    // Act
    const page = await getRecordsAsSent(streams, { ShardIterator: await trimHorizon(), Limit: 1000 });

    // Assess: every field and value equal, binaries base64-encoded at every depth, times in epoch seconds
    expect(page.records).toHaveLength(6);
    expect(page.nextShardIterator).toEqual(expect.any(String));
    expect(page.records).toEqual(typed.map(wireRecord));
    expect(page.records[0]?.dynamodb?.NewImage?.['nested']).toEqual({ M: { inner: { B: 'Bw==' }, list: { L: [{ S: 'é ☕' }, { B: 'CA==' }, { NULL: true }, { BOOL: false }] } } });
    expect(page.records[0]?.dynamodb?.NewImage?.['blobs']).toEqual({ BS: ['BA==', 'BQY='] });
    expect(page.records[1]?.dynamodb?.ApproximateCreationDateTime).toBe((typed[1]?.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000);
  });

  it('reads a page at a time from where the last one ended, up to the tip', async () => {
    // Act
    const first = await getRecordsAsSent(streams, { ShardIterator: await trimHorizon(), Limit: 4 });
    const second = await getRecordsAsSent(streams, { ShardIterator: first.nextShardIterator as string, Limit: 4 });
    const tip = await getRecordsAsSent(streams, { ShardIterator: second.nextShardIterator as string, Limit: 4 });

    // Assess
    expect(first.records.map((r) => r.dynamodb?.Keys?.['pk'])).toEqual([{ S: 'p#1' }, { S: 'p#1' }, { S: 'p#2' }, { S: 'p#3' }]);
    expect(second.records.map((r) => r.dynamodb?.Keys?.['pk'])).toEqual([{ S: 'p#4' }, { S: 'p#5' }]);
    expect(tip.records).toEqual([]);
    expect(tip.nextShardIterator).toEqual(expect.any(String));
  });

  it('leaves an error to the SDK: the typed exception, as GetRecordsCommand throws it', async () => {
    // Prepare: an iterator DynamoDB never issued
    const unknown = 'x'.repeat(100);

    // Act
    const sent = getRecordsAsSent(streams, { ShardIterator: unknown, Limit: 10 });
    const typed = streams.send(new GetRecordsCommand({ ShardIterator: unknown, Limit: 10 }));

    // Assess
    const [a, b] = await Promise.allSettled([sent, typed]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect((a as PromiseRejectedResult).reason.name).toBe((b as PromiseRejectedResult).reason.name);
    const error = (a as PromiseRejectedResult).reason as { name: string; $metadata?: { httpStatusCode?: number } };
    expect(error.name).toMatch(/Exception$/);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});
