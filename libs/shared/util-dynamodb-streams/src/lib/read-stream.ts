import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { latestStreamArn } from './latest-stream-arn';
import { inLineageOrder } from './lineage-order';
import { listShards } from './list-shards';
import { getRecordsAsSent, type WireStreamRecord } from './records-as-sent';

/** A page of stream records as GetRecords returned it, with the stream and shard it came from. */
export interface StreamPage<R = _Record> {
  readonly streamArn: string;
  readonly shardId: string;
  /** Never empty: empty pages are not handed out. */
  readonly records: readonly R[];
}

export interface ReadStreamOptions {
  /** Records asked for per GetRecords call (DynamoDB's maximum, 1,000, by default). */
  readonly pageSize?: number;
  /**
   * Where to start, by shard: just after that sequence number (AFTER_SEQUENCE_NUMBER). A shard not
   * named here is read from TRIM_HORIZON. To read only what was written after an earlier read.
   */
  readonly startAfter?: Readonly<Record<string, string>>;
}

/**
 * Every record in a table's current stream as it stands now, page by page, oldest first: every
 * shard from TRIM_HORIZON (or after `startAfter`'s sequence number for it), parents before
 * children (as the event source mapping reads them).
 *
 * Where it stops: a closed shard (one with an ending sequence number) is read until GetRecords
 * hands out no next iterator, its end, empty pages on the way included; the open shard until the
 * first empty page, its tip at the time of reading (an open shard never ends, and DynamoDB
 * Local answers an empty page at once). Records written after that are not read. A caller that
 * needs only the first N records stops iterating once it has them; the reads end there.
 *
 * @example
 * let count = 0;
 * for await (const page of readStreamPages(dynamodb, streams, 'shop-dev-products')) count += page.records.length;
 */
export function readStreamPages(dynamodb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string, options: ReadStreamOptions = {}): AsyncGenerator<StreamPage, void, undefined> {
  return readPages(dynamodb, streams, tableName, options, async (ShardIterator, Limit) => {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit }));
    return { records: page.Records ?? [], nextShardIterator: page.NextShardIterator };
  });
}

/**
 * {@link readStreamPages} with the records as DynamoDB sent them ({@link getRecordsAsSent}): the
 * same reads, without the SDK's typed objects.
 */
export function readStreamPagesAsSent(dynamodb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string, options: ReadStreamOptions = {}): AsyncGenerator<StreamPage<WireStreamRecord>, void, undefined> {
  return readPages(dynamodb, streams, tableName, options, (ShardIterator, Limit) => getRecordsAsSent(streams, { ShardIterator, Limit }));
}

async function* readPages<R>(
  dynamodb: DynamoDBClient,
  streams: DynamoDBStreamsClient,
  tableName: string,
  options: ReadStreamOptions,
  getRecords: (iterator: string, limit: number) => Promise<{ records: readonly R[]; nextShardIterator: string | undefined }>,
): AsyncGenerator<StreamPage<R>, void, undefined> {
  const streamArn = await latestStreamArn(dynamodb, tableName);
  for (const shard of inLineageOrder(await listShards(streams, streamArn))) {
    const closed = shard.endingSequenceNumber !== undefined;
    const after = options.startAfter?.[shard.shardId];
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    while (iterator) {
      const { records, nextShardIterator } = await getRecords(iterator, options.pageSize ?? 1000);
      if (records.length > 0) yield { streamArn, shardId: shard.shardId, records };
      else if (!closed) break;
      iterator = nextShardIterator;
    }
  }
}
