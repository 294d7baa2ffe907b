import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { inLineageOrder, latestStreamArn, listShards } from '@shop/shared-util-dynamodb-streams';

/**
 * Reads a whole stream from TRIM_HORIZON as fast as GetRecords allows (1,000 records a call),
 * parent shards first, up to the tip of the open shard. The physical limit P3 compares the
 * event source mapping with. Returns how many records it read; with `limit`, it stops once it has
 * read that many (the records written after them are not its business).
 *
 * @example
 * const records = await drainStream(ddb, streams, 'shop-dev-products');
 */
export async function drainStream(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  const streamArn = await latestStreamArn(ddb, tableName);
  let count = 0;
  for (const shard of inLineageOrder(await listShards(streams, streamArn))) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records?.length ?? 0;
      count += records;
      if (count >= limit) return limit;
      // An open shard has no end: an empty page means its tip is reached (DynamoDB Local answers at once).
      if (records === 0 && !shard.endingSequenceNumber) break;
      iterator = page.NextShardIterator;
    }
  }
  return count;
}
