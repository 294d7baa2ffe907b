import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { inLineageOrder, latestStreamArn, listShards } from '@shop/shared-util-dynamodb-streams';

/** Where a stream stood: how many records it held, and each shard's last sequence number (shards without records are absent). */
export interface StreamPosition {
  readonly records: number;
  readonly lastSequenceNumbers: Readonly<Record<string, string>>;
}

/**
 * Reads a whole stream from TRIM_HORIZON — or, with `startAfter`, from just after that position —
 * as fast as GetRecords allows (1,000 records a call), parent shards first, up to the tip of the
 * open shard. The physical limit P3 compares the event source mapping with. Returns how many
 * records it read; with `limit`, it stops once it has read that many (the records written after
 * them are not its business).
 *
 * @example
 * const records = await drainStream(ddb, streams, 'shop-dev-products');
 */
export async function drainStream(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string, limit = Number.POSITIVE_INFINITY, startAfter?: StreamPosition): Promise<number> {
  let count = 0;
  await readStream(ddb, streams, tableName, startAfter, (records) => {
    count += records.length;
    return count >= limit;
  });
  return Math.min(count, limit);
}

/**
 * The stream's position now: its records counted and each shard's last sequence number (read
 * outside what is timed, to start a drain after records that were processed already).
 */
export async function streamPosition(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<StreamPosition> {
  let records = 0;
  const lastSequenceNumbers: Record<string, string> = {};
  await readStream(ddb, streams, tableName, undefined, (page, shardId) => {
    records += page.length;
    const last = page[page.length - 1]?.dynamodb?.SequenceNumber;
    if (last) lastSequenceNumbers[shardId] = last;
    return false;
  });
  return { records, lastSequenceNumbers };
}

async function readStream(
  ddb: DynamoDBClient,
  streams: DynamoDBStreamsClient,
  tableName: string,
  startAfter: StreamPosition | undefined,
  onPage: (records: readonly _Record[], shardId: string) => boolean,
): Promise<void> {
  const streamArn = await latestStreamArn(ddb, tableName);
  for (const shard of inLineageOrder(await listShards(streams, streamArn))) {
    const after = startAfter?.lastSequenceNumbers[shard.shardId];
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.shardId,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records ?? [];
      if (onPage(records, shard.shardId)) return;
      // An open shard has no end: an empty page means its tip is reached (DynamoDB Local answers at once).
      if (records.length === 0 && !shard.endingSequenceNumber) break;
      iterator = page.NextShardIterator;
    }
  }
}
