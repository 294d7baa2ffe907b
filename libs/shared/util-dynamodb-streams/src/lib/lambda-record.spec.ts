import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { latestStreamArn } from './latest-stream-arn';
import { toLambdaRecord } from './lambda-record';
import { listShards } from './list-shards';

describe('toLambdaRecord', () => {
  describe('a record DynamoDB Local wrote (the endpoint of the Jest global setup)', () => {
    const ddb = new DynamoDBClient({});
    const streams = new DynamoDBStreamsClient({});
    const table = `util-lambda-record-${randomUUID()}`;
    afterAll(async () => {
      await ddb.send(new DeleteTableCommand({ TableName: table }));
      ddb.destroy();
      streams.destroy();
    });

    it('is what Lambda would get: both images, binaries in base64, the given region and ARN, seconds since the epoch', async () => {
      // Prepare: a change with a binary attribute, read back with GetRecords
      await ddb.send(
        new CreateTableCommand({
          TableName: table,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      await ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'p#1' }, stock: { N: '51' }, blob: { B: new Uint8Array([1, 2, 3]) } } }));
      await ddb.send(new UpdateItemCommand({ TableName: table, Key: { id: { S: 'p#1' } }, UpdateExpression: 'SET stock = :s', ExpressionAttributeValues: { ':s': { N: '49' } } }));
      const streamArn = await latestStreamArn(ddb, table);
      const [shard] = await listShards(streams, streamArn);
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard?.shardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
      const before = Date.now();

      // Act
      const [insert, modify] = Records.map((record) => toLambdaRecord(record, { region: 'eu-west-1', streamArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/l' }));

      // Assess
      expect(Records[0]?.awsRegion).toBe('ddblocal');
      expect(insert).toMatchObject({ eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-1', eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/l' });
      expect(modify?.eventName).toBe('MODIFY');
      expect(modify?.dynamodb).toMatchObject({
        Keys: { id: { S: 'p#1' } },
        OldImage: { id: { S: 'p#1' }, stock: { N: '51' }, blob: { B: 'AQID' } },
        NewImage: { id: { S: 'p#1' }, stock: { N: '49' }, blob: { B: 'AQID' } },
        SequenceNumber: Records[1]?.dynamodb?.SequenceNumber,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      });
      // DynamoDB Local reports the minute of the change: at most a minute before it was read.
      const created = (modify?.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000;
      expect(created).toBeLessThanOrEqual(before);
      expect(before - created).toBeLessThan(60_000 + 5_000);
    });
  });

  describe('a record as AWS gives it', () => {
    it('converts a GetRecords record to Lambda\'s shape: seconds with their fraction, base64 binaries at any depth, the given region and ARN, keys in Lambda\'s order', () => {
      // Prepare
      const image = {
        productId: { S: 'p#1' }, stock: { N: '3' }, blob: { B: new Uint8Array([1, 2, 3]) }, blobs: { BS: [new Uint8Array([4]), new Uint8Array([5, 6])] },
        nested: { M: { inner: { B: new Uint8Array([7]) }, list: { L: [{ S: 'a' }, { B: new Uint8Array([8]) }, { NULL: true }, { BOOL: false }] } } }, tags: { SS: ['x', 'y'] }, sizes: { NS: ['1', '2'] },
      };

      // Act
      const converted = toLambdaRecord(
        {
          eventID: 'e1', eventName: 'MODIFY', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'ddblocal',
          dynamodb: { ApproximateCreationDateTime: new Date(1_795_000_000_500), Keys: { productId: { S: 'p#1' } }, NewImage: image, OldImage: { productId: { S: 'p#1' } }, SequenceNumber: '101', SizeBytes: 99, StreamViewType: 'NEW_AND_OLD_IMAGES' },
          userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
        },
        { region: 'eu-west-1', streamArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/p/stream/l' },
      );

      // Assess
      expect(JSON.stringify(converted)).toBe(JSON.stringify({
        eventID: 'e1', eventName: 'MODIFY', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-1',
        dynamodb: {
          ApproximateCreationDateTime: 1_795_000_000.5, Keys: { productId: { S: 'p#1' } },
          NewImage: { productId: { S: 'p#1' }, stock: { N: '3' }, blob: { B: 'AQID' }, blobs: { BS: ['BA==', 'BQY='] }, nested: { M: { inner: { B: 'Bw==' }, list: { L: [{ S: 'a' }, { B: 'CA==' }, { NULL: true }, { BOOL: false }] } } }, tags: { SS: ['x', 'y'] }, sizes: { NS: ['1', '2'] } },
          OldImage: { productId: { S: 'p#1' } }, SequenceNumber: '101', SizeBytes: 99, StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/p/stream/l',
        userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      }));
    });

    it('takes the creation time of a precise estimate, and the reported one otherwise', () => {
      // Prepare
      const raw = { eventName: 'INSERT' as const, dynamodb: { ApproximateCreationDateTime: new Date(1_795_000_020_000), SequenceNumber: '1' } };
      const context = { region: 'us-east-1', streamArn: 'arn' };

      // Act
      const precise = toLambdaRecord(raw, context, { createdAtMs: 1_795_000_032_345, precise: true });
      const bounded = toLambdaRecord(raw, context, { createdAtMs: 1_795_000_079_999, precise: false });

      // Assess
      expect(precise.dynamodb?.ApproximateCreationDateTime).toBe(1_795_000_032.345);
      expect(bounded.dynamodb?.ApproximateCreationDateTime).toBe(1_795_000_020);
    });
  });
});
