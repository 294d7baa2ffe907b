import { lambdaRecordFromWire, matchesAnyFilter, type WireStreamRecord } from '@shop/shared-util-dynamodb-streams';
import { MAX_RECORDS_PER_GET } from '../constants';
import type { Logger } from '../logging/logger';
import { Notifier } from '../notifier';
import { sleep } from '../sleep';
import type { BatchProcessor } from './batch-processor';
import type { ShardCheckpoint } from './checkpoint-store';
import { isFatalStreamError } from './fatal-errors';
import type { MappingDefinition } from './mapping-definition';
import { EsmMetric, type MappingMetrics } from './mapping-metrics';
import { partitionLane } from './partition-lane';
import { backoffDelay } from './retry-backoff';
import { ShardLane } from './shard-lane';
import { ShardProgress } from './shard-progress';
import type { ShardReader } from './shard-reader';
import { estimateCreation, streamEntry } from './stream-record';

/**
 * Full GetRecords pages a shard's reader may hold unprocessed. A backlog is read while the lanes
 * work through what was read before: with a single page the lanes ran dry during every read, and
 * DynamoDB Local answers a 1,000-record page in ~100 ms. Five pages of records of at most a few KB
 * hold a few MB per shard.
 */
const READ_AHEAD_PAGES = 5;

