import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { createDocumentClient, type SdkRetryPolicy, type TransactionRetryOptions } from '@shop/shared-data-access-dynamodb';
import { ReplenishmentMetric, reportRetriedCalls, type Observability } from '@shop/shared-util-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The consumer's SDK retries (timeout 30 s; the mapping retries a failed record 10 times, bisects,
 * and takes partial batch responses). Nobody waits on a record, so the SDK absorbs throttling and
 * 5xx here rather than failing the record: 6 attempts, waits under 50 + 100 + 200 + 400 + 800 ms
 * (1.55 s). With 35 % of requests failing, a call still fails 0.35^6 ≈ 0.2 % of the time; that
 * record is reported failed and retried by the mapping, which sends it to the DLQ only after 11
 * failed deliveries in a row. A batch of 100 records decided 16 at a time with 400 ms answers
 * takes at most ≈ 7 waves × one transaction ≈ 3 s.
 */
export const CONSUMER_SDK_RETRY: SdkRetryPolicy = { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 1_000 };

/** The consumer's DynamoDB client: {@link CONSUMER_SDK_RETRY}, each retried call in `DynamoDBRetries` and one WARN line. */
export function createConsumerDocumentClient(observability: Pick<Observability, 'logger' | 'metrics'>): DynamoDBDocumentClient {
  return createDocumentClient({}, { retry: CONSUMER_SDK_RETRY, onRetriedCall: reportRetriedCalls(observability) });
}

/** Lost transaction races (retried by `TransactionRunner`'s own policy), one `TransactionConflicts` datum each, as the orders API counts them. */
export function reportTransactionConflicts(metrics: Metrics): TransactionRetryOptions {
  return { onTransactionConflict: () => metrics.addMetric(ReplenishmentMetric.TransactionConflicts, MetricUnit.Count, 1) };
}
