import { GetRecordsCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue } from 'aws-lambda';

/**
 * A stream record as GetRecords sends it: DynamoDB Streams' JSON, which is already the shape
 * Lambda's event carries — images in DynamoDB JSON with binary values base64-encoded,
 * ApproximateCreationDateTime in epoch seconds.
 */
export interface WireStreamRecord {
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion?: string;
  readonly eventSource?: string;
  readonly awsRegion?: string;
  readonly dynamodb?: {
    readonly ApproximateCreationDateTime?: number;
    readonly Keys?: Record<string, LambdaAttributeValue>;
    readonly NewImage?: Record<string, LambdaAttributeValue>;
    readonly OldImage?: Record<string, LambdaAttributeValue>;
    readonly SequenceNumber?: string;
    readonly SizeBytes?: number;
    readonly StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  };
  readonly userIdentity?: { readonly Type?: string; readonly PrincipalId?: string };
}

export interface RecordsAsSentPage {
  readonly records: WireStreamRecord[];
  readonly nextShardIterator: string | undefined;
}

/** Where the page's JSON is taken from the response: inside the SDK's deserializer (see getRecordsAsSent). */
const RAW_PAGE_MIDDLEWARE = { step: 'deserialize', priority: 'low', name: 'localStackRawGetRecordsPage' } as const;

interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

/**
 * One GetRecords call whose records come back as DynamoDB sent them ({@link WireStreamRecord}),
 * parsed with one `JSON.parse`. The SDK's deserializer builds typed objects for every attribute
 * value (dates, byte arrays); a reader that hands records to Lambda (an event source mapping)
 * needs the sent JSON, and the round trip cost ~35 ms of CPU per 1,000-record page on the
 * 2-core machine the local stack was measured on.
 *
 * The call still goes through the SDK client (endpoint, signing, retries, abort, errors as typed
 * exceptions): a middleware inside its deserializer takes a successful response's records out of
 * the body and leaves it only NextShardIterator to parse. A client whose `send` is replaced (a
 * test's mock) never runs the middleware; its typed records are converted ({@link wireRecord}).
 *
 * @example
 * const { records, nextShardIterator } = await getRecordsAsSent(streams, { ShardIterator, Limit: 1000 }, signal);
 */
export async function getRecordsAsSent(client: DynamoDBStreamsClient, input: { ShardIterator: string; Limit: number }, signal?: AbortSignal): Promise<RecordsAsSentPage> {
  const command = new GetRecordsCommand(input);
  let records: WireStreamRecord[] | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      if (response.statusCode !== 200) return result; // errors are the SDK's to read
      const page = JSON.parse(await bodyText(response.body)) as { Records?: WireStreamRecord[]; NextShardIterator?: string };
      records = page.Records ?? [];
      response.body = Buffer.from(JSON.stringify(page.NextShardIterator === undefined ? {} : { NextShardIterator: page.NextShardIterator }));
      return result;
    },
    RAW_PAGE_MIDDLEWARE,
  );
  const output = await client.send(command, { abortSignal: signal });
  return { records: records ?? (output.Records ?? []).map(wireRecord), nextShardIterator: output.NextShardIterator };
}

async function bodyText(body: unknown): Promise<string> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A record the SDK deserialized, back in the JSON DynamoDB sent. */
export function wireRecord(record: _Record): WireStreamRecord {
  const change = record.dynamodb;
  return {
    ...(record.eventID !== undefined && { eventID: record.eventID }),
    ...(record.eventName !== undefined && { eventName: record.eventName }),
    ...(record.eventVersion !== undefined && { eventVersion: record.eventVersion }),
    ...(record.eventSource !== undefined && { eventSource: record.eventSource }),
    ...(record.awsRegion !== undefined && { awsRegion: record.awsRegion }),
    ...(change && {
      dynamodb: {
        ...(change.ApproximateCreationDateTime && { ApproximateCreationDateTime: change.ApproximateCreationDateTime.getTime() / 1000 }),
        ...(change.Keys && { Keys: wireImage(change.Keys) }),
        ...(change.NewImage && { NewImage: wireImage(change.NewImage) }),
        ...(change.OldImage && { OldImage: wireImage(change.OldImage) }),
        ...(change.SequenceNumber !== undefined && { SequenceNumber: change.SequenceNumber }),
        ...(change.SizeBytes !== undefined && { SizeBytes: change.SizeBytes }),
        ...(change.StreamViewType !== undefined && { StreamViewType: change.StreamViewType }),
      },
    }),
    ...(record.userIdentity && { userIdentity: { Type: record.userIdentity.Type, PrincipalId: record.userIdentity.PrincipalId } }),
  };
}

type SdkImage = NonNullable<NonNullable<_Record['dynamodb']>['NewImage']>;
type SdkValue = SdkImage[string];

function wireImage(image: SdkImage): Record<string, LambdaAttributeValue> {
  const converted: Record<string, LambdaAttributeValue> = {};
  for (const name of Object.keys(image)) converted[name] = wireValue(image[name] as SdkValue);
  return converted;
}

function wireValue(value: SdkValue): LambdaAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: wireImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(wireValue) };
  return value as LambdaAttributeValue;
}
