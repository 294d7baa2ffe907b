import { LogLevelThreshold, type Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ReplenishmentWriter } from '@shop/inventory-domain';
import type { Context, DynamoDBBatchItemFailure, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { RecordHeldBackError, UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from './metric-names';
import { decodeCrossing, productIdOf, type ProductChange } from './product-change';
import { ReplenishmentDecision, ReplenishOnCrossing } from './replenish-on-crossing';

export interface ReplenishmentStreamHandlerDependencies {
  readonly writer: ReplenishmentWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Source of `createdAt`; defaults to the system clock. */
  readonly clock?: () => Date;
  /** Most replenishment orders written at once within a batch (different products). Default 16. */
  readonly maxConcurrentWrites?: number;
}

export type ReplenishmentStreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** Default bound on the conditional puts in flight per invocation. */
export const DEFAULT_MAX_CONCURRENT_WRITES = 16;

/** Counts of one batch: the summary log line and the metrics. */
interface BatchCounts {
  records: number;
  created: number;
  duplicates: number;
  noCrossing: number;
  failed: number;
  heldBack: number;
  unreportable: number;
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxConcurrentWrites must be a positive integer, got ${limit}`);
  return limit;
}

/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#free = checkLimit(limit);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

const labelOf = (sequenceNumber: string | undefined): string => sequenceNumber ?? '(no SequenceNumber)';

/**
 * The Products stream consumer (ReportBatchItemFailures).
 *
 * **Order and concurrency.** A batch's records are grouped by product (the record's key). Each
 * product's records are handled strictly in stream order; different products are handled
 * concurrently, with at most `maxConcurrentWrites` replenishment orders being written at once.
 * Once a record of a product fails, every later record of that product in the batch is reported
 * failed too (held back: Lambda retries from the lowest one, so the product's changes are never
 * applied out of order), while other products go on. A record whose product cannot be told (no
 * key) is handled after every earlier record, and holds back every later record of the batch:
 * it could be any product. A failed record without a SequenceNumber cannot be named in the
 * response, so the whole invocation fails ({@link UnreportableRecordFailureError}).
 *
 * **Cost.** Whether a record crosses is decided from the raw stock and threshold numbers
 * ({@link decodeCrossing}); only crossings are unmarshalled, validated as whole products and written.
 *
 * **Logging.** One line per decision with `productId` and `sequenceNumber`: written and duplicate
 * at INFO, failed and held back at ERROR, no crossing at DEBUG (built only when DEBUG is enabled),
 * plus one INFO summary line per batch with the counts. The counts are also metrics.
 *
 * @example
 * export const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
 */
export function createReplenishmentStreamHandler(dependencies: ReplenishmentStreamHandlerDependencies): ReplenishmentStreamHandler {
  const { writer, logger, metrics, clock, maxConcurrentWrites = DEFAULT_MAX_CONCURRENT_WRITES } = dependencies;
  const replenishOnCrossing = new ReplenishOnCrossing(writer, clock);
  checkLimit(maxConcurrentWrites);

  return async (event) => {
    const records = event?.Records;
    if (!Array.isArray(records)) throw new TypeError('Not a DynamoDB stream event: Records is not an array');
    const counts: BatchCounts = { records: records.length, created: 0, duplicates: 0, noCrossing: 0, failed: 0, heldBack: 0, unreportable: 0 };
    const failed = new Array<boolean>(records.length).fill(false);
    // Checked once per batch: Powertools' level (and its sampling) is per invocation. Below DEBUG
    // nothing is built for a no-crossing record, not even the line's attributes.
    const debugEnabled = logger.level <= LogLevelThreshold.DEBUG;
    const writes = new Slots(maxConcurrentWrites);

    const where = (record: DynamoDBRecord, productId: string | undefined) => ({
      productId,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      eventID: record.eventID,
      eventName: record.eventName,
    });

    const fail = (index: number, productId: string | undefined, error: unknown): void => {
      const record = records[index] as DynamoDBRecord;
      failed[index] = true;
      counts.failed++;
      if (!record.dynamodb?.SequenceNumber) counts.unreportable++;
      const heldBack = error instanceof RecordHeldBackError;
      if (heldBack) counts.heldBack++;
      logger.error(heldBack ? 'Record held back: an earlier record of this product failed' : 'Record failed', {
        ...where(record, productId),
        decision: heldBack ? 'held-back' : 'failed',
        error: error as Error,
      });
    };

    /**
     * One record, its product's earlier records done and none of them failed. Synchronous (and
     * `undefined`) unless the record crosses: then the promise of its write.
     */
    const handle = (index: number, productId: string | undefined): Promise<void> | undefined => {
      const record = records[index] as DynamoDBRecord;
      let change: ProductChange | undefined;
      try {
        change = decodeCrossing(record);
      } catch (error) {
        fail(index, productId, error);
        return undefined;
      }
      if (!change) {
        counts.noCrossing++;
        if (debugEnabled) logger.debug('No threshold crossing', { ...where(record, productId), decision: ReplenishmentDecision.NoCrossing });
        return undefined;
      }
      const crossing = change;
      return writes.run(() => replenishOnCrossing.handle(crossing)).then(
        (outcome) => {
          // decodeCrossing and the use case apply the same rule: a crossing always yields an order.
          if (outcome.decision === ReplenishmentDecision.NoCrossing) return;
          const created = outcome.decision === ReplenishmentDecision.Created;
          if (created) counts.created++;
          else counts.duplicates++;
          logger.info(created ? 'Replenishment order written' : 'Duplicate delivery ignored: replenishment order already written', {
            ...where(record, productId),
            decision: outcome.decision,
            replenishmentId: outcome.order.replenishmentId,
            amountToReplenish: outcome.order.amountToReplenish,
          });
        },
        (error: unknown) => fail(index, productId, error),
      );
    };

    /** One product's records, in order; after the first failure the rest are held back by it. */
    const handleProduct = async (productId: string, indexes: readonly number[]): Promise<void> => {
      let firstFailure: string | undefined;
      for (const index of indexes) {
        const record = records[index] as DynamoDBRecord;
        if (firstFailure !== undefined) {
          fail(index, productId, new RecordHeldBackError(record.dynamodb?.SequenceNumber, productId, firstFailure));
          continue;
        }
        const writing = handle(index, productId);
        if (writing) await writing;
        if (failed[index]) firstFailure = labelOf(record.dynamodb?.SequenceNumber);
      }
    };

    try {
      // Records before the first one without a product: grouped by product, products concurrently.
      const keyless = records.findIndex((record) => productIdOf(record) === undefined);
      const end = keyless === -1 ? records.length : keyless;
      const byProduct = new Map<string, number[]>();
      for (let index = 0; index < end; index++) {
        const productId = productIdOf(records[index] as DynamoDBRecord) as string;
        const indexes = byProduct.get(productId);
        if (indexes) indexes.push(index);
        else byProduct.set(productId, [index]);
      }
      const products: Promise<void>[] = [];
      for (const [productId, indexes] of byProduct) products.push(handleProduct(productId, indexes));
      await Promise.all(products);

      if (keyless !== -1) {
        // The keyless record could belong to any product: the earliest failure so far holds it
        // back, and it holds back everything after it.
        const record = records[keyless] as DynamoDBRecord;
        const earlier = failed.findIndex((isFailed, index) => isFailed && index < keyless);
        if (earlier === -1) await handle(keyless, undefined);
        else fail(keyless, undefined, new RecordHeldBackError(record.dynamodb?.SequenceNumber, undefined, labelOf(records[earlier]?.dynamodb?.SequenceNumber)));
        const heldBackBy = labelOf(record.dynamodb?.SequenceNumber);
        for (let index = keyless + 1; index < records.length; index++) {
          const later = records[index] as DynamoDBRecord;
          const productId = productIdOf(later);
          fail(index, productId, new RecordHeldBackError(later.dynamodb?.SequenceNumber, productId, heldBackBy));
        }
      }

      if (counts.unreportable > 0) throw new UnreportableRecordFailureError(counts.unreportable);
      // In stream order; an all-failed batch is still answered item by item.
      const batchItemFailures: DynamoDBBatchItemFailure[] = [];
      records.forEach((record, index) => {
        if (failed[index]) batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber as string });
      });
      return { batchItemFailures };
    } finally {
      const { records: total, created, duplicates, noCrossing, failed: failedRecords, heldBack } = counts;
      logger.info('Batch processed', { records: total, created, duplicates, noCrossing, failed: failedRecords, heldBack });
      metrics.addMetric(ReplenishmentMetric.OrdersCreated, MetricUnit.Count, created);
      metrics.addMetric(ReplenishmentMetric.DuplicateDeliveries, MetricUnit.Count, duplicates);
      metrics.addMetric(ReplenishmentMetric.FailedRecords, MetricUnit.Count, failedRecords);
    }
  };
}
