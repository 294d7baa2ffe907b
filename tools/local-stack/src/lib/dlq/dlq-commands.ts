import type { DynamoDBRecord } from 'aws-lambda';
import type { OnFailureMessage } from '../destinations/failure-message';
import type { FilterPattern } from '@shop/shared-util-dynamodb-streams';
import type { FunctionInvoker } from '../lambda/invocation';
import type { DlqMessage, DlqSource } from './dlq-source';
import { executeRedrive, planRedrive, type RedriveOutcome, type RedrivePlan } from './redrive';

/** Everything the DLQ commands work with: local or AWS, or test doubles. */
export interface DlqContext {
  readonly source: DlqSource;
  /** Reads a message's records back from the stream. */
  readonly readFromStream: (record: OnFailureMessage) => Promise<DynamoDBRecord[]>;
  /** The function to invoke for a message's `functionArn`. */
  readonly invokerFor: (functionArn: string) => FunctionInvoker;
  /** Filters and response types of the mapping that sent a message (when known). */
  readonly mappingFor: (functionArn: string, streamArn: string) => { readonly filters: readonly FilterPattern[]; readonly reportBatchItemFailures: boolean } | undefined;
  readonly out: (line: string) => void;
}

const short = (sequenceNumber: string): string => sequenceNumber.replace(/^0+(?=\d)/, '');
const keysOf = (record: DynamoDBRecord): string =>
  Object.entries(record.dynamodb?.Keys ?? {})
    .map(([name, value]) => `${name}=${Object.values(value as Record<string, unknown>)[0]}`)
    .join(',');

/** One line per message: id, sent, condition, records, range. */
export async function listMessages(context: DlqContext, options: { json?: boolean } = {}): Promise<DlqMessage[]> {
  const messages = await context.source.list();
  if (options.json) {
    context.out(JSON.stringify(messages.map(({ messageId, sentAt, record, problem, storedRecords }) => ({ messageId, sentAt, record, problem, storedRecords: storedRecords?.length ?? null }))));
    return messages;
  }
  context.out(`${context.source.name}: ${messages.length} message${messages.length === 1 ? '' : 's'}`);
  for (const message of messages) {
    const info = message.record?.DDBStreamBatchInfo;
    context.out(
      info && message.record
        ? `  ${message.messageId}  ${message.sentAt?.toISOString() ?? '-'}  ${message.record.requestContext.condition}  ${info.batchSize} record${info.batchSize === 1 ? '' : 's'}  ` +
            `${info.shardId} ${short(info.startSequenceNumber)}..${short(info.endSequenceNumber)}  invoked ${message.record.requestContext.approximateInvokeCount}×`
        : `  ${message.messageId}  not an on-failure record: ${message.problem}`,
    );
  }
  return messages;
}

/** The message's body and its records (stored, or read back from the stream). */
export async function showMessage(context: DlqContext, messageId: string, options: { json?: boolean; fromStream?: boolean } = {}): Promise<RedrivePlan> {
  const message = await context.source.get(messageId);
  try {
    const plan = await planFor(context, message, options.fromStream ?? false);
    if (options.json) {
      context.out(JSON.stringify({ messageId: message.messageId, sentAt: message.sentAt, body: plan.record, origin: plan.origin, records: plan.records, filteredOut: plan.filteredOut }));
      return plan;
    }
    context.out(`Message ${message.messageId} (${context.source.name})`);
    context.out(JSON.stringify(plan.record, null, 2));
    context.out(`${plan.records.length} record${plan.records.length === 1 ? '' : 's'} (from the ${plan.origin}${plan.filteredOut ? `; ${plan.filteredOut} filtered out by the mapping` : ''}):`);
    for (const record of plan.records) context.out(`  ${short(record.dynamodb?.SequenceNumber ?? '?')}  ${record.eventName}  ${keysOf(record)}`);
    for (const note of plan.notes) context.out(`Note: ${note}`);
    return plan;
  } finally {
    await context.source.release(message);
  }
}

/**
 * Redrives messages: a dry run unless `apply` (it says what it would do and changes nothing);
 * with `apply`, invokes the function with each message's records and takes the message out of
 * the queue once the function succeeded. Returns the outcomes (failed ones stay queued).
 */
export async function redriveMessages(
  context: DlqContext,
  messageIds: readonly string[] | 'all',
  options: { apply?: boolean; fromStream?: boolean } = {},
): Promise<Array<{ messageId: string; plan: RedrivePlan; outcome: RedriveOutcome | undefined }>> {
  const ids = messageIds === 'all' ? (await context.source.list()).filter((m) => m.record).map((m) => m.messageId) : messageIds;
  const results: Array<{ messageId: string; plan: RedrivePlan; outcome: RedriveOutcome | undefined }> = [];
  if (ids.length === 0) context.out(`${context.source.name}: nothing to redrive`);
  for (const id of ids) {
    const message = await context.source.get(id);
    let plan: RedrivePlan;
    try {
      plan = await planFor(context, message, options.fromStream ?? false);
    } catch (error) {
      await context.source.release(message);
      throw error;
    }
    const range = `${short(plan.record.DDBStreamBatchInfo.startSequenceNumber)}..${short(plan.record.DDBStreamBatchInfo.endSequenceNumber)}`;
    const what = `${plan.records.length} record${plan.records.length === 1 ? '' : 's'} (${range}, from the ${plan.origin}) to ${plan.functionArn}`;
    for (const note of plan.notes) context.out(`Note: ${note}`);
    if (!options.apply) {
      await context.source.release(message);
      context.out(`Dry run: would deliver ${what}; message ${message.messageId}. Run again with --apply to redrive.`);
      results.push({ messageId: message.messageId, plan, outcome: undefined });
      continue;
    }
    const mapping = context.mappingFor(plan.functionArn, plan.record.DDBStreamBatchInfo.streamArn);
    const outcome = await executeRedrive(plan, context.invokerFor(plan.functionArn), context.source, { reportBatchItemFailures: mapping?.reportBatchItemFailures ?? true });
    context.out(
      outcome.kind === 'redriven'
        ? `Redriven: delivered ${what}; the function succeeded (request ${outcome.requestId}); message ${message.messageId} taken out of ${context.source.name}.`
        : `Redrive failed: ${outcome.reason} (request ${outcome.requestId ?? '-'}); message ${message.messageId} stays in ${context.source.name}.`,
    );
    results.push({ messageId: message.messageId, plan, outcome });
  }
  return results;
}

function planFor(context: DlqContext, message: DlqMessage, preferStream: boolean): Promise<RedrivePlan> {
  const mapping = message.record ? context.mappingFor(message.record.requestContext.functionArn, message.record.DDBStreamBatchInfo.streamArn) : undefined;
  return planRedrive(message, { readFromStream: context.readFromStream, preferStream, filters: mapping?.filters });
}
