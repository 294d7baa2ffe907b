import { createHash } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The lane (0..factor-1) a record goes to under a ParallelizationFactor: a hash of the item's key,
 * so every change of one item takes the same lane and stays in order, while changes of different
 * items are processed concurrently — Lambda's guarantee ("order is kept per item key").
 *
 * @example
 * partitionLane(record, 4); // the same value for every change of this item
 */
export function partitionLane(record: DynamoDBRecord, factor: number): number {
  if (factor <= 1) return 0;
  const keys = record.dynamodb?.Keys ?? {};
  const canonical = JSON.stringify(Object.keys(keys).sort().map((name) => [name, keys[name]]));
  return createHash('md5').update(canonical).digest().readUInt32BE(0) % factor;
}
