import { UNLIMITED } from '../constants';
import { FailureCondition } from '../destinations/failure-message';
import type { OnFailureDestination } from '../destinations/local-queue';
import { OnFailureDeliveryError } from '../errors';
import type { FunctionInvoker, InvocationResult } from '../lambda/invocation';
import { sleep } from '../sleep';
import { batchVerdict } from './batch-response';
import { onFailureMessage } from './on-failure-message';
import { backoffDelay } from './retry-backoff';
import type { MappingDefinition } from './mapping-definition';
import { EsmMetric, type MappingMetrics } from './mapping-metrics';
import { streamEvent, type StreamEntry } from './stream-record';

/** What the processor did, for logs and tests. */
export type ProcessorEvent =
  | { readonly type: 'invoked'; readonly entries: readonly StreamEntry[]; readonly result: InvocationResult; readonly failedFrom: number | undefined }
  | { readonly type: 'bisected'; readonly sizes: readonly [number, number] }
  | { readonly type: 'discarded'; readonly condition: FailureCondition; readonly entries: readonly StreamEntry[]; readonly delivered: boolean };

export interface BatchProcessorOptions {
  readonly mapping: Pick<MappingDefinition, 'bisectBatchOnFunctionError' | 'maximumRetryAttempts' | 'maximumRecordAgeInSeconds' | 'reportBatchItemFailures'>;
  readonly invoker: FunctionInvoker;
  readonly destination: OnFailureDestination | undefined;
  readonly metrics: MappingMetrics;
  /** Pause before the first retry of a failed batch; it doubles with each retry ({@link backoffDelay}). */
  readonly retryDelayMs: number;
  readonly now?: () => number;
  readonly onEvent?: (event: ProcessorEvent) => void;
}

export interface Batch {
  readonly shardId: string;
  readonly streamArn: string;
  /** Records the filters kept, in shard order. */
  readonly entries: readonly StreamEntry[];
}

/** A contiguous run of records still to deliver, with the attempts already spent on it. */
interface Segment {
  entries: readonly StreamEntry[];
  retries: number;
  invokeCount: number;
  lastInvocation?: InvocationResult;
}

/**
 * Delivers one batch with Lambda's failure semantics for stream sources, and moves the checkpoint
 * only over records that are done with (succeeded, or given up on and sent to the on-failure
 * destination):
 * - a function error fails the whole batch; with ReportBatchItemFailures the response decides
 *   ({@link batchVerdict}): records before the lowest reported failure are checkpointed, and the
 *   rest is retried as a new batch with a fresh retry budget;
 * - BisectBatchOnFunctionError splits a failed batch in two (or at the reported failure) without
 *   using up retries;
 * - retries back off exponentially from `retryDelayMs` ({@link backoffDelay});
 * - after MaximumRetryAttempts retries, or once records are older than MaximumRecordAgeInSeconds
 *   (checked before every attempt, and never invoked then), the records go to the on-failure
 *   destination (AWS's metadata message, plus the records locally) and the shard moves on;
 * - with the defaults (-1) a failing record blocks its shard, as on AWS.
 */
export class BatchProcessor {
  private readonly now: () => number;

