import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, type SdkRetryPolicy } from '@shop/shared-data-access-dynamodb';
import { reportRetriedCalls, type Observability } from '@shop/shared-util-lambda';

/**
 * The orders API's SDK retries (timeout 10 s; API Gateway waits 11 s). An HTTP caller is waiting,
 * so throttling is retried briefly and then handed back as 503 with Retry-After: the client backs
 * off, not the function. 3 attempts with waits under 50 + 100 ms; a lost transaction race is
 * retried by `TransactionRunner` (8 attempts, at most 3 s). Worst case of POST /orders with
 * 400 ms answers: 3 s of races + one transaction (3 × 0.4 s + 0.15 s) + the replay read ≈ 5 s.
 */
export const ORDERS_API_SDK_RETRY: SdkRetryPolicy = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 };

/** The orders API's DynamoDB client: {@link ORDERS_API_SDK_RETRY}, each retried call in `DynamoDBRetries` and one WARN line (as the consumer's). */
export function createOrdersApiDocumentClient(observability: Pick<Observability, 'logger' | 'metrics'>): DynamoDBDocumentClient {
  return createDocumentClient({}, { retry: ORDERS_API_SDK_RETRY, onRetriedCall: reportRetriedCalls(observability) });
}
