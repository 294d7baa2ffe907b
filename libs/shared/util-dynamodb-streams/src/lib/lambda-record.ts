import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { wireRecord, type WireStreamRecord } from './records-as-sent';

/**
 * When a record was created: the best estimate, and whether it is precise (to a poll interval, for
 * a reader that saw it appear) or only bounded.
 */
export interface CreationEstimate {
  readonly createdAtMs: number;
  readonly precise: boolean;
}

/**
 * Converts a GetRecords record (`@aws-sdk/client-dynamodb-streams`) into the record Lambda puts in
 * a DynamoDB stream event, as an event source mapping does: {@link lambdaRecordFromWire} of the
 * record back in the JSON DynamoDB sent ({@link wireRecord}).
 *
 * @example
 * const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
 * const event = { Records: Records.map((record) => toLambdaRecord(record, { region: 'us-east-1', streamArn })) };
 */
export function toLambdaRecord(record: _Record, context: { region: string; streamArn: string }, created?: CreationEstimate): DynamoDBRecord {
  return lambdaRecordFromWire(wireRecord(record), context, created);
}

/**
 * The record Lambda puts in a DynamoDB stream event for a record as GetRecords sent it, as an
 * event source mapping makes it: ApproximateCreationDateTime in epoch seconds with a fraction, as
 * AWS gives it (from `created` when it is precise, otherwise as the source reports it: whole
 * minutes from DynamoDB Local, milliseconds from AWS), `region` in awsRegion (DynamoDB Local
 * writes `ddblocal`), `streamArn` as eventSourceARN, and the keys in Lambda's order. The images
 * are the sent JSON itself (already Lambda's form: binaries in base64), not copies.
 *
 * @example
 * const { records } = await getRecordsAsSent(streams, { ShardIterator, Limit: 1000 });
 * const event = { Records: records.map((record) => lambdaRecordFromWire(record, { region: 'us-east-1', streamArn })) };
 */
export function lambdaRecordFromWire(record: WireStreamRecord, context: { readonly region: string; readonly streamArn: string }, created?: CreationEstimate): DynamoDBRecord {
  const change = record.dynamodb ?? {};
  // Plain assignments in Lambda's key order (no spread of temporary objects): one per record read.
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {};
  if (created?.precise) dynamodb.ApproximateCreationDateTime = created.createdAtMs / 1000;
  else if (change.ApproximateCreationDateTime !== undefined) dynamodb.ApproximateCreationDateTime = change.ApproximateCreationDateTime;
  if (change.Keys) dynamodb.Keys = change.Keys;
  if (change.NewImage) dynamodb.NewImage = change.NewImage;
  if (change.OldImage) dynamodb.OldImage = change.OldImage;
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
  if (record.userIdentity) converted.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return converted;
}