  constructor(private readonly options: BatchProcessorOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Delivers `batch`, calling `checkpoint` with the last sequence number done after each step.
   * Returns false when `signal` aborted it before the end (nothing past the last checkpoint is done).
   */
  async process(batch: Batch, checkpoint: (sequenceNumber: string) => Promise<void>, signal: AbortSignal): Promise<boolean> {
    const { mapping, metrics } = this.options;
    const queue: Segment[] = batch.entries.length > 0 ? [{ entries: batch.entries, retries: 0, invokeCount: 0 }] : [];
    while (queue.length > 0) {
      if (signal.aborted) return false;
      const segment = queue[0] as Segment;
      const expired = this.expiredPrefix(segment.entries);
      if (expired > 0) {
        await this.giveUp(batch, segment, segment.entries.slice(0, expired), FailureCondition.RecordAgeExceeded, checkpoint);
        segment.entries = segment.entries.slice(expired);
        if (segment.entries.length === 0) {
          queue.shift();
          continue;
        }
      }

      // IteratorAge: how old the batch's last record is when the function gets it.
      metrics.setIteratorAge(this.now() - last(segment.entries).createdAtMs);
      const result = await this.options.invoker.invoke(streamEvent(segment.entries));
      // Stopping ends running instances: that failure is the shutdown's, not the batch's.
      if (signal.aborted) return false;
      segment.invokeCount += 1;
      segment.lastInvocation = result;
      metrics.add(EsmMetric.InvokedEventCount, segment.entries.length);
      const verdict = result.ok && mapping.reportBatchItemFailures
        ? batchVerdict(result.payload, segment.entries.map((e) => e.sequenceNumber))
        : result.ok ? ({ kind: 'success' } as const) : ({ kind: 'failure', reason: result.error.errorMessage } as const);
      const failedFrom = verdict.kind === 'success' ? undefined : verdict.kind === 'partial' ? verdict.firstFailedIndex : 0;
      metrics.recordInvocation(failedFrom !== undefined);
      this.options.onEvent?.({ type: 'invoked', entries: segment.entries, result, failedFrom });

      if (failedFrom === undefined) {
        await checkpoint(last(segment.entries).sequenceNumber);
        queue.shift();
        continue;
      }
      const failing = segment.entries.slice(failedFrom);
      metrics.add(EsmMetric.FailedInvokeEventCount, failing.length);
      if (failedFrom > 0) {
        await checkpoint((segment.entries[failedFrom - 1] as StreamEntry).sequenceNumber);
        // AWS: "Lambda uses the record with the lowest sequence number as the checkpoint. Lambda
        // then retries all records starting from that checkpoint" (Configuring partial batch
        // response with DynamoDB and Lambda): the rest is read again from the new checkpoint, a
        // new batch with a budget of its own. Recorded on AWS in LocalStack's
        // test_dynamodb_report_batch_item_failures (MaximumRetryAttempts 3): the failing record
        // was invoked 5 times, 4 of them (approximateInvokeCount) as the remainder.
        queue.splice(0, 1, { entries: failing, retries: 0, invokeCount: 0 });
        // Bisecting at the reported record is a split: the remainder goes at once.
        if (!mapping.bisectBatchOnFunctionError) await sleep(this.options.retryDelayMs, signal);
        continue;
      } else if (mapping.bisectBatchOnFunctionError && failing.length > 1) {
        const half = Math.ceil(failing.length / 2);
        const split = (entries: readonly StreamEntry[]): Segment => ({ entries, retries: segment.retries, invokeCount: segment.invokeCount, lastInvocation: result });
        queue.splice(0, 1, split(failing.slice(0, half)), split(failing.slice(half)));
        this.options.onEvent?.({ type: 'bisected', sizes: [half, failing.length - half] });
        continue;
      }
      if (mapping.maximumRetryAttempts !== UNLIMITED && segment.retries >= mapping.maximumRetryAttempts) {
        await this.giveUp(batch, segment, failing, FailureCondition.RetryAttemptsExhausted, checkpoint);
        queue.shift();
        continue;
      }
      segment.retries += 1;
      await sleep(backoffDelay(this.options.retryDelayMs, segment.retries), signal);
    }
    return true;
  }

  /** How many leading records are past MaximumRecordAgeInSeconds (records are in time order). */
  private expiredPrefix(entries: readonly StreamEntry[]): number {
    const maxAge = this.options.mapping.maximumRecordAgeInSeconds;
    if (maxAge === UNLIMITED) return 0;
    const now = this.now();
    const index = entries.findIndex((entry) => now - entry.createdAtMs <= maxAge * 1000);
    return index === -1 ? entries.length : index;
  }

  private async giveUp(
    batch: Batch,
    segment: Segment,
    entries: readonly StreamEntry[],
    condition: FailureCondition,
    checkpoint: (sequenceNumber: string) => Promise<void>,
  ): Promise<void> {
    const { destination, metrics, invoker } = this.options;
    metrics.add(EsmMetric.DroppedEventCount, entries.length);
    if (destination) {
      const message = onFailureMessage({
        condition,
        functionArn: invoker.functionArn,
        shardId: batch.shardId,
        streamArn: batch.streamArn,
        entries,
        invokeCount: segment.invokeCount,
        lastInvocation: segment.lastInvocation,
      });
      try {
        await destination.deliver(message, entries.map((e) => e.record));
      } catch (cause) {
        throw new OnFailureDeliveryError(destination.arn, `${message.DDBStreamBatchInfo.startSequenceNumber}..${message.DDBStreamBatchInfo.endSequenceNumber}`, { cause });
      }
      metrics.add(EsmMetric.OnFailureDestinationDeliveredEventCount, entries.length);
    }
    this.options.onEvent?.({ type: 'discarded', condition, entries, delivered: destination !== undefined });
    await checkpoint(last(entries).sequenceNumber);
  }
}

const last = <T>(list: readonly T[]): T => list[list.length - 1] as T;
