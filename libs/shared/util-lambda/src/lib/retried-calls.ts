import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SdkMetric } from './metric-names';
import type { Observability } from './observability';


/** A call to an AWS service that took more than one attempt (the shape `createDocumentClient`'s `onRetriedCall` reports). */
export interface RetriedCallReport {
  readonly operation: string;
  readonly attempts: number;
  readonly retryDelayMs: number;
  /** The error the call finally failed with; `undefined` when a retry succeeded. */
  readonly errorName: string | undefined;
}

/**
 * Makes a retried SDK call visible: the `DynamoDBRetries` metric gets its retries, and one WARN
 * line `DynamoDB call retried` says what was retried (`operation`, `attempts`, `retryDelayMs`) and,
 * when the retries did not save it, the error it ended with (`error`). That error is not
 * necessarily final (a lost transaction race is retried by the caller's own loop); what finally
 * failed is logged where it is handled. A call that succeeded first time costs nothing.
 *
 * @example
 * const documentClient = createDocumentClient({}, { retry, onRetriedCall: reportRetriedCalls({ logger, metrics }) });
 */
export function reportRetriedCalls({ logger, metrics }: Pick<Observability, 'logger' | 'metrics'>): (call: RetriedCallReport) => void {
  return ({ operation, attempts, retryDelayMs, errorName }) => {
    metrics.addMetric(SdkMetric.DynamoDBRetries, MetricUnit.Count, attempts - 1);
    logger.warn('DynamoDB call retried', { operation, attempts, retryDelayMs, ...(errorName !== undefined && { error: errorName }) });
  };
}
