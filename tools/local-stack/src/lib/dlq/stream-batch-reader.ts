import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { compareSequenceNumbers, toLambdaRecord } from '@shop/shared-util-dynamodb-streams';
import { MAX_RECORDS_PER_GET } from '../constants';
import type { OnFailureMessage } from '../destinations/failure-message';
import { StreamRecordsUnavailableError } from '../errors';
import { arnRegion } from './dynamodb-local-stream-arn';

export interface StreamBatchReaderOptions {
  /** The ARN to send to the Streams API (DynamoDB Local wants its own dialect); default: the message's. */
  readonly requestStreamArn?: (streamArn: string) => string;
  /** GetRecords pages in a row that may come back empty before giving up (open shards on AWS return some). Default 20. */
  readonly maxEmptyPages?: number;
}

/**
 * Reads back from the stream the records an on-failure message names (AWS's message carries only
 * `DDBStreamBatchInfo`: shard and sequence number range): an iterator AT the start sequence
 * number, then GetRecords until the end one, in Lambda's event shape (region and stream ARN
 * from the message). Works against AWS and against DynamoDB Local alike.
 *
 * Fails with {@link StreamRecordsUnavailableError} when the range is no longer (fully) in the
 * stream: DynamoDB trims records after 24 hours.
 *
 * @example
 * const records = await readFailedBatch(new DynamoDBStreamsClient({}), JSON.parse(sqsMessage.Body));
 */
export async function readFailedBatch(client: DynamoDBStreamsClient, message: OnFailureMessage, options: StreamBatchReaderOptions = {}): Promise<DynamoDBRecord[]> {
  const { shardId, startSequenceNumber, endSequenceNumber, streamArn } = message.DDBStreamBatchInfo;
  const range = `${startSequenceNumber}..${endSequenceNumber}`;
  const unavailable = (reason: string, cause?: unknown): StreamRecordsUnavailableError => new StreamRecordsUnavailableError(streamArn, shardId, range, reason, { cause });
  const requestArn = options.requestStreamArn?.(streamArn) ?? streamArn;
  const region = arnRegion(streamArn) ?? 'us-east-1';
  const raw: _Record[] = [];
  try {
    let iterator = (
      await client.send(new GetShardIteratorCommand({ StreamArn: requestArn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: startSequenceNumber }))
    ).ShardIterator;
    let emptyPages = 0;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: MAX_RECORDS_PER_GET }));
      const records = page.Records ?? [];
      emptyPages = records.length === 0 ? emptyPages + 1 : 0;
      for (const record of records) {
        const sequenceNumber = record.dynamodb?.SequenceNumber ?? '0';
        if (compareSequenceNumbers(sequenceNumber, endSequenceNumber) > 0) {
          iterator = undefined;
          break;
        }
        raw.push(record);
      }
      if (raw.length > 0 && compareSequenceNumbers(raw[raw.length - 1]?.dynamodb?.SequenceNumber ?? '0', endSequenceNumber) >= 0) break;
      if (emptyPages >= (options.maxEmptyPages ?? 20)) break;
      iterator &&= page.NextShardIterator;
    }
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TrimmedDataAccessException' || name === 'ResourceNotFoundException') {
      throw unavailable('they are older than the stream\'s 24-hour retention (or the stream was deleted)', error);
    }
    // DynamoDB Local's answer for a sequence number the shard does not hold (any more).
    if (/Invalid SequenceNumber/i.test((error as Error).message)) throw unavailable('the shard does not hold the first record (trimmed, or not a record of this shard)', error);
    throw error;
  }
  if (raw[0]?.dynamodb?.SequenceNumber !== startSequenceNumber) throw unavailable('the first record is no longer in the shard (trimmed after 24 hours)');
  if (raw[raw.length - 1]?.dynamodb?.SequenceNumber !== endSequenceNumber) throw unavailable('the shard ends before the last record');
  return raw.map((record) => toLambdaRecord(record, { region, streamArn }));
}
