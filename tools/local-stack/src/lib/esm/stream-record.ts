import type { AttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
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

/** When a record was created: the best estimate, and whether it is precise to a poll interval. */
export interface CreationEstimate {
  readonly createdAtMs: number;
  readonly precise: boolean;
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
export function estimateCreation(record: _Record, seenAtMs: number, tipReadAtMs?: number): CreationEstimate {
  const reported = record.dynamodb?.ApproximateCreationDateTime?.getTime();
  if (reported === undefined) return { createdAtMs: seenAtMs, precise: false };
  if (reported % 60_000 !== 0) return { createdAtMs: reported, precise: true };
  const createdAtMs = Math.max(reported, Math.min(seenAtMs, reported + 59_999));
  return { createdAtMs, precise: tipReadAtMs !== undefined && tipReadAtMs <= seenAtMs };
}

/**
 * Converts a GetRecords record into the record Lambda puts in a DynamoDB stream event:
 * ApproximateCreationDateTime in epoch seconds with a fraction, as AWS gives it (from `created`
 * when it is precise, otherwise as the source reports it: whole minutes from DynamoDB Local, the
 * milliseconds from AWS's own stream when the DLQ tool reads it), binary values
 * base64-encoded, the stack's region in awsRegion (DynamoDB Local writes `ddblocal`) and the
 * AWS-shaped stream ARN as eventSourceARN.
 *
 * @example
 * const record = toLambdaRecord(getRecordsOutput.Records[0], { region: 'us-east-1', streamArn });
 */
export function toLambdaRecord(record: _Record, context: { region: string; streamArn: string }, created?: CreationEstimate): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  const reported = change.ApproximateCreationDateTime;
  // Plain assignments in the record's key order (no spread of temporary objects): one per record read.
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {};
  if (created?.precise) dynamodb.ApproximateCreationDateTime = created.createdAtMs / 1000;
  else if (reported) dynamodb.ApproximateCreationDateTime = reported.getTime() / 1000;
  if (change.Keys) dynamodb.Keys = convertImage(change.Keys);
  if (change.NewImage) dynamodb.NewImage = convertImage(change.NewImage);
  if (change.OldImage) dynamodb.OldImage = convertImage(change.OldImage);
  dynamodb.SequenceNumber = change.SequenceNumber;
  dynamodb.SizeBytes = change.SizeBytes;
  dynamodb.StreamViewType = change.StreamViewType;
  const converted: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: context.region,
    dynamodb,
    eventSourceARN: context.streamArn,
  };
  if (record.userIdentity) {
    converted.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  }
  return converted;
}

function convertImage(image: Record<string, AttributeValue>): Record<string, LambdaAttributeValue> {
  const converted: Record<string, LambdaAttributeValue> = {};
  for (const name of Object.keys(image)) converted[name] = convertValue(image[name] as AttributeValue);
  return converted;
}

function convertValue(value: AttributeValue): LambdaAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: convertImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(convertValue) };
  return value as LambdaAttributeValue;
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
