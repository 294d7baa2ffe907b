import { LogLevelThreshold, type Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchItemFailure, DynamoDBRecord } from 'aws-lambda';
import { RecordHeldBackError, UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from '@shop/shared-util-lambda';
import { ReplenishmentDecision, type ReplenishmentOutcome } from './replenish-on-position';

const MESSAGES: Record<ReplenishmentDecision, string> = {
  [ReplenishmentDecision.Created]: 'Replenishment order written',
  [ReplenishmentDecision.Covered]: 'Position covered by the image: nothing to decide',
  [ReplenishmentDecision.Superseded]: 'Image no longer current: left to the product\'s later record',
  [ReplenishmentDecision.Coalesced]: 'Left to a later record of this product in the batch',
};

/**
 * The bookkeeping of one batch: which records failed, the counts, one log line per decision and
 * the metrics. A created order logs at INFO, a failure or hold-back at ERROR, every other decision
 * at DEBUG (built only when DEBUG is enabled: Powertools' level and sampling are per invocation).
 */
export class BatchOutcomes {
  readonly #failed = new Set<number>();
  readonly #counts = { records: 0, created: 0, covered: 0, superseded: 0, coalesced: 0, failed: 0, heldBack: 0 };
  #unreportable = 0;
  readonly #debugEnabled: boolean;

  constructor(
    private readonly records: readonly DynamoDBRecord[],
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.#counts.records = records.length;
    this.#debugEnabled = logger.level <= LogLevelThreshold.DEBUG;
  }

  get failed(): ReadonlySet<number> {
    return this.#failed;
  }

  decided(index: number, productId: string, outcome: ReplenishmentOutcome): void {
    this.#counts[outcome.decision]++;
    if (outcome.decision === ReplenishmentDecision.Created) {
      const { replenishmentId, amountToReplenish, productVersion } = outcome.order;
      this.logger.info(MESSAGES.created, { ...this.where(index, productId), decision: outcome.decision, replenishmentId, amountToReplenish, productVersion });
    } else if (this.#debugEnabled) {
      this.logger.debug(MESSAGES[outcome.decision], { ...this.where(index, productId), decision: outcome.decision });
    }
  }

  fail(index: number, productId: string | undefined, error: unknown): void {
    this.#failed.add(index);
    this.#counts.failed++;
    if (!this.records[index]?.dynamodb?.SequenceNumber) this.#unreportable++;
    const heldBack = error instanceof RecordHeldBackError;
    if (heldBack) this.#counts.heldBack++;
    this.logger.error(heldBack ? 'Record held back: an earlier record of this product failed' : 'Record failed', {
      ...this.where(index, productId),
      decision: heldBack ? 'held-back' : 'failed',
      error: error as Error,
    });
  }

  /** The partial batch response, failures in stream order; throws when one cannot be named. */
  response(): { batchItemFailures: DynamoDBBatchItemFailure[] } {
    if (this.#unreportable > 0) throw new UnreportableRecordFailureError(this.#unreportable);
    const batchItemFailures: DynamoDBBatchItemFailure[] = [];
    for (const [index, record] of this.records.entries()) {
      if (this.#failed.has(index)) batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber as string });
    }
    return { batchItemFailures };
  }

  /** The summary line and the metrics: written whether the batch succeeded or not. */
  publish(): void {
    const { created, superseded, coalesced, failed } = this.#counts;
    this.logger.info('Batch processed', { ...this.#counts });
    this.metrics.addMetric(ReplenishmentMetric.OrdersCreated, MetricUnit.Count, created);
    this.metrics.addMetric(ReplenishmentMetric.Transactions, MetricUnit.Count, created + superseded);
    this.metrics.addMetric(ReplenishmentMetric.SupersededDecisions, MetricUnit.Count, superseded);
    this.metrics.addMetric(ReplenishmentMetric.CoalescedRecords, MetricUnit.Count, coalesced);
    this.metrics.addMetric(ReplenishmentMetric.FailedRecords, MetricUnit.Count, failed);
  }

  private where(index: number, productId: string | undefined) {
    const record = this.records[index];
    return { productId, sequenceNumber: record?.dynamodb?.SequenceNumber, eventID: record?.eventID, eventName: record?.eventName };
  }
}
