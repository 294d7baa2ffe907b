import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';

/** Every shard of a table's stream, parents before their children. */
export async function shardsInLineageOrder(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<{ streamArn: string; shards: Shard[] }> {
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`${tableName} has no stream`);
  const all: Shard[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
    all.push(...(StreamDescription?.Shards ?? []));
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start);
  const ids = new Set(all.map((s) => s.ShardId));
  const ordered: Shard[] = [];
  const placed = new Set<string>();
  while (ordered.length < all.length) {
    const ready = all.filter((s) => !placed.has(s.ShardId as string) && (!s.ParentShardId || !ids.has(s.ParentShardId) || placed.has(s.ParentShardId)));
    if (ready.length === 0) throw new Error('the stream\'s shard lineage has a cycle');
    for (const shard of ready) {
      ordered.push(shard);
      placed.add(shard.ShardId as string);
    }
  }
  return { streamArn, shards: ordered };
}

/**
 * Reads a whole stream from TRIM_HORIZON as fast as GetRecords allows (1,000 records a call),
 * parent shards first, up to the tip of the open shard. The physical limit P3 compares the
 * event source mapping with. Returns how many records it read.
 *
 * @example
 * const records = await drainStream(ddb, streams, 'shop-dev-products');
 */
export async function drainStream(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<number> {
  const { streamArn, shards } = await shardsInLineageOrder(ddb, streams, tableName);
  let count = 0;
  for (const shard of shards) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records?.length ?? 0;
      count += records;
      // An open shard has no end: an empty page means its tip is reached (DynamoDB Local answers at once).
      if (records === 0 && !shard.SequenceNumberRange?.EndingSequenceNumber) break;
      iterator = page.NextShardIterator;
    }
  }
  return count;
}
