import { DescribeStreamCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/** A shard of a stream, as DescribeStream lists it. */
export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  readonly startingSequenceNumber: string | undefined;
  /** Set once the shard is closed: no record will be added after it. */
  readonly endingSequenceNumber: string | undefined;
}

/** Lists every shard of a stream (all DescribeStream pages), oldest first. */
export async function listShards(client: DynamoDBStreamsClient, localStreamArn: string, signal?: AbortSignal): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: localStreamArn, ExclusiveStartShardId }), { abortSignal: signal });
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

/** Compares DynamoDB sequence numbers (decimal strings of any length). */
export function compareSequenceNumbers(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
