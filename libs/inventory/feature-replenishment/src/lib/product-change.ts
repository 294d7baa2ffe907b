import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { fromProductItem, ProductAttribute } from '@shop/inventory-data-access';
import type { Product, ReplenishmentSource } from '@shop/inventory-domain';
import type { DynamoDBRecord, StreamRecord } from 'aws-lambda';
import { InvalidStreamRecordError } from './errors';

/** The kinds of change a DynamoDB stream reports. */
export const StreamEventName = { Insert: 'INSERT', Modify: 'MODIFY', Remove: 'REMOVE' } as const;
export type StreamEventName = (typeof StreamEventName)[keyof typeof StreamEventName];

/** One change of one product, decoded and validated from a stream record. */
export interface ProductChange {
  readonly eventName: StreamEventName;
  readonly productId: string;
  readonly source: ReplenishmentSource;
  /** The product before the change; absent for INSERT (and not read for REMOVE). */
  readonly before?: Product;
  /** The product after the change; absent for REMOVE. */
  readonly after?: Product;
}

const EVENT_NAMES: readonly string[] = Object.values(StreamEventName);

/**
 * The product a record belongs to, read from its `Keys`: what keeps a product's records in order
 * even when the rest of the record is broken. `undefined` when the key is missing.
 */
export function productIdOf(record: DynamoDBRecord): string | undefined {
  const key = record.dynamodb?.Keys?.[ProductAttribute.ProductId]?.S;
  return key ? key : undefined;
}

/**
 * DynamoDB numbers have 38 digits; JavaScript's are doubles. A number that would not survive the
 * conversion exactly (2^53 + 1, or 49.000000000000000000001, which plain unmarshall rounds to 49)
 * stays a string, so validation rejects it instead of accepting a rounded stock.
 */
function exactNumber(value: string): number | string {
  const number = Number(value);
  const exact = /^-?\d+$/.test(value) ? Number.isSafeInteger(number) : String(number) === value;
  return exact ? number : value;
}

function decodeImage(
  image: StreamRecord['NewImage'],
  which: 'OldImage' | 'NewImage',
  context: { sequenceNumber: string; productId: string; eventName: string },
): Product {
  const fail = (reason: string, cause?: unknown): never => {
    throw new InvalidStreamRecordError(reason, context.sequenceNumber, context.productId, { cause });
  };
  if (!image) return fail(`${context.eventName} record has no ${which}; the crossing rule needs it (is the stream NEW_AND_OLD_IMAGES?)`);
  let item: Record<string, unknown>;
  try {
    item = unmarshall(image as Record<string, AttributeValue>, { wrapNumbers: exactNumber });
  } catch (error) {
    return fail(`${which} cannot be unmarshalled: ${(error as Error).message}`, error);
  }
  let product: Product;
  try {
    product = fromProductItem(item);
  } catch (error) {
    return fail(`${which} is not a valid product: ${(error as Error).message}`, error);
  }
  if (product.productId !== context.productId) {
    fail(`${which} belongs to ${JSON.stringify(product.productId)}, not to the record's key ${JSON.stringify(context.productId)}`);
  }
  return product;
}

/**
 * Decodes a Products stream record into a {@link ProductChange}. INSERT needs NewImage, MODIFY
 * needs both images, REMOVE needs none (it never triggers a replenishment). Anything missing or
 * invalid throws {@link InvalidStreamRecordError}: the record fails, it is never skipped.
 *
 * @example
 * const change = decodeProductChange(event.Records[0]);
 * crossesBelowThreshold(change.before, change.after);
 */
export function decodeProductChange(record: DynamoDBRecord): ProductChange {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const productId = productIdOf(record);
  const invalid = (reason: string): never => {
    throw new InvalidStreamRecordError(reason, sequenceNumber, productId);
  };
  if (!record.dynamodb) return invalid('record has no dynamodb section');
  if (!sequenceNumber) return invalid('record has no SequenceNumber');
  if (!record.eventID) return invalid('record has no eventID');
  if (!productId) return invalid(`record has no string key ${ProductAttribute.ProductId} in Keys`);
  const eventName = record.eventName ?? '(none)';
  if (!EVENT_NAMES.includes(eventName)) return invalid(`unknown eventName ${JSON.stringify(eventName)}`);

  const base = { eventName: eventName as StreamEventName, productId, source: { eventID: record.eventID, sequenceNumber } };
  const context = { sequenceNumber, productId, eventName };
  switch (base.eventName) {
    case StreamEventName.Insert:
      return { ...base, after: decodeImage(record.dynamodb.NewImage, 'NewImage', context) };
    case StreamEventName.Modify:
      return {
        ...base,
        before: decodeImage(record.dynamodb.OldImage, 'OldImage', context),
        after: decodeImage(record.dynamodb.NewImage, 'NewImage', context),
      };
    case StreamEventName.Remove:
      return base;
  }
}
