import { randomUUID } from 'node:crypto';
import type { FailureCondition, OnFailureMessage } from '../destinations/failure-message';
import type { InvocationResult } from '../lambda/invocation';
import type { StreamEntry } from './stream-record';

export interface FailureFacts {
  readonly condition: FailureCondition;
  readonly functionArn: string;
  readonly shardId: string;
  readonly streamArn: string;
  readonly entries: readonly StreamEntry[];
  /** How many times these records were invoked (0: they expired before any invocation). */
  readonly invokeCount: number;
  /** The last invocation of these records, if there was one. */
  readonly lastInvocation?: InvocationResult;
}

/**
 * Builds the message exactly as Lambda does for a DynamoDB stream: the batch is described by
 * shard and sequence numbers (DynamoDB's arrival times in whole seconds), never carried. As
 * recorded on AWS (LocalStack's AWS-validated snapshots):
 * - `responseContext.functionError` is `"Unhandled"` when the function threw (or timed out) and
 *   `null` — present — when it returned a response that failed the batch
 *   (`test_dynamodb_report_batch_item_failures`);
 * - records that expired before any invocation carry no `responseContext` and an
 *   `approximateInvokeCount` of 1 (`test_kinesis_maximum_record_age_exceeded`, the same engine).
 *
 * @example
 * const message = onFailureMessage({ condition: FailureCondition.RetryAttemptsExhausted, functionArn, shardId, streamArn, entries, invokeCount: 4, lastInvocation });
 */
export function onFailureMessage(facts: FailureFacts, now: Date = new Date()): OnFailureMessage {
  const first = facts.entries[0];
  const last = facts.entries[facts.entries.length - 1];
  if (!first || !last) throw new RangeError('An on-failure message describes at least one record');
  const arrival = (entry: StreamEntry): string =>
    new Date((entry.record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const invocation = facts.lastInvocation;
  return {
    requestContext: {
      requestId: invocation?.requestId ?? randomUUID(),
      functionArn: facts.functionArn,
      condition: facts.condition,
      approximateInvokeCount: Math.max(1, facts.invokeCount),
    },
    ...(invocation && {
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: invocation.ok ? null : 'Unhandled' },
    }),
    version: '1.0',
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: facts.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first),
      approximateArrivalOfLastRecord: arrival(last),
      batchSize: facts.entries.length,
      streamArn: facts.streamArn,
    },
  };
}