export interface ShardWorkerOptions {
  readonly mapping: Pick<MappingDefinition, 'batchSize' | 'maximumBatchingWindowInSeconds' | 'filters' | 'eventSourceArn' | 'parallelizationFactor'>;
  readonly region: string;
  readonly reader: ShardReader;
  readonly processor: BatchProcessor;
  readonly metrics: MappingMetrics;
  readonly saveCheckpoint: (checkpoint: ShardCheckpoint) => Promise<void>;
  /**
   * A checkpoint could not be saved (`error`; it is retried with backoff and the shard holds
   * still meanwhile), or could be again (undefined).
   */
  readonly onCheckpointTrouble?: (error: Error | undefined, failures: number) => void;
  /** The checkpoint the shard resumes from, if any. */
  readonly resumed?: ShardCheckpoint;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * Polls one shard and delivers its records: a reader loop reads in order, drops what the filters
 * do not keep (counted, and checkpointed past) and deals the rest to ParallelizationFactor lanes
 * by item key; each lane forms batches (BatchSize, MaximumBatchingWindowInSeconds, 6 MB) and
 * hands them one at a time to the {@link BatchProcessor}, so order holds per item while lanes
 * run concurrently. Reading takes full pages (up to 1,000 records) and stays a bounded distance
 * ahead of processing (it pauses while a page's worth or more is waiting).
 *
 * The shard checkpoint moves only over records that are done, lane progress beyond it is
 * saved too ({@link ShardProgress}). A lane runs its next batch while the last one's checkpoint
 * is written, never further ahead: a restart redelivers the batches that were in flight and at
 * most one finished batch per lane whose checkpoint was still being written. A checkpoint that
 * cannot be saved (a read-only or full disk) is retried with backoff while the lane holds
 * still, so nothing is skipped. Errors reading the shard are
 * retried with backoff (logged when they start and when they end), except an
 * {@link isFatalStreamError} one, which ends the worker with that error; a lane that fails (the
 * on-failure destination cannot be written) stops the others at once and ends the worker with
 * its error.
 */
export class ShardWorker {
  private readonly lanes: ShardLane[];
  private readonly progress: ShardProgress;
  private readonly lanesWake = new Notifier();
  private readonly readerWake = new Notifier();
  private readonly now: () => number;
  private readerEnded = false;
  private busyLanes = 0;
  private done = false;
  private savedSequenceNumber: string | undefined;
  private checkpointFailures = 0;
  private latestCheckpoint: ShardCheckpoint | undefined;

  constructor(private readonly options: ShardWorkerOptions) {
    const { mapping } = options;
    this.now = options.now ?? Date.now;
    this.lanes = Array.from({ length: mapping.parallelizationFactor }, (_, i) => new ShardLane(i, mapping.batchSize, mapping.maximumBatchingWindowInSeconds * 1000));
    this.progress = new ShardProgress(mapping.parallelizationFactor, options.resumed);
    this.savedSequenceNumber = options.resumed?.sequenceNumber;
  }

  /** The shard is closed and everything in it is processed. */
  get finished(): boolean {
    return this.done;
  }

  get shardId(): string {
    return this.options.reader.shardId;
  }

  /** The shard list shows the shard closed at `endingSequenceNumber`. */
  markClosed(endingSequenceNumber: string): void {
    this.options.reader.markClosed(endingSequenceNumber);
  }

  /** The shard is no longer in the stream (trimmed): nothing more can be read from it. */
  abandon(): void {
    this.options.reader.abandon();
    this.readerWake.notify();
  }

  /**
   * Runs until the shard is finished or `signal` aborts (an unfinished batch is then not
   * checkpointed). Rejects, after stopping the lanes, with a fatal stream error or the error of
   * the first lane that failed (the read loop's own error wins when both failed).
   */
  async run(signal: AbortSignal): Promise<void> {
    const local = new AbortController();
    const forward = (): void => local.abort();
    signal.addEventListener('abort', forward, { once: true });
    // Each lane is observed as it fails: its error stops the reader and the other lanes at once.
    let laneFailure: { error: unknown } | undefined;
    const lanes = this.lanes.map((lane) =>
      this.runLane(lane, local.signal).catch((error: unknown) => {
        laneFailure ??= { error };
        local.abort();
      }),
    );
    try {
      await this.readLoop(local.signal);
      this.readerEnded = true;
      this.lanesWake.notify();
    } catch (error) {
      local.abort();
      throw error; // the read error, not a lane's: the lanes are awaited below
    } finally {
      await Promise.all(lanes);
      signal.removeEventListener('abort', forward);
    }
    if (laneFailure) throw laneFailure.error;
    if (!local.signal.aborted && this.options.reader.ended && this.lanes.every((lane) => lane.size === 0)) await this.finish(local.signal);
  }

  private get readAheadLimit(): number {
    const { batchSize, parallelizationFactor } = this.options.mapping;
    return Math.max(2 * batchSize * parallelizationFactor, READ_AHEAD_PAGES * MAX_RECORDS_PER_GET);
  }

  private async readLoop(signal: AbortSignal): Promise<void> {
    const { reader, logger, metrics, pollIntervalMs } = this.options;
    // Full pages (GetRecords' limit, as the raw drain reads): how records are read does not decide how
    // they are batched (the lanes cut batches by BatchSize, window and 6 MB), it only saves calls.
    const limit = MAX_RECORDS_PER_GET;
    let failures = 0;
    /** When the last read that reached the shard's tip began (see estimateCreation). */
    let tipReadAt: number | undefined;
    /**
     * The next read, asked for before the page just read is admitted: converting and dealing 1,000
     * records takes the main thread ~10 ms, which a read in flight hides. Only after a full page
     * (more is likely waiting) and within the read-ahead limit; a poll at the tip is never doubled.
     */
    let next: { readonly records: Promise<WireStreamRecord[]>; readonly readAt: number } | undefined;
    try {
      while (!signal.aborted && !reader.ended) {
        if (!next && this.progress.pendingCount >= this.readAheadLimit) {
          await this.readerWake.wait(signal, pollIntervalMs);
          continue;
        }
        const read = next ?? { records: reader.read(limit, signal), readAt: this.now() };
        next = undefined;
        let records: WireStreamRecord[];
        try {
          records = await read.records;
        } catch (error) {
          tipReadAt = undefined;
          if (signal.aborted) return;
          if (isFatalStreamError(error)) throw error;
          failures += 1;
          const fields = { shard: this.shardId, error: `${(error as Error).name}: ${(error as Error).message}`, failures };
          if (failures === 1) logger.warn('cannot read the shard; retrying', fields);
          else logger.debug('still cannot read the shard', fields);
          await sleep(backoffDelay(pollIntervalMs, failures), signal);
          continue;
        }
        if (failures > 0) logger.info('reading the shard again', { shard: this.shardId, afterFailedPolls: failures });
        failures = 0;
        const reachedTip = reader.reachedTip;
        if (!reachedTip && !reader.ended && !signal.aborted && this.progress.pendingCount + records.length < this.readAheadLimit) {
          next = { records: reader.read(limit, signal), readAt: this.now() };
        }
        await this.admit(records, tipReadAt, signal);
        tipReadAt = reachedTip ? read.readAt : undefined;
        if (records.length > 0) continue;
        if (this.busyLanes === 0 && this.progress.pendingCount === 0) metrics.setIteratorAge(0); // caught up
        if (!reader.ended) await sleep(pollIntervalMs, signal);
      }
    } finally {
      // A read still in flight when the loop ends (stopped, or a fatal error) is not waited for.
      next?.records.catch(() => undefined);
    }
  }

  /** Deals records to the lanes (or past them: filtered out, or done before a restart). */
  private async admit(records: readonly WireStreamRecord[], tipReadAt: number | undefined, signal: AbortSignal): Promise<void> {
    const { mapping, metrics } = this.options;
    const seenAt = this.now();
    let skipped = 0;
    for (const raw of records) {
      const sequenceNumber = raw.dynamodb?.SequenceNumber as string;
      const created = estimateCreation(raw, seenAt, tipReadAt);
      const record = lambdaRecordFromWire(raw, { region: this.options.region, streamArn: mapping.eventSourceArn }, created);
      if (!matchesAnyFilter(mapping.filters, record)) {
        metrics.add(EsmMetric.FilteredOutEventCount, 1);
        this.progress.skip(sequenceNumber);
        continue;
      }
      const lane = partitionLane(record, mapping.parallelizationFactor);
      if (!this.progress.admit(sequenceNumber, lane)) {
        skipped += 1;
        continue;
      }
      (this.lanes[lane] as ShardLane).push(streamEntry(record, sequenceNumber, created.createdAtMs), seenAt);
    }
    metrics.add(EsmMetric.PolledEventCount, records.length - skipped);
    if (skipped > 0) this.options.logger.debug('skipped records a lane had processed before the restart', { shard: this.shardId, records: skipped });
    if (records.length > 0) this.lanesWake.notify();
    // Filtered-out records at the front move the checkpoint on their own.
    if (this.progress.sequenceNumber !== this.savedSequenceNumber) await this.save(this.progress.checkpoint(false), signal);
  }

  /**
   * Takes the lane's batches one at a time. A batch's checkpoint is written while the lane runs
   * the next batch (a durable write is two fsyncs, 6–12 ms here and far more under load, and
   * would otherwise sit between every two batches), but the lane takes no further batch until
   * it is on disk: the lane is never more than one batch ahead of its saved checkpoint, and a
   * checkpoint that cannot be saved holds it there.
   */
  private async runLane(lane: ShardLane, signal: AbortSignal): Promise<void> {
    const { processor, mapping } = this.options;
    /** The save of the checkpoint of the batch before the last one, and of the last one's. */
    let earlierSave: Promise<boolean> = Promise.resolve(true);
    let lastSave: Promise<boolean> = Promise.resolve(true);
    try {
      while (!signal.aborted) {
        const due = lane.dueIn(this.now(), this.readerEnded);
        if (due === undefined && this.readerEnded) return;
        if (due === undefined || due > 0) {
          await this.lanesWake.wait(signal, due);
          continue;
        }
        if (!(await earlierSave)) return; // stopped while that checkpoint could not be saved
        const entries = lane.take();
        this.readerWake.notify();
        this.busyLanes += 1;
        let batchSave = lastSave;
        let completed: boolean;
        try {
          completed = await processor.process(
            { shardId: this.shardId, streamArn: mapping.eventSourceArn, entries },
            async (sequenceNumber) => void (batchSave = this.save(this.progress.complete(lane.index, sequenceNumber), signal)),
            signal,
          );
        } finally {
          this.busyLanes -= 1;
        }
        earlierSave = lastSave;
        lastSave = batchSave;
        if (!completed) return;
        lane.batchDone(this.now());
      }
    } finally {
      // A lane ends with its checkpoints written (or given up on when stopped while they failed).
      await Promise.all([earlierSave, lastSave]);
    }
  }

  /**
   * Saves `checkpoint`, retrying with backoff until it is saved (true) or `signal` aborts (false).
   * Meanwhile the reader admits no new records (when it saves), and a lane takes no batch after
   * the one it is running (see runLane).
   */
  private async save(checkpoint: ShardCheckpoint, signal: AbortSignal): Promise<boolean> {
    this.savedSequenceNumber = checkpoint.sequenceNumber;
    this.latestCheckpoint = checkpoint;
    for (;;) {
      try {
        // A retry saves the newest checkpoint, never an older one over it (lanes save concurrently).
        await this.options.saveCheckpoint(this.latestCheckpoint ?? checkpoint);
        if (this.checkpointFailures > 0) this.options.onCheckpointTrouble?.(undefined, this.checkpointFailures);
        this.checkpointFailures = 0;
        return true;
      } catch (error) {
        this.checkpointFailures += 1;
        this.options.onCheckpointTrouble?.(error as Error, this.checkpointFailures);
        await sleep(backoffDelay(this.options.pollIntervalMs, this.checkpointFailures), signal);
        if (signal.aborted) return false;
      }
    }
  }

  private async finish(signal: AbortSignal): Promise<void> {
    if (!(await this.save(this.progress.checkpoint(true), signal))) return;
    this.done = true;
    this.options.logger.debug('shard finished', { shard: this.shardId });
  }
}
