import type { CreationEstimate, WireStreamRecord } from '@shop/shared-util-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { withJson } from '../lambda/invocation';

/** A record read from a shard, in Lambda's event shape, with what the poller needs to know of it. */
export interface StreamEntry {
  readonly record: DynamoDBRecord;
  readonly sequenceNumber: string;
  /** When the change happened, as well as it can be known ({@link estimateCreation}); ages computed from it are never overstated. */
  readonly createdAtMs: number;
  /** Size of the record in the invocation payload (UTF-8 bytes of its JSON and a comma), for the 6 MB cut. */
  readonly payloadBytes: number;
  /** The record's JSON text, when known: the invocation payload is joined from it. */
  readonly json?: string;
  /** Whether the mapping's filters keep it (records that match no filter are dropped). */
  readonly matched: boolean;
}

/**
 * When a record was created, as closely as it can honestly be known. DynamoDB Local (3.3.1, as
 * 1.25.1) rounds ApproximateCreationDateTime down to the minute, where AWS gives epoch seconds
 * with a fraction. A record that was not there when the previous read reached the shard's tip
 * (started at `tipReadAtMs`) was created between that read and the read that returned it
 * (`seenAtMs`): the time it was seen is then within a poll interval of the truth, and precise. A
 * record read from a backlog has no such bound: the estimate is capped by the end of its minute
 * and by when it was seen, and is not precise. A time DynamoDB Local gives with milliseconds is
 * taken as it is.
 *
 * @example
 * estimateCreation(raw, Date.now(), previousTipReadAt); // { createdAtMs: 1796401659546, precise: true }
 */
export function estimateCreation(record: WireStreamRecord, seenAtMs: number, tipReadAtMs?: number): CreationEstimate {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  if (seconds === undefined) return { createdAtMs: seenAtMs, precise: false };
  const reported = Math.round(seconds * 1000);
  if (reported % 60_000 !== 0) return { createdAtMs: reported, precise: true };
  const createdAtMs = Math.max(reported, Math.min(seenAtMs, reported + 59_999));
  return { createdAtMs, precise: tipReadAtMs !== undefined && tipReadAtMs <= seenAtMs };
}

/** A stream entry for a record read from the shard: its JSON is made once, for the 6 MB cut and the payload. */
export function streamEntry(record: DynamoDBRecord, sequenceNumber: string, createdAtMs: number): StreamEntry {
  const json = JSON.stringify(record);
  return { record, sequenceNumber, createdAtMs, payloadBytes: Buffer.byteLength(json, 'utf8') + 1, json, matched: true };
}

/**
 * Lambda's DynamoDB stream event for `entries`, carrying its JSON text (joined from the entries'
 * own) so the local runtime does not serialize the records again.
 */
export function streamEvent(entries: readonly StreamEntry[]): DynamoDBStreamEvent {
  const event: DynamoDBStreamEvent = { Records: entries.map((e) => e.record) };
  if (!entries.every((e) => e.json !== undefined)) return event;
  return withJson(event, () => `{"Records":[${entries.map((e) => e.json).join(',')}]}`);
}
