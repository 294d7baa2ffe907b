import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundedRetryStrategy, type RetriedCall, type SdkRetryPolicy } from './sdk-retry';

export interface DocumentClientOptions {
  /** The SDK's retries of throttling, 5xx and network errors (see `boundedRetryStrategy`). Default: the SDK's standard mode, 3 attempts. */
  readonly retry?: SdkRetryPolicy;
  /** Hears of every call that took more than one attempt, once the call is over (for a metric or a log line). */
  readonly onRetriedCall?: (call: RetriedCall) => void;
}

/**
 * A DynamoDB document client with this project's marshalling rules. Create it once per Lambda
 * container (module scope), not per invocation. The endpoint comes only from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL`): there is no custom variable.
 *
 * @example
 * const documentClient = createDocumentClient({}, { retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 }, onRetriedCall: (call) => count(call) });
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}, options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(options.retry && { maxAttempts: options.retry.maxAttempts, retryStrategy: boundedRetryStrategy(options.retry) }),
    ...config,
  });
  const { onRetriedCall } = options;
  if (onRetriedCall) {
    // Outside the retry step, so it sees each call once, with the attempts the retry step made.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        try {
          const result = await next(args);
          const { attempts = 1, totalRetryDelay = 0 } = (result.output as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata ?? {};
          if (attempts > 1) onRetriedCall({ operation, attempts, retryDelayMs: totalRetryDelay, errorName: undefined });
          return result;
        } catch (error) {
          const { attempts = 1, totalRetryDelay = 0 } = (error as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata ?? {};
          if (attempts > 1) onRetriedCall({ operation, attempts, retryDelayMs: totalRetryDelay, errorName: (error as Error).name });
          throw error;
        }
      },
      { step: 'initialize', name: 'shopRetriedCalls', override: true },
    );
  }
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
