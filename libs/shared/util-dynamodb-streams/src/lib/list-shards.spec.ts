import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import { StreamNotEnabledError } from './errors';
import { latestStreamArn } from './latest-stream-arn';
import { listShards } from './list-shards';

describe('listShards', () => {
  describe('on DynamoDB Local (the endpoint of the Jest global setup)', () => {
    const ddb = new DynamoDBClient({});
    const streams = new DynamoDBStreamsClient({});
    const tables: string[] = [];
    afterAll(async () => {
      await Promise.all(tables.map((TableName) => ddb.send(new DeleteTableCommand({ TableName }))));
      ddb.destroy();
      streams.destroy();
    });

    async function createTable(withStream: boolean): Promise<string> {
      const TableName = `util-streams-${randomUUID()}`;
      await ddb.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          ...(withStream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
        }),
      );
      tables.push(TableName);
      return TableName;
    }

    it('lists the open shard of a real stream, with the sequence number its first record got', async () => {
      // Prepare
      const table = await createTable(true);
      await ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'p#1' } } }));
      const streamArn = await latestStreamArn(ddb, table);

      // Act
      const shards = await listShards(streams, streamArn);

      // Assess
      expect(shards).toHaveLength(1);
      const [shard] = shards;
      expect(shard?.shardId).toMatch(/^shardId-/);
      expect(shard?.parentShardId).toBeUndefined();
      expect(shard?.startingSequenceNumber).toMatch(/^\d+$/);
      expect(shard?.endingSequenceNumber).toBeUndefined();
    });

    it('names the table when it has no stream', async () => {
      const table = await createTable(false);
      await expect(latestStreamArn(ddb, table)).rejects.toThrow(new StreamNotEnabledError(table));
    });
  });

  describe('with a mocked client (DynamoDB Local never lists more than one page)', () => {
    it('follows LastEvaluatedShardId through every page', async () => {
      // Prepare
      const client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const mock = mockClient(client);
      const shard = (id: string, parent?: string, ending?: string) => ({
        ShardId: id,
        ParentShardId: parent,
        SequenceNumberRange: { StartingSequenceNumber: `${id.length}00`, EndingSequenceNumber: ending },
      });
      mock
        .on(DescribeStreamCommand, { StreamArn: 'arn:stream', ExclusiveStartShardId: undefined })
        .resolves({ StreamDescription: { Shards: [shard('a', undefined, '900')], LastEvaluatedShardId: 'a' } })
        .on(DescribeStreamCommand, { StreamArn: 'arn:stream', ExclusiveStartShardId: 'a' })
        .resolves({ StreamDescription: { Shards: [shard('bb', 'a', '990'), { SequenceNumberRange: {} }], LastEvaluatedShardId: 'bb' } })
        .on(DescribeStreamCommand, { StreamArn: 'arn:stream', ExclusiveStartShardId: 'bb' })
        .resolves({ StreamDescription: { Shards: [shard('ccc', 'bb')] } });
      const controller = new AbortController();

      // Act
      const shards = await listShards(client, 'arn:stream', { signal: controller.signal });

      // Assess: three pages, the entry without a ShardId skipped
      expect(shards).toEqual([
        { shardId: 'a', parentShardId: undefined, startingSequenceNumber: '100', endingSequenceNumber: '900' },
        { shardId: 'bb', parentShardId: 'a', startingSequenceNumber: '200', endingSequenceNumber: '990' },
        { shardId: 'ccc', parentShardId: 'bb', startingSequenceNumber: '300', endingSequenceNumber: undefined },
      ]);
      expect(mock.commandCalls(DescribeStreamCommand).map((call) => call.args[0].input.ExclusiveStartShardId)).toEqual([undefined, 'a', 'bb']);
      client.destroy();
    });

    it('passes the abort signal to every call', async () => {
      const client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const controller = new AbortController();
      controller.abort();
      const send = jest.spyOn(client, 'send').mockImplementation((async (_command: unknown, options?: { abortSignal?: AbortSignal }) => {
        if (options?.abortSignal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        return { StreamDescription: { Shards: [] } };
      }) as never);

      await expect(listShards(client, 'arn:stream', { signal: controller.signal })).rejects.toThrow('aborted');
      expect(send).toHaveBeenCalledTimes(1);
      client.destroy();
    });
  });
});
