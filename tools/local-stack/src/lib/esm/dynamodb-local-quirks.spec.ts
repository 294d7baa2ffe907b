/**
 * What DynamoDB Local 3.3.1 does where 1.25.1 had quirks the reader worked around (the table in
 * tools/local-stack/README.md, "DynamoDB Local quirks"). Run against the suite's real DynamoDB
 * Local: when its version changes, this file says which workaround became dead or needed again.
 */
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type GetRecordsCommandOutput } from '@aws-sdk/client-dynamodb-streams';
import { uniquePrefix } from '../../testing/terraform-fixtures';

const client = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({});
afterAll(() => {
  client.destroy();
  streams.destroy();
});

async function streamTable(tableName: string): Promise<{ streamArn: string; shardId: string }> {
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const streamArn = TableDescription?.LatestStreamArn as string;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  return { streamArn, shardId: StreamDescription?.Shards?.[0]?.ShardId as string };
}

const put = (tableName: string, pk: string): Promise<unknown> => client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk } } }));
const iterator = async (streamArn: string, shardId: string, type: 'LATEST' | 'TRIM_HORIZON'): Promise<string> =>
  (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type }))).ShardIterator as string;

describe('DynamoDB Local 3.3.1, where 1.25.1 had quirks', () => {
  it('lists an open shard as soon as the table exists, before any write', async () => {
    // Act
    const { shardId } = await streamTable(`${uniquePrefix()}-shards`);

    // Assess
    expect(shardId).toMatch(/^shardId-/);
  });

  it('returns a record written after a LATEST iterator was taken, with no TrimmedDataAccessException', async () => {
    // Prepare
    const tableName = `${uniquePrefix()}-latest`;
    const { streamArn, shardId } = await streamTable(tableName);
    const latest = await iterator(streamArn, shardId, 'LATEST');

    // Act
    await put(tableName, 'after-latest');
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: latest }));

    // Assess
    expect(page.Records?.map((r) => r.dynamodb?.Keys?.['pk']?.S)).toEqual(['after-latest']);
  });

  it('gives a NextShardIterator on every page of an open shard, also once it is drained', async () => {
    // Prepare
    const tableName = `${uniquePrefix()}-next`;
    const { streamArn, shardId } = await streamTable(tableName);
    await put(tableName, 'a');
    let shardIterator: string | undefined = await iterator(streamArn, shardId, 'TRIM_HORIZON');
    const pages: Array<{ records: number; next: boolean }> = [];

    // Act
    for (let i = 0; i < 3 && shardIterator; i++) {
      const page: GetRecordsCommandOutput = await streams.send(new GetRecordsCommand({ ShardIterator: shardIterator }));
      pages.push({ records: page.Records?.length ?? 0, next: page.NextShardIterator !== undefined });
      shardIterator = page.NextShardIterator;
    }

    // Assess
    expect(pages).toEqual([{ records: 1, next: true }, { records: 0, next: true }, { records: 0, next: true }]);
  });

  it('closes the shard when the table is deleted: the last page has no NextShardIterator, as on AWS', async () => {
    // Prepare
    const tableName = `${uniquePrefix()}-closed`;
    const { streamArn, shardId } = await streamTable(tableName);
    await put(tableName, 'a');
    const start = await iterator(streamArn, shardId, 'TRIM_HORIZON');

    // Act
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: start }));
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));

    // Assess
    expect(page.NextShardIterator).toBeUndefined();
    expect(StreamDescription?.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toBe(page.Records?.at(-1)?.dynamodb?.SequenceNumber);
  });

  it('still rounds ApproximateCreationDateTime down to the minute', async () => {
    // Prepare
    const tableName = `${uniquePrefix()}-time`;
    const { streamArn, shardId } = await streamTable(tableName);
    const minuteOf = (ms: number): number => ms - (ms % 60_000);
    const before = Date.now();

    // Act
    await put(tableName, 'a');
    const after = Date.now();
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: await iterator(streamArn, shardId, 'TRIM_HORIZON') }));

    // Assess: the minute of the write (which may cross into the next minute while it is sent)
    const created = page.Records?.[0]?.dynamodb?.ApproximateCreationDateTime?.getTime() as number;
    expect(created % 60_000).toBe(0);
    expect([minuteOf(before), minuteOf(after)]).toContain(created);
  });

  it('still compares table names ignoring case (so provisioning refuses names that differ only in case)', async () => {
    // Prepare
    const name = `${uniquePrefix()}-Case`;
    await streamTable(name);

    // Act
    const second = streamTable(name.toLowerCase());

    // Assess: an InternalFailure, not a second table
    await expect(second).rejects.toMatchObject({ name: 'InternalFailure' });
  });
});
