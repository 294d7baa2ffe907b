import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { transactionRetryPolicy, waitBeforeRetry, type TransactionRetryOptions, type TransactionRetryPolicy } from './backoff';
import { cancellationReasons, isOnlyTransactionConflict, type ItemCancellation } from './transaction-cancellation';

/** A transaction DynamoDB cancelled for a reason other than a lost race: its reasons, in item order, and the error. */
export interface CancelledTransaction {
  readonly reasons: readonly ItemCancellation[];
  readonly error: unknown;
}

/**
 * Sends TransactWriteItems with the retries a lost race deserves: a cancellation whose reasons are
 * all TransactionConflict (or None) is reported to `onTransactionConflict` and sent again, the same
 * command (so the same ClientRequestToken), after a jittered backoff, up to `maxAttempts` and
 * for at most `maxElapsedMs`. The caller reads any other cancellation's reasons by item position.
 *
 * @example
 * const cancelled = await new TransactionRunner(client, { onTransactionConflict }).send(command);
 * if (cancelled?.reasons[Item.Product]?.code === CancellationCode.ConditionalCheckFailed) return 'superseded';
 */
export class TransactionRunner {
  private readonly policy: TransactionRetryPolicy;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly options: TransactionRetryOptions = {},
  ) {
    this.policy = transactionRetryPolicy(options.retry);
  }

  /**
   * `undefined` once committed; the cancellation when a condition (or anything but a lost race)
   * cancelled it. Rethrows any other error, and the last cancellation once `maxAttempts` races are
   * lost or `maxElapsedMs` has passed.
   */
  async send(command: TransactWriteCommand): Promise<CancelledTransaction | undefined> {
    const startedAt = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.documentClient.send(command);
        return undefined;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (!isOnlyTransactionConflict(reasons)) return { reasons, error };
        this.options.onTransactionConflict?.(attempt);
        if (attempt >= this.policy.maxAttempts || Date.now() - startedAt >= this.policy.maxElapsedMs) throw error;
        await waitBeforeRetry(attempt, this.policy);
      }
    }
  }
}
