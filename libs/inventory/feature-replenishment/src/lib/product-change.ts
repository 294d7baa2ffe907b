import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { fromProductItem, ProductAttribute, stockLevelOfImage } from '@shop/inventory-data-access';
import { crossesBelowThreshold, type Product, type ReplenishmentSource, type StockLevel } from '@shop/inventory-domain';
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

type RecordHeader = Pick<ProductChange, 'eventName' | 'productId' | 'source'>;

/** Everything but the images: what every record must have. Throws {@link InvalidStreamRecordError}. */
function readHeader(record: DynamoDBRecord): RecordHeader {
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
  return { eventName: eventName as StreamEventName, productId, source: { eventID: record.eventID, sequenceNumber } };
}

const contextOf = (header: RecordHeader) => ({ sequenceNumber: header.source.sequenceNumber, productId: header.productId, eventName: header.eventName });

function decodeChange(record: DynamoDBRecord, header: RecordHeader): ProductChange {
  const context = contextOf(header);
  const images = record.dynamodb;
  switch (header.eventName) {
    case StreamEventName.Insert:
      return { ...header, after: decodeImage(images?.NewImage, 'NewImage', context) };
    case StreamEventName.Modify:
      return {
        ...header,
        before: decodeImage(images?.OldImage, 'OldImage', context),
        after: decodeImage(images?.NewImage, 'NewImage', context),
      };
    case StreamEventName.Remove:
      return header;
  }
}

/**
 * Decodes a Products stream record into a {@link ProductChange}. INSERT needs NewImage, MODIFY
 * needs both images, REMOVE needs none (it never triggers a replenishment). Anything missing or
 * invalid throws {@link InvalidStreamRecordError}: the record fails, it is never skipped.
 *
 * The stream consumer calls {@link decodeCrossing} instead, which decodes whole images only for
 * the records that cross.
 *
 * @example
 * const change = decodeProductChange(event.Records[0]);
 * crossesBelowThreshold(change.before, change.after);
 */
export function decodeProductChange(record: DynamoDBRecord): ProductChange {
  return decodeChange(record, readHeader(record));
}

function stockLevelOf(
  image: StreamRecord['NewImage'],
  which: 'OldImage' | 'NewImage',
  header: RecordHeader,
): StockLevel {
  const fail = (reason: string, cause?: unknown): never => {
    throw new InvalidStreamRecordError(reason, header.source.sequenceNumber, header.productId, { cause });
  };
  if (!image) return fail(`${header.eventName} record has no ${which}; the crossing rule needs it (is the stream NEW_AND_OLD_IMAGES?)`);
  try {
    return stockLevelOfImage(image);
  } catch (error) {
    return fail(`${which} has no valid stock level: ${(error as Error).message}`, error);
  }
}

/**
 * The consumer's decoder: decides from the two numbers that matter, read straight from the raw
 * images (stock and reorder threshold of OldImage and NewImage), whether the record crosses the
 * threshold, and only then unmarshalls and validates the whole images (the order needs the
 * product). Returns the decoded change of a crossing, `undefined` for a record that does not
 * cross (a REMOVE reads no image at all).
 *
 * Throws {@link InvalidStreamRecordError} when the record lacks what every record needs (see
 * {@link decodeProductChange}), when an image the rule needs is missing or its stock or threshold
 * is missing or not a non-negative safe integer, and, for a crossing, when either image is not a
 * valid product: such a record fails, it is never skipped. The other attributes of a record that
 * does not cross are not validated.
 *
 * @example
 * const change = decodeCrossing(record);
 * if (change) await new ReplenishOnCrossing(writer).handle(change);
 */
export function decodeCrossing(record: DynamoDBRecord): ProductChange | undefined {
  const header = readHeader(record);
  const images = record.dynamodb;
  let before: StockLevel | undefined;
  switch (header.eventName) {
    case StreamEventName.Remove:
      return undefined;
    case StreamEventName.Modify:
      before = stockLevelOf(images?.OldImage, 'OldImage', header);
      break;
    case StreamEventName.Insert:
      break;
  }
  const after = stockLevelOf(images?.NewImage, 'NewImage', header);
  return crossesBelowThreshold(before, after) ? decodeChange(record, header) : undefined;
}
