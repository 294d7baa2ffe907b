import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** An item as the document client returns it. */
type Item = Record<string, unknown>;

/** Cancellation codes DynamoDB reports per item of a cancelled transaction. */
export const CancellationCode = {
  None: 'None',
  ConditionalCheckFailed: 'ConditionalCheckFailed',
  TransactionConflict: 'TransactionConflict',
  ThrottlingError: 'ThrottlingError',
  ProvisionedThroughputExceeded: 'ProvisionedThroughputExceeded',
} as const;

/** What made one item of a cancelled transaction fail, with its old image when its condition failed. */
export interface ItemCancellation {
  readonly code: string;
  /** The item as it was (ReturnValuesOnConditionCheckFailure ALL_OLD); `undefined` when it did not exist. */
  readonly oldItem: Item | undefined;
}

/** The per-item reasons of a cancelled transaction, in item order; `undefined` when `error` is something else. */
export function cancellationReasons(error: unknown): ItemCancellation[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason: CancellationReason) => ({
    code: reason.Code ?? CancellationCode.None,
    oldItem: reason.Item ? unmarshall(reason.Item) : undefined,
  }));
}

/**
 * True when the transaction lost a race and nothing else went wrong: every reason is
 * TransactionConflict or None (and at least one is a conflict). Only then is a retry safe; the
 * SDK does not retry it by itself.
 */
export function isOnlyTransactionConflict(reasons: readonly ItemCancellation[]): boolean {
  return (
    reasons.some((r) => r.code === CancellationCode.TransactionConflict) &&
    reasons.every((r) => r.code === CancellationCode.TransactionConflict || r.code === CancellationCode.None)
  );
}
