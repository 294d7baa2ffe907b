import { isRecord } from '@shop/shared-util-terraform-json';

/** What a successful invocation's response means for the batch. */
export type BatchVerdict =
  | { readonly kind: 'success' }
  /** The whole batch failed; `reason` says why (for logs). */
  | { readonly kind: 'failure'; readonly reason: string }
  /** Records before `firstFailedIndex` succeeded; the rest is retried. */
  | { readonly kind: 'partial'; readonly firstFailedIndex: number };

/**
 * Reads a function's response under `ReportBatchItemFailures`, with Lambda's rules:
 * - complete success: a null or empty response, no `batchItemFailures`, a null or empty list;
 * - complete failure: an item whose `itemIdentifier` is missing, null, empty, not a string, or
 *   not the sequence number of a record in the batch, or a list that is not a list;
 * - otherwise Lambda checkpoints before the lowest reported sequence number.
 * A response that is not a JSON object (a string, a number) carries no failures: success.
 *
 * @example
 * batchVerdict({ batchItemFailures: [{ itemIdentifier: '102' }] }, ['101', '102', '103']);
 * // { kind: 'partial', firstFailedIndex: 1 }
 */
export function batchVerdict(response: unknown, sequenceNumbers: readonly string[]): BatchVerdict {
  if (!isRecord(response)) return { kind: 'success' };
  const failures = response['batchItemFailures'];
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const identifier = isRecord(failure) ? failure['itemIdentifier'] : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return { kind: 'failure', reason: `invalid itemIdentifier ${JSON.stringify(isRecord(failure) ? (failure['itemIdentifier'] ?? null) : failure)}` };
    }
    const index = sequenceNumbers.indexOf(identifier);
    if (index === -1) return { kind: 'failure', reason: `itemIdentifier ${identifier} is not a sequence number of the batch` };
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partial', firstFailedIndex: lowest };
}
