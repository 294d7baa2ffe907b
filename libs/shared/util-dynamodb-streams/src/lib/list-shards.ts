import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/** A shard of a stream, as DescribeStream lists it. */
export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  readonly startingSequenceNumber: string | undefined;
  /** Set once the shard is closed: no record will be added after it. */
  readonly endingSequenceNumber: string | undefined;
}

export interface ListShardsOptions {
  /** Aborts the DescribeStream call in flight. */
  readonly signal?: AbortSignal;
}

/**
 * Lists every shard of a stream, in DescribeStream's order (oldest first), following
 * `LastEvaluatedShardId` through every page: a stream that has split many times lists its shards
 * over several pages (100 a page on AWS).
 *
 * @example
 * const shards = await listShards(streams, streamArn, { signal });
 * const open = shards.filter((shard) => shard.endingSequenceNumber === undefined);
 */
export async function listShards(client: DynamoDBStreamsClient, streamArn: string, options: ListShardsOptions = {}): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }), { abortSignal: options.signal });
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId) continue;
      shards.push({
        shardId: shard.ShardId,
        parentShardId: shard.ParentShardId,
        startingSequenceNumber: shard.SequenceNumberRange?.StartingSequenceNumber,
        endingSequenceNumber: shard.SequenceNumberRange?.EndingSequenceNumber,
      });
    }
    ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId);
  return shards;
}
