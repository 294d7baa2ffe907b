/**
 * An in-memory DynamoDB stream behind a mocked DynamoDBStreamsClient, for what DynamoDB Local
 * cannot be made to do on demand: split shards, expire iterators, and the quirks a poller must
 * survive ("Invalid ShardId in ShardIterator", a missing NextShardIterator, trimmed data).
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';

export type Fault = 'ExpiredIterator' | 'InvalidShardId' | 'Trimmed' | 'OmitNextShardIterator';

interface FakeShard {
  readonly parent: string | undefined;
  readonly records: _Record[];
  closed: boolean;
}

export class FakeStream {
  readonly client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  readonly calls: string[] = [];
  private readonly shards = new Map<string, FakeShard>();
  private readonly faults: Fault[] = [];
  private sequence = 100;

  constructor() {
    const mock = mockClient(this.client);
    mock.on(DescribeStreamCommand).callsFake(() => ({
      StreamDescription: {
        Shards: [...this.shards].map(([ShardId, shard]) => ({
          ShardId,
          ParentShardId: shard.parent,
          SequenceNumberRange: {
            StartingSequenceNumber: shard.records[0]?.dynamodb?.SequenceNumber ?? '0',
            ...(shard.closed && { EndingSequenceNumber: shard.records[shard.records.length - 1]?.dynamodb?.SequenceNumber ?? '0' }),
          },
        })),
      },
    }));
    mock.on(GetShardIteratorCommand).callsFake((input: { ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) => {
      this.calls.push(`GetShardIterator ${input.ShardId} ${input.ShardIteratorType}${input.SequenceNumber ? ` ${input.SequenceNumber}` : ''}`);
      const shard = this.shard(input.ShardId);
      const after = shard.records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber) + 1;
      const position = input.ShardIteratorType === 'TRIM_HORIZON' ? 0 : input.ShardIteratorType === 'LATEST' ? shard.records.length : after;
      return { ShardIterator: `${input.ShardId}|${position}` };
    });
    mock.on(GetRecordsCommand).callsFake((input: { ShardIterator: string; Limit?: number }) => {
      const fault = this.faults.shift();
      if (fault === 'ExpiredIterator') throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
      if (fault === 'InvalidShardId') throw new ResourceNotFoundException({ message: 'Invalid ShardId in ShardIterator', $metadata: {} });
      if (fault === 'Trimmed') throw new TrimmedDataAccessException({ message: 'The operation attempted to read past the oldest stream record in a shard.', $metadata: {} });
      const [shardId, position] = input.ShardIterator.split('|') as [string, string];
      const shard = this.shard(shardId);
      const records = shard.records.slice(Number(position), Number(position) + (input.Limit ?? 1000));
      const next = Number(position) + records.length;
      const drained = shard.closed && next >= shard.records.length;
      return { Records: records, ...(!drained && fault !== 'OmitNextShardIterator' && { NextShardIterator: `${shardId}|${next}` }) };
    });
  }

  addShard(shardId: string, parent?: string): this {
    this.shards.set(shardId, { parent, records: [], closed: false });
    return this;
  }

  /** Appends a change of item `key` to a shard; returns its sequence number. */
  put(shardId: string, key: string): string {
    const sequenceNumber = String(++this.sequence);
    this.shard(shardId).records.push({
      eventID: `event-${sequenceNumber}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: { ApproximateCreationDateTime: new Date(), Keys: { pk: { S: key } }, NewImage: { pk: { S: key } }, SequenceNumber: sequenceNumber, SizeBytes: 10, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    return sequenceNumber;
  }

  close(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  /** The next GetRecords calls fail (or misbehave) in this order. */
  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  private shard(shardId: string): FakeShard {
    const shard = this.shards.get(shardId);
    if (!shard) throw new ResourceNotFoundException({ message: 'Shard does not exist', $metadata: {} });
    return shard;
  }
}
