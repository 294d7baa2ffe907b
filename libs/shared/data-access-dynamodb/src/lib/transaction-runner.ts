import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { transactionRetryPolicy, waitBeforeRetry, type TransactionRetryOptions, type TransactionRetryPolicy } from './backoff';
import { cancellationReasons, isOnlyTransactionConflict, type ItemCancellation } from './transaction-cancellation';

/** A transaction DynamoDB cancelled for a reason other than a lost race: its reasons, in item order, and the error. */
export interface CancelledTransaction {
  readonly reasons: readonly ItemCancellation[];
  readonly error: unknown;
}

/** What one attempt came to: a result, or a lost race (with the error that said so) to try again. */
export type TransactionAttempt<T> = { readonly settled: T } | { readonly lostRace: unknown };

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
  send(command: TransactWriteCommand): Promise<CancelledTransaction | undefined> {
    return this.run(
      async (): Promise<TransactionAttempt<CancelledTransaction | undefined>> => {
        try {
          await this.documentClient.send(command);
          return { settled: undefined };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          return isOnlyTransactionConflict(reasons) ? { lostRace: error } : { settled: { reasons, error } };
        }
      },
      (_attempts, lastError) => lastError,
    );
  }

  /**
   * The retry loop itself, for a caller whose attempt decides more than {@link send} does (e.g. an
   * order placement that reads the stored order after an idempotency mismatch): runs `attempt`
   * until it settles; each lost race is reported to `onTransactionConflict` and tried again after a
   * jittered backoff while attempts and time remain; then the error `giveUp` builds is thrown.
   *
   * @example
   * await runner.run(() => placeOnce(order), (attempts, cause) => new TransactionConflictError(order.productId, attempts, { cause }));
   */
  async run<T>(attempt: () => Promise<TransactionAttempt<T>>, giveUp: (attempts: number, lastError: unknown) => unknown): Promise<T> {
    const startedAt = Date.now();
    for (let attempts = 1; ; attempts++) {
      const result = await attempt();
      if ('settled' in result) return result.settled;
      const retrying = attempts < this.policy.maxAttempts && Date.now() - startedAt < this.policy.maxElapsedMs;
      this.options.onTransactionConflict?.(attempts, retrying);
      if (!retrying) throw giveUp(attempts, result.lostRace);
      await waitBeforeRetry(attempts, this.policy);
    }
  }
}
