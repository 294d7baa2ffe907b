import { inventoryLevelOfImage, ProductAttribute, type VersionedInventoryLevel } from '@shop/inventory-data-access';
import type { DynamoDBRecord } from 'aws-lambda';
import { InvalidStreamRecordError } from './errors';

/** The kinds of change a DynamoDB stream reports. */
export const StreamEventName = { Insert: 'INSERT', Modify: 'MODIFY', Remove: 'REMOVE' } as const;
export type StreamEventName = (typeof StreamEventName)[keyof typeof StreamEventName];

/** One change of one product, as far as the reorder decision needs it. */
export interface ProductChange {
  readonly eventName: StreamEventName;
  readonly productId: string;
  readonly sequenceNumber: string;
  /** The product's inventory level and version after the change (its NewImage); absent for REMOVE. */
  readonly after?: VersionedInventoryLevel;
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
 * Decodes a Products stream record into a {@link ProductChange}: its header, and for INSERT and
 * MODIFY the inventory level and version of NewImage, read straight from the raw numbers (nothing
 * else is unmarshalled: that is all the decision needs). A REMOVE reads no image.
 *
 * Throws {@link InvalidStreamRecordError} when the record has no SequenceNumber, eventID or key,
 * an unknown eventName, no NewImage where one is needed, or a NewImage whose stock, threshold or
 * lot is missing, or whose stock, onOrder, threshold, lot or version is not a non-negative safe
 * integer: such a record fails, it is never skipped.
 *
 * @example
 * const change = decodeProductChange(record); // { eventName: 'MODIFY', productId: 'p#1234', sequenceNumber: '…', after: { stock: 49, …, version: 7 } }
 */
export function decodeProductChange(record: DynamoDBRecord): ProductChange {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  const productId = productIdOf(record);
  const invalid = (reason: string, cause?: unknown): never => {
    throw new InvalidStreamRecordError(reason, sequenceNumber, productId, { cause });
  };
  if (!record.dynamodb) return invalid('record has no dynamodb section');
  if (!sequenceNumber) return invalid('record has no SequenceNumber');
  if (!record.eventID) return invalid('record has no eventID');
  if (!productId) return invalid(`record has no string key ${ProductAttribute.ProductId} in Keys`);
  const eventName = record.eventName ?? '(none)';
  if (!EVENT_NAMES.includes(eventName)) return invalid(`unknown eventName ${JSON.stringify(eventName)}`);
  const header = { eventName: eventName as StreamEventName, productId, sequenceNumber };
  if (eventName === StreamEventName.Remove) return header;
  const image = record.dynamodb.NewImage;
  if (!image) return invalid(`${eventName} record has no NewImage; the decision needs it (is the stream NEW_AND_OLD_IMAGES or NEW_IMAGE?)`);
  try {
    return { ...header, after: inventoryLevelOfImage(image) };
  } catch (error) {
    return invalid(`NewImage has no valid inventory level: ${(error as Error).message}`, error);
  }
}
