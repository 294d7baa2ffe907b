import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readStreamPages, readStreamPagesAsSent } from '@shop/shared-util-dynamodb-streams';

/** Where a stream stood: how many records it held, and each shard's last sequence number (shards without records are absent). */
export interface StreamPosition {
  readonly records: number;
  readonly lastSequenceNumbers: Readonly<Record<string, string>>;
}

/**
 * Reads a whole stream from TRIM_HORIZON — or, with `startAfter`, from just after that position —
 * as fast as GetRecords allows (1,000 records a call), parent shards first, up to the tip of the
 * open shard (`readStreamPages`' stop rule). The physical limit P3 compares the event source
 * mapping with. Returns how many records it read; with `limit`, it stops once it has read that
 * many (the records written after them are not its business). With `asSent`, the pages' records
 * are parsed as DynamoDB sent them (one JSON.parse, as the event source mapping emulator reads
 * them) instead of by the SDK's deserializer.
 *
 * @example
 * const records = await drainStream(ddb, streams, 'shop-dev-products');
 */
export async function drainStream(
  ddb: DynamoDBClient,
  streams: DynamoDBStreamsClient,
  tableName: string,
  limit = Number.POSITIVE_INFINITY,
  startAfter?: StreamPosition,
  options: { readonly asSent?: boolean } = {},
): Promise<number> {
  let count = 0;
  const read = options.asSent ? readStreamPagesAsSent : readStreamPages;
  for await (const page of read(ddb, streams, tableName, { startAfter: startAfter?.lastSequenceNumbers })) {
    count += page.records.length;
    if (count >= limit) return limit;
  }
  return count;
}

/**
 * The stream's position now: its records counted and each shard's last sequence number (read
 * outside what is timed, to start a drain after records that were processed already).
 */
export async function streamPosition(ddb: DynamoDBClient, streams: DynamoDBStreamsClient, tableName: string): Promise<StreamPosition> {
  let records = 0;
  const lastSequenceNumbers: Record<string, string> = {};
  for await (const page of readStreamPages(ddb, streams, tableName)) {
    records += page.records.length;
    const last = page.records[page.records.length - 1]?.dynamodb?.SequenceNumber;
    if (last) lastSequenceNumbers[page.shardId] = last;
  }
  return { records, lastSequenceNumbers };
}
