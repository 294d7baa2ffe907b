import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ReplenishmentWriter } from '@shop/inventory-domain';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { RecordHeldBackError, UnreportableRecordFailureError } from './errors';
import { ReplenishmentMetric } from './metric-names';
import { decodeProductChange, productIdOf } from './product-change';
import { ProductFailures } from './product-failures';
import { ReplenishmentDecision, ReplenishOnCrossing, type ReplenishmentOutcome } from './replenish-on-crossing';

export interface ReplenishmentStreamHandlerDependencies {
  readonly writer: ReplenishmentWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Source of `createdAt`; defaults to the system clock. */
  readonly clock?: () => Date;
}

export type ReplenishmentStreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/**
 * The Products stream consumer (ReportBatchItemFailures). Records are processed one after the
 * other; once a record of a product fails, it and every later record of that product in the
 * batch are reported failed (Lambda retries from the lowest one), while other products go on.
 * Each decision is one log line with `productId` and `sequenceNumber`; the counts are metrics.
 *
 * @example
 * export const handler = createReplenishmentStreamHandler({ writer, logger, metrics });
 */
export function createReplenishmentStreamHandler(dependencies: ReplenishmentStreamHandlerDependencies): ReplenishmentStreamHandler {
  const { writer, logger, metrics, clock } = dependencies;
  const replenishOnCrossing = new ReplenishOnCrossing(writer, clock);

  return async (event, context) => {
    const failures = new ProductFailures();
    const counts = { created: 0, duplicates: 0, failed: 0, unreportable: 0 };

    const handleRecord = async (record: DynamoDBRecord): Promise<ReplenishmentOutcome> => {
      const productId = productIdOf(record);
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      const where = { productId, sequenceNumber, eventID: record.eventID, eventName: record.eventName };
      try {
        const heldBackBy = failures.heldBackBy(productId);
        if (heldBackBy !== undefined) throw new RecordHeldBackError(sequenceNumber, productId, heldBackBy);
        const outcome = await replenishOnCrossing.handle(decodeProductChange(record));
        if (outcome.decision === ReplenishmentDecision.NoCrossing) {
          logger.info('No threshold crossing', { ...where, decision: outcome.decision });
        } else {
          const { replenishmentId, amountToReplenish } = outcome.order;
          const created = outcome.decision === ReplenishmentDecision.Created;
          if (created) counts.created++;
          else counts.duplicates++;
          logger.info(created ? 'Replenishment order written' : 'Duplicate delivery ignored: replenishment order already written', {
            ...where,
            decision: outcome.decision,
            replenishmentId,
            amountToReplenish,
          });
        }
        return outcome;
      } catch (error) {
        failures.record(productId, sequenceNumber);
        counts.failed++;
        if (!sequenceNumber) counts.unreportable++;
        const heldBack = error instanceof RecordHeldBackError;
        logger.error(heldBack ? 'Record held back: an earlier record of this product failed' : 'Record failed', {
          ...where,
          decision: heldBack ? 'held-back' : 'failed',
          error: error as Error,
        });
        throw error;
      }
    };

    try {
      const response = await processPartialResponse(event, handleRecord, new BatchProcessor(EventType.DynamoDBStreams), {
        context,
        processInParallel: false,
        // An all-failed batch is still answered item by item: the response names every record.
        throwOnFullBatchFailure: false,
      });
      if (counts.unreportable > 0) throw new UnreportableRecordFailureError(counts.unreportable);
      return response;
    } finally {
      metrics.addMetric(ReplenishmentMetric.OrdersCreated, MetricUnit.Count, counts.created);
      metrics.addMetric(ReplenishmentMetric.DuplicateDeliveries, MetricUnit.Count, counts.duplicates);
      metrics.addMetric(ReplenishmentMetric.FailedRecords, MetricUnit.Count, counts.failed);
    }
  };
}
