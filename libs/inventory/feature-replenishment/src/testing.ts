/**
 * Test helpers for code that consumes the Products stream. Not part of the production API.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ProductAttribute, toProductItem } from '@shop/inventory-data-access';
import type { Product } from '@shop/inventory-domain';
import { readStreamPages, toLambdaRecord } from '@shop/shared-util-dynamodb-streams';

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

interface StreamRecordOptions {
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

/**
 * A MODIFY record whose NewImage is `now` (a product as stored, with its onOrder and version),
 * as the stream carries the write that left it so; OldImage is `before`, or `now` at one version less.
 *
 * @example
 * const now = await products.put(seedProduct({ stock: 49 }));
 * recordOfWrite(now, '100');
 */
export function recordOfWrite(now: ImageOf, sequenceNumber: string, before?: ImageOf): DynamoDBRecord {
  return dynamodbStreamRecord({ old: before ?? { ...now, version: Math.max(0, (now.version ?? 1) - 1) }, new: now, sequenceNumber });
}

/**
 * The smallest event the consumer must handle: one MODIFY record with only the four product
 * attributes (no onOrder, no version: a product stored before they existed) and placeholder ids;
 * p#1234 goes from 51 to 49 with a threshold of 50 (lots of 30).
 */
export function minimalStreamEvent(): DynamoDBStreamEvent {
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
 * Every record in a table's stream as it stands now, oldest first, read by `readStreamPages`
 * (every shard, parents first, from TRIM_HORIZON; a closed shard to its end, the open one to its
 * tip) and converted to Lambda's record shape by the same `toLambdaRecord` the local event source
 * mapping uses. The clients find DynamoDB Local through the standard
 * AWS_ENDPOINT_URL_DYNAMODB(_STREAMS) variables.
 */
export async function readStreamRecords(tableName: string): Promise<DynamoDBRecord[]> {
  const dynamodb = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({});
  try {
    const region = await streams.config.region();
    const records: DynamoDBRecord[] = [];
    for await (const { streamArn, records: page } of readStreamPages(dynamodb, streams, tableName)) {
      records.push(...page.map((record) => toLambdaRecord(record, { region, streamArn })));
    }
    return records;
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
}
