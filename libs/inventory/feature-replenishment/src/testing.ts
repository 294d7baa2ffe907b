/**
 * Test helpers for code that consumes the Products stream. Not part of the production API.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ProductAttribute, toProductItem } from '@shop/inventory-data-access';
import type { Product } from '@shop/inventory-domain';

/** A product image: its definition, and what is on order when there is something. */
type ImageOf = Product & { readonly onOrder?: number; readonly version?: number };
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type LambdaImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const image = ({ onOrder, version, ...product }: ImageOf): LambdaImage =>
  marshall({
    ...toProductItem(product),
    ...(onOrder !== undefined && { [ProductAttribute.OnOrder]: onOrder }),
    ...(version !== undefined && { [ProductAttribute.Version]: version }),
  }) as LambdaImage;

export interface StreamRecordOptions {
  readonly old?: ImageOf;
  readonly new?: ImageOf;
  /** Defaults from the images: INSERT (new only), MODIFY (both), REMOVE (old only). */
  readonly eventName?: DynamoDBRecord['eventName'];
  readonly sequenceNumber: string;
  readonly eventID?: string;
  /** Defaults to the product id of either image. */
  readonly productId?: string;
}

/**
 * A Products stream record as Lambda delivers it (NEW_AND_OLD_IMAGES).
 *
 * @example
 * dynamodbStreamRecord({ old: seedProduct(), new: seedProduct({ stock: 49 }), sequenceNumber: '100' });
 */
export function dynamodbStreamRecord(options: StreamRecordOptions): DynamoDBRecord {
  const productId = options.productId ?? options.new?.productId ?? options.old?.productId ?? 'p#unknown';
  const eventName = options.eventName ?? (options.old && options.new ? 'MODIFY' : options.new ? 'INSERT' : 'REMOVE');
  return {
    eventID: options.eventID ?? `event-${options.sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_767_225_600,
      Keys: { [ProductAttribute.ProductId]: { S: productId } },
      ...(options.old && { OldImage: image(options.old) }),
      ...(options.new && { NewImage: image(options.new) }),
      SequenceNumber: options.sequenceNumber,
      SizeBytes: 128,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/shop-test-products/stream/2026-01-01T00:00:00.000',
  };
}

/** The classic test event, verbatim: p#1234 goes from 51 to 49 with a threshold of 50 (lots of 30). */
export function seedTestEvent(): DynamoDBStreamEvent {
  return {
    Records: [
      {
        eventID: 'example',
        eventName: 'MODIFY',
        eventVersion: '1.0',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: {
          ApproximateCreationDateTime: 1623867600,
          Keys: { productId: { S: 'p#1234' } },
          OldImage: { productId: { S: 'p#1234' }, stock: { N: '51' }, reorderThreshold: { N: '50' }, amountToReplenish: { N: '30' } },
          NewImage: { productId: { S: 'p#1234' }, stock: { N: '49' }, reorderThreshold: { N: '50' }, amountToReplenish: { N: '30' } },
          SequenceNumber: 'example',
          SizeBytes: 128,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: 'example',
      },
    ],
  };
}

/**
 * A record read with `@aws-sdk/client-dynamodb-streams` (GetRecords), in the shape the event
 * source mapping hands to Lambda: creation time in epoch seconds and the stream's ARN added.
 */
export function toLambdaRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const { dynamodb, ...rest } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...(rest as Omit<DynamoDBRecord, 'dynamodb'>),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(dynamodb as Omit<NonNullable<DynamoDBRecord['dynamodb']>, 'ApproximateCreationDateTime'>),
      ...(created && { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) }),
    },
  } as DynamoDBRecord;
}

/**
 * Every record currently in a table's stream, oldest first, read the way the event source mapping
 * reads it (DescribeStream, then GetShardIterator TRIM_HORIZON and GetRecords per shard) and
 * converted to Lambda's record shape. The clients find DynamoDB Local through the standard
 * AWS_ENDPOINT_URL_DYNAMODB(_STREAMS) variables.
 */
export async function readStreamRecords(tableName: string): Promise<DynamoDBRecord[]> {
  const dynamodb = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({});
  try {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: DynamoDBRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      // An open shard always hands out a next iterator: stop at the first empty page.
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        if (!page.Records?.length) break;
        records.push(...page.Records.map((record) => toLambdaRecord(record, streamArn)));
        iterator = page.NextShardIterator;
      }
    }
    return records;
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
}
