import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { InvalidOnFailureMessageError } from '../errors';
import { batchVerdict } from '../esm/batch-response';
import { matchesAnyFilter, type FilterPattern } from '@shop/shared-util-dynamodb-streams';
import type { FunctionInvoker } from '../lambda/invocation';
import type { OnFailureMessage } from '../destinations/failure-message';
import type { DlqMessage, DlqSource } from './dlq-source';

/** Where a redrive takes the records from. */
export const RecordOrigin = {
  /** The local queue stored them with the message (nothing is lost after 24 hours). */
  LocalQueue: 'local queue',
  /** Read back from the stream by sequence number (AWS's queues hold metadata only). */
  Stream: 'stream',
} as const;
export type RecordOrigin = (typeof RecordOrigin)[keyof typeof RecordOrigin];

/** What a redrive would do: shown by the dry run, carried out by {@link executeRedrive}. */
export interface RedrivePlan {
  readonly message: DlqMessage;
  readonly record: OnFailureMessage;
  /** The function the records failed in (`requestContext.functionArn`): the one invoked again. */
  readonly functionArn: string;
  readonly origin: RecordOrigin;
  /** The records to deliver, in stream order, in Lambda's event shape. */
  readonly records: readonly DynamoDBRecord[];
  /** Records of the range the mapping's filters drop (they were never in the failed batch). */
  readonly filteredOut: number;
  /** Notes for the person running it (e.g. the range holds more records than the batch had). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  /** Reads the message's records from the stream (needed when the message carries none). */
  readonly readFromStream?: (record: OnFailureMessage) => Promise<DynamoDBRecord[]>;
  /** Read from the stream even if the local queue stored the records. */
  readonly preferStream?: boolean;
  /** The mapping's filter criteria, applied to records read from the stream. */
  readonly filters?: readonly FilterPattern[];
}

/**
 * Works out a redrive of one on-failure message without changing anything (the dry run): which
 * records, from where, to which function.
 *
 * @example
 * const plan = await planRedrive(await source.get(id), { readFromStream: (r) => readFailedBatch(streams, r) });
 */
export async function planRedrive(message: DlqMessage, options: PlanOptions = {}): Promise<RedrivePlan> {
  const record = message.record;
  if (!record) throw new InvalidOnFailureMessageError(message.messageId, message.problem ?? 'unreadable body');
  const notes: string[] = [];
  const stored = message.storedRecords;
  let origin: RecordOrigin;
  let records: readonly DynamoDBRecord[];
  let filteredOut = 0;
  if (stored && stored.length > 0 && !options.preferStream) {
    origin = RecordOrigin.LocalQueue;
    records = stored;
  } else {
    if (!options.readFromStream) throw new InvalidOnFailureMessageError(message.messageId, 'it carries no records and no stream reader was given');
    origin = RecordOrigin.Stream;
    const read = await options.readFromStream(record);
    records = read.filter((r) => !options.filters?.length || matchesAnyFilter(options.filters, r));
    filteredOut = read.length - records.length;
  }
  const expected = record.DDBStreamBatchInfo.batchSize;
  if (records.length > expected) {
    notes.push(
      `the range holds ${records.length} records, the failed batch had ${expected}: with a parallelization factor above 1 it spans records of other items, ` +
        'which were processed already; they are delivered again (the handler must be idempotent, as for any redelivery)',
    );
  }
  if (records.length === 0) notes.push('no record of the range is left to deliver');
  return { message, record, functionArn: record.requestContext.functionArn, origin, records, filteredOut, notes };
}

/** How a redrive ended. */
export type RedriveOutcome =
  | { readonly kind: 'redriven'; readonly requestId: string; readonly records: number }
  | { readonly kind: 'failed'; readonly requestId: string | undefined; readonly reason: string };

/**
 * Carries out a plan: invokes the function once with `{"Records": [...]}` and, only when it
 * succeeded (with ReportBatchItemFailures: no failure reported, by Lambda's rules), takes the
 * message out of its queue. Otherwise the message stays, for another try.
 *
 * @example
 * const outcome = await executeRedrive(plan, fn, source, { reportBatchItemFailures: true });
 */
export async function executeRedrive(plan: RedrivePlan, invoker: FunctionInvoker, source: DlqSource, options: { reportBatchItemFailures: boolean }): Promise<RedriveOutcome> {
  if (plan.records.length === 0) {
    await source.remove(plan.message);
    return { kind: 'redriven', requestId: '-', records: 0 };
  }
  let outcome: RedriveOutcome;
  const result = await invoker.invoke({ Records: [...plan.records] } satisfies DynamoDBStreamEvent);
  if (!result.ok) {
    outcome = { kind: 'failed', requestId: result.requestId, reason: `${result.error.errorType}: ${result.error.errorMessage}` };
  } else {
    const verdict = options.reportBatchItemFailures ? batchVerdict(result.payload, plan.records.map((r) => r.dynamodb?.SequenceNumber ?? '')) : ({ kind: 'success' } as const);
    outcome =
      verdict.kind === 'success'
        ? { kind: 'redriven', requestId: result.requestId, records: plan.records.length }
        : {
            kind: 'failed',
            requestId: result.requestId,
            reason: verdict.kind === 'failure' ? verdict.reason : `the function reported record ${plan.records[verdict.firstFailedIndex]?.dynamodb?.SequenceNumber} as failed`,
          };
  }
  if (outcome.kind === 'redriven') await source.remove(plan.message);
  else await source.release(plan.message);
  return outcome;
}
