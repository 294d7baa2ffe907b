import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import { readStreamPages, readStreamPagesAsSent, type StreamPage } from './read-stream';
import { wireRecord } from './records-as-sent';

async function allPages<R>(pages: AsyncIterable<StreamPage<R>>): Promise<Array<StreamPage<R>>> {
  const read: Array<StreamPage<R>> = [];
  for await (const page of pages) read.push(page);
  return read;
}

describe('readStreamPages', () => {
  describe('on DynamoDB Local (the endpoint of the Jest global setup)', () => {
    const ddb = new DynamoDBClient({});
    const streams = new DynamoDBStreamsClient({});
    const TableName = `util-streams-read-${randomUUID()}`;
    beforeAll(async () => {
      await ddb.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      );
      for (const id of ['a', 'b', 'c', 'd', 'e']) await ddb.send(new PutItemCommand({ TableName, Item: { id: { S: id } } }));
    });
    afterAll(async () => {
      await ddb.send(new DeleteTableCommand({ TableName }));
      ddb.destroy();
      streams.destroy();
    });

    it('reads every record written so far, oldest first, and stops at the tip of the open shard', async () => {
      // Act
      const pages = await allPages(readStreamPages(ddb, streams, TableName, { pageSize: 2 }));

      // Assess
      expect(pages.map((page) => page.records.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((page) => page.records.map((record) => record.dynamodb?.Keys?.['id']?.S))).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('hands out whole pages, so a caller that needs N records stops on the page that reaches N', async () => {
      // Act
      const first: string[] = [];
      for await (const page of readStreamPages(ddb, streams, TableName, { pageSize: 2 })) {
        first.push(...page.records.map((record) => record.eventID ?? ''));
        if (first.length >= 3) break;
      }

      // Assess
      expect(first).toHaveLength(4);
    });

    it('reads the same pages with the records as DynamoDB sent them', async () => {
      // Act
      const typed = await allPages(readStreamPages(ddb, streams, TableName, { pageSize: 2 }));
      const asSent = await allPages(readStreamPagesAsSent(ddb, streams, TableName, { pageSize: 2 }));

      // Assess
      expect(asSent.map((page) => ({ ...page, records: [...page.records] }))).toEqual(typed.map((page) => ({ ...page, records: page.records.map(wireRecord) })));
    });

    it('starts just after the sequence number startAfter names for a shard', async () => {
      // Prepare: where the third record stands
      const [firstPage] = await allPages(readStreamPages(ddb, streams, TableName, { pageSize: 3 }));
      const third = firstPage?.records[2]?.dynamodb?.SequenceNumber as string;

      // Act
      const pages = await allPages(readStreamPages(ddb, streams, TableName, { startAfter: { [firstPage?.shardId as string]: third } }));

      // Assess
      expect(pages.flatMap((page) => page.records.map((record) => record.dynamodb?.Keys?.['id']?.S))).toEqual(['d', 'e']);
    });
  });

  // A closed shard with an empty page before its end is what DynamoDB Local never produces: a
  // mocked client stands in for this case only.
  it('reads a closed shard past an empty page to its end before the open child', async () => {
    // Prepare
    const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const streams = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const table = mockClient(ddb);
    const stream = mockClient(streams);
    const record = (id: string) => ({ eventID: id, dynamodb: { SequenceNumber: id } });
    table.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: 'arn:stream' } });
    stream.on(DescribeStreamCommand).resolves({
      StreamDescription: {
        Shards: [
          { ShardId: 'child', ParentShardId: 'parent', SequenceNumberRange: { StartingSequenceNumber: '300' } },
          { ShardId: 'parent', SequenceNumberRange: { StartingSequenceNumber: '100', EndingSequenceNumber: '299' } },
        ],
      },
    });
    stream.on(GetShardIteratorCommand, { ShardId: 'parent' }).resolves({ ShardIterator: 'parent-1' });
    stream.on(GetShardIteratorCommand, { ShardId: 'child' }).resolves({ ShardIterator: 'child-1' });
    stream
      .on(GetRecordsCommand, { ShardIterator: 'parent-1' })
      .resolves({ Records: [record('100')], NextShardIterator: 'parent-2' })
      .on(GetRecordsCommand, { ShardIterator: 'parent-2' })
      .resolves({ Records: [], NextShardIterator: 'parent-3' })
      .on(GetRecordsCommand, { ShardIterator: 'parent-3' })
      .resolves({ Records: [record('200')] })
      .on(GetRecordsCommand, { ShardIterator: 'child-1' })
      .resolves({ Records: [record('300')], NextShardIterator: 'child-2' })
      .on(GetRecordsCommand, { ShardIterator: 'child-2' })
      .resolves({ Records: [], NextShardIterator: 'child-3' });

    // Act
    const pages = await allPages(readStreamPages(ddb, streams, 'products'));

    // Assess
    expect(pages.map((page) => [page.shardId, page.records.map((r) => r.eventID)])).toEqual([
      ['parent', ['100']],
      ['parent', ['200']],
      ['child', ['300']],
    ]);
    expect(stream.commandCalls(GetRecordsCommand, { ShardIterator: 'child-3' })).toHaveLength(0);
    ddb.destroy();
    streams.destroy();
  });
});
