import type { AttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';

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
 * a DynamoDB stream event, as an event source mapping does: ApproximateCreationDateTime in epoch
 * seconds with a fraction, as AWS gives it (from `created` when it is precise, otherwise as the
 * source reports it: whole minutes from DynamoDB Local, milliseconds from AWS), binary values
 * base64-encoded at any depth, `region` in awsRegion (DynamoDB Local writes `ddblocal`),
 * `streamArn` as eventSourceARN, and the keys in Lambda's order.
 *
 * @example
 * const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
 * const event = { Records: Records.map((record) => toLambdaRecord(record, { region: 'us-east-1', streamArn })) };
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
