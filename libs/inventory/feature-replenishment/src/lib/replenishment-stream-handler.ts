import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ProductReplenisher } from '@shop/inventory-domain';
import { Slots } from '@shop/shared-util-async';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { heldBackBy, planBatch, type Indexed } from './batch-plan';
import { BatchOutcomes } from './batch-outcomes';
import { RecordHeldBackError } from './errors';
import { decodeProductChange, productIdOf } from './product-change';
import { ReplenishOnPosition } from './replenish-on-position';

export interface ReplenishmentStreamHandlerDependencies {
  readonly replenisher: ProductReplenisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Source of `createdAt`; defaults to the system clock. */
  readonly clock?: () => Date;
  /** Most products decided at once within a batch (each decision reads, then may write). Default 16. */
  readonly maxConcurrentWrites?: number;
}

export type ReplenishmentStreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** Default bound on the decisions (reads and transactions) in flight per invocation. */
export const DEFAULT_MAX_CONCURRENT_WRITES = 16;

const labelOf = (record: DynamoDBRecord | undefined): string => record?.dynamodb?.SequenceNumber ?? '(no SequenceNumber)';

/**
 * The Products stream consumer (ReportBatchItemFailures), applying {@link ReplenishOnPosition}.
 *
 * **Order and concurrency** ({@link planBatch}, {@link heldBackBy}). Each product's records are
 * handled strictly in stream order; different products concurrently, with at most
 * `maxConcurrentWrites` decisions in flight. Once a record of a product fails, every later record
 * of that product in the batch is reported failed too (held back), while other products go on. A
 * record whose product cannot be told (no key) waits for every earlier record and holds back every
 * later one. A failed record without a SequenceNumber cannot be named in the response, so the whole
 * invocation fails (`UnreportableRecordFailureError`).
 *
 * **Cost.** A record whose NewImage shows the position at or above the threshold is decided from
 * the image alone; only the others read the product (one GetItem) and, when it is short, write one
 * transaction.
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
  const decisions = new Slots(maxConcurrentWrites);

  return async (event) => {
    const records = event?.Records;
    if (!Array.isArray(records)) throw new TypeError('Not a DynamoDB stream event: Records is not an array');
    const outcomes = new BatchOutcomes(records, logger, metrics);
    const plan = planBatch(records, productIdOf);

    /** One record whose earlier records of its product are done and did not fail. */
    const handle = async (index: number, record: DynamoDBRecord, productId: string | undefined): Promise<void> => {
      try {
        const change = decodeProductChange(record);
        // Most records are covered by their own image: decided without waiting for a slot.
        const outcome = ReplenishOnPosition.isCovered(change)
          ? await replenishOnPosition.handle(change)
          : await decisions.run(() => replenishOnPosition.handle(change));
        outcomes.decided(index, change.productId, outcome);
      } catch (error) {
        outcomes.fail(index, productId, error);
      }
    };

    const handleOrHoldBack = async ([index, record]: Indexed<DynamoDBRecord>): Promise<void> => {
      const productId = productIdOf(record);
      const by = heldBackBy(plan, index, outcomes.failed, productId);
      if (by === undefined) await handle(index, record, productId);
      else outcomes.fail(index, productId, new RecordHeldBackError(record.dynamodb?.SequenceNumber, productId, labelOf(records[by])));
    };

    try {
      await Promise.all(
        [...plan.byProduct.values()].map(async (group) => {
          for (const entry of group) await handleOrHoldBack(entry);
        }),
      );
      for (const entry of plan.fromKeyless) await handleOrHoldBack(entry);
      return outcomes.response();
    } finally {
      outcomes.publish();
    }
  };
}
