/**
 * An in-memory DynamoDB stream behind a mocked DynamoDBStreamsClient, for what DynamoDB Local
 * cannot be made to do on demand: split shards, expire iterators, and what a poller must survive
 * (a shard not found, a missing NextShardIterator, trimmed data).
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
import { InjectedConnectionResetError } from '../lib/faults/connection-drops';

/** `ConnectionReset`: GetRecords reads its page, then the answer is lost (ECONNRESET). */
export type Fault = 'ExpiredIterator' | 'ShardNotFound' | 'Trimmed' | 'OmitNextShardIterator' | 'ConnectionReset';

/** AWS's answer when a role may not call a Streams action. */
export const accessDenied = (action: string): Error =>
  Object.assign(new Error(`User: arn:aws:sts::000000000000:assumed-role/consumer/consumer is not authorized to perform: dynamodb:${action} on resource: stream because no identity-based policy allows the dynamodb:${action} action`), {
    name: 'AccessDeniedException',
  });

interface FakeShard {
  readonly parent: string | undefined;
  readonly records: _Record[];
  closed: boolean;
}

export class FakeStream {
  readonly client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  readonly calls: string[] = [];
  /** The Limit of every GetRecords call, and how many records it returned. */
  readonly reads: Array<{ limit: number | undefined; returned: number }> = [];
  private readonly shards = new Map<string, FakeShard>();
  private readonly faults: Fault[] = [];
  private sequence = 100;
  /** Streams actions the caller's role may not call (AccessDeniedException). */
  readonly denied = new Set<string>();

  constructor() {
    const mock = mockClient(this.client);
    mock.on(DescribeStreamCommand).callsFake(() => this.guard('DescribeStream', () => ({
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
    })));
    mock.on(GetShardIteratorCommand).callsFake((input: { ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) => {
      if (this.denied.has('GetShardIterator')) throw accessDenied('GetShardIterator');
      this.calls.push(`GetShardIterator ${input.ShardId} ${input.ShardIteratorType}${input.SequenceNumber ? ` ${input.SequenceNumber}` : ''}`);
      const shard = this.shard(input.ShardId);
      const after = shard.records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber) + 1;
      const at = shard.records.findIndex((r) => r.dynamodb?.SequenceNumber === input.SequenceNumber);
      const position =
        input.ShardIteratorType === 'TRIM_HORIZON' ? 0 : input.ShardIteratorType === 'LATEST' ? shard.records.length : input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? at : after;
      return { ShardIterator: `${input.ShardId}|${position}` };
    });
    mock.on(GetRecordsCommand).callsFake((input: { ShardIterator: string; Limit?: number }) => {
      if (this.denied.has('GetRecords')) throw accessDenied('GetRecords');
      this.calls.push('GetRecords');
      const fault = this.faults.shift();
      if (fault === 'ExpiredIterator') throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
      if (fault === 'ShardNotFound') throw new ResourceNotFoundException({ message: 'Shard does not exist', $metadata: {} });
      if (fault === 'Trimmed') throw new TrimmedDataAccessException({ message: 'The operation attempted to read past the oldest stream record in a shard.', $metadata: {} });
      const [shardId, position] = input.ShardIterator.split('|') as [string, string];
      const shard = this.shard(shardId);
      const records = shard.records.slice(Number(position), Number(position) + (input.Limit ?? 1000));
      const next = Number(position) + records.length;
      this.reads.push({ limit: input.Limit, returned: records.length });
      const drained = shard.closed && next >= shard.records.length;
      if (fault === 'ConnectionReset') throw new InjectedConnectionResetError(2);
      return { Records: records, ...(!drained && fault !== 'OmitNextShardIterator' && { NextShardIterator: `${shardId}|${next}` }) };
    });
  }

  addShard(shardId: string, parent?: string): this {
    this.shards.set(shardId, { parent, records: [], closed: false });
    return this;
  }

  /** Appends a change of item `key` to a shard; returns its sequence number. */
  put(shardId: string, key: string, options: { createdAt?: Date; version?: number } = {}): string {
    const sequenceNumber = String(++this.sequence);
    this.shard(shardId).records.push({
      eventID: `event-${sequenceNumber}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: options.createdAt ?? new Date(),
        Keys: { pk: { S: key } },
        NewImage: { pk: { S: key }, ...(options.version !== undefined && { version: { N: String(options.version) } }) },
        SequenceNumber: sequenceNumber,
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    return sequenceNumber;
  }

  close(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  /** The shard's records passed the 24 hours: the shard leaves the stream. */
  trim(shardId: string): void {
    this.shards.delete(shardId);
  }

  /** The next GetRecords calls fail (or misbehave) in this order. */
  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  private guard<T>(action: string, answer: () => T): T {
    if (this.denied.has(action)) throw accessDenied(action);
    return answer();
  }

  private shard(shardId: string): FakeShard {
    const shard = this.shards.get(shardId);
    if (!shard) throw new ResourceNotFoundException({ message: 'Shard does not exist', $metadata: {} });
    return shard;
  }
}
