import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ProductReplenisher } from '@shop/inventory-domain';
import { Slots } from '@shop/shared-util-async';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { heldBackBy, planBatch, type Indexed } from './batch-plan';
import { BatchOutcomes } from './batch-outcomes';
import { RecordHeldBackError } from './errors';
import { decodeProductChange, productIdOf, type ProductChange } from './product-change';
import { ReplenishmentDecision, ReplenishOnPosition } from './replenish-on-position';

export interface ReplenishmentStreamHandlerDependencies {
  readonly replenisher: ProductReplenisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Source of `createdAt`; defaults to the system clock. */
  readonly clock?: () => Date;
  /** Most transactions in flight at once within a batch (one per product with a shortfall). Default 16. */
  readonly maxConcurrentWrites?: number;
}

export type ReplenishmentStreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** Default bound on the transactions in flight per invocation. */
export const DEFAULT_MAX_CONCURRENT_WRITES = 16;

const labelOf = (record: DynamoDBRecord | undefined): string => record?.dynamodb?.SequenceNumber ?? '(no SequenceNumber)';

/**
 * The Products stream consumer (ReportBatchItemFailures), applying {@link ReplenishOnPosition}.
 *
 * **Coalescing.** A product's records in a batch are decoded in stream order (a malformed one
 * fails and holds back the rest of its product), and the product is decided once, from the latest
 * image before any failure: every earlier record's image shows a state the product has already
 * left, so its transaction could only fail its condition. The earlier records are `coalesced`; if
 * the one decision fails, only the record it was made from is reported (Lambda retries from there,
 * and the earlier records have nothing left to decide).
 *
 * **Order and concurrency** ({@link planBatch}, {@link heldBackBy}). Different products are decided
 * concurrently, with at most `maxConcurrentWrites` transactions in flight. A record whose product
 * cannot be told (no key) fails after every earlier record is done and holds back every later one.
 * A failed record without a SequenceNumber cannot be named in the response, so the whole
 * invocation fails (`UnreportableRecordFailureError`).
 *
 * **Cost.** A product whose latest image shows the position at or above the threshold costs
 * nothing; one that shows a shortfall costs one TransactWriteItems, and no read.
 *
 * **Logging and metrics**: see {@link BatchOutcomes}.
 *
 * @example
 * export const handler = createReplenishmentStreamHandler({ replenisher, logger, metrics });
 */
export function createReplenishmentStreamHandler(dependencies: ReplenishmentStreamHandlerDependencies): ReplenishmentStreamHandler {
  const { replenisher, logger, metrics, clock, maxConcurrentWrites = DEFAULT_MAX_CONCURRENT_WRITES } = dependencies;
  const replenishOnPosition = new ReplenishOnPosition(replenisher, clock);
  // One per container: Lambda runs one invocation at a time in it. Checks the limit at wiring.
  const transactions = new Slots(maxConcurrentWrites);
  return async (event) => {
    const records = event?.Records;
    if (!Array.isArray(records)) throw new TypeError('Not a DynamoDB stream event: Records is not an array');
    const outcomes = new BatchOutcomes(records, logger, metrics);
    const plan = planBatch(records, productIdOf);

    /** The record decoded, or `undefined` once it failed or is held back by an earlier failure. */
    const decodeOrHoldBack = ([index, record]: Indexed<DynamoDBRecord>): ProductChange | undefined => {
      const productId = productIdOf(record);
      const by = heldBackBy(plan, index, outcomes.failed, productId);
      if (by !== undefined) {
        outcomes.fail(index, productId, new RecordHeldBackError(record.dynamodb?.SequenceNumber, productId, labelOf(records[by])));
        return undefined;
      }
      try {
        return decodeProductChange(record);
      } catch (error) {
        outcomes.fail(index, productId, error);
        return undefined;
      }
    };

    /** One product's records: decoded in order, decided once from the latest good one. */
    const decideProduct = async (group: readonly Indexed<DynamoDBRecord>[]): Promise<void> => {
      const decoded: Array<readonly [number, ProductChange]> = [];
      for (const entry of group) {
        const change = decodeOrHoldBack(entry);
        if (change) decoded.push([entry[0], change]);
      }
      const latest = decoded.pop();
      for (const [index, change] of decoded) outcomes.decided(index, change.productId, { decision: ReplenishmentDecision.Coalesced });
      if (!latest) return;
      const [index, change] = latest;
      try {
        // Most products are covered by their latest image: decided without waiting for a slot.
        const outcome = ReplenishOnPosition.isCovered(change)
          ? await replenishOnPosition.handle(change)
          : await transactions.run(() => replenishOnPosition.handle(change));
        outcomes.decided(index, change.productId, outcome);
      } catch (error) {
        outcomes.fail(index, change.productId, error);
      }
    };

    try {
      await Promise.all([...plan.byProduct.values()].map(decideProduct));
      // From the first keyless record on: it cannot be decoded, and everything after it waits.
      for (const entry of plan.fromKeyless) decodeOrHoldBack(entry);
      return outcomes.response();
    } finally {
      outcomes.publish();
    }
  };
}
