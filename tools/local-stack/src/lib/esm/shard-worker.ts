import { MAX_BATCH_PAYLOAD_BYTES, MAX_RECORDS_PER_GET } from '../constants';
import type { Logger } from '../logging/logger';
import { sleep } from '../sleep';
import type { BatchProcessor } from './batch-processor';
import type { ShardCheckpoint } from './checkpoint-store';
import { matchesAnyFilter } from './filter-pattern';
import type { MappingDefinition } from './mapping-definition';
import { EsmMetric, type MappingMetrics } from './mapping-metrics';
import type { ShardReader } from './shard-reader';
import { estimateCreatedAt, toLambdaRecord, type StreamEntry } from './stream-record';

export interface ShardWorkerOptions {
  readonly mapping: Pick<MappingDefinition, 'batchSize' | 'maximumBatchingWindowInSeconds' | 'filters' | 'eventSourceArn'>;
  readonly region: string;
  readonly reader: ShardReader;
  readonly processor: BatchProcessor;
  readonly metrics: MappingMetrics;
  readonly saveCheckpoint: (checkpoint: ShardCheckpoint) => Promise<void>;
  /** The checkpoint the shard resumes from, if any. */
  readonly resumedFrom?: string;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** The `{"Records":[…]}` envelope around the records of an invocation payload. */
const ENVELOPE_BYTES = '{"Records":[]}'.length;

/**
 * Polls one shard and delivers its records in order, one batch at a time (parallelization
 * factor 1): reads, drops what the filters do not keep (counted, and checkpointed past), forms
 * batches by BatchSize, MaximumBatchingWindowInSeconds and the 6 MB payload limit, and hands each
 * to the {@link BatchProcessor}, which blocks the shard until the batch is done with.
 */
export class ShardWorker {
  private readonly buffer: StreamEntry[] = [];
  private windowOpenedAt = 0;
  private done = false;
  private checkpointed: string | undefined;

  constructor(private readonly options: ShardWorkerOptions) {
    this.checkpointed = options.resumedFrom;
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

  /** Polls until the shard is finished or `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.done) {
      let busy = false;
      try {
        busy = await this.step(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.logger.warn('poll failed; retrying', { shard: this.shardId, error: (error as Error).message });
      }
      if (!busy) await sleep(this.options.pollIntervalMs, signal);
    }
  }

  /** One poll, and one batch if one is ready. Returns true when it should poll again at once. */
  async step(signal: AbortSignal): Promise<boolean> {
    const { mapping, reader, metrics } = this.options;
    const now = this.options.now ?? Date.now;
    let read = 0;
    if (!reader.ended && this.matchedCount() < mapping.batchSize && this.bufferBytes() < MAX_BATCH_PAYLOAD_BYTES) {
      const records = await reader.read(Math.min(MAX_RECORDS_PER_GET, mapping.batchSize), signal);
      const seenAt = now();
      if (records.length > 0 && this.buffer.length === 0) this.windowOpenedAt = seenAt;
      for (const raw of records) {
        const record = toLambdaRecord(raw, { region: this.options.region, streamArn: mapping.eventSourceArn });
        const matched = matchesAnyFilter(mapping.filters, record);
        this.buffer.push({ record, sequenceNumber: raw.dynamodb?.SequenceNumber as string, createdAtMs: estimateCreatedAt(raw, seenAt), payloadBytes: JSON.stringify(record).length + 1, matched });
        if (!matched) metrics.add(EsmMetric.FilteredOutEventCount, 1);
      }
      metrics.add(EsmMetric.PolledEventCount, records.length);
      read = records.length;
    }
    if (this.buffer.length === 0) {
      if (reader.ended) await this.finish();
      else if (read === 0) metrics.setIteratorAge(0); // caught up
      return false;
    }
    const windowMs = mapping.maximumBatchingWindowInSeconds * 1000;
    const ready =
      windowMs === 0 ||
      reader.ended ||
      this.matchedCount() >= mapping.batchSize ||
      this.bufferBytes() >= MAX_BATCH_PAYLOAD_BYTES ||
      now() - this.windowOpenedAt >= windowMs;
    if (!ready) return read > 0;

    const taken = this.takeBatch();
    const matched = taken.filter((entry) => entry.matched);
    const completed = await this.options.processor.process(
      { shardId: this.shardId, streamArn: mapping.eventSourceArn, entries: matched },
      (sequenceNumber) => this.checkpoint(sequenceNumber),
      signal,
    );
    if (!completed) return false;
    const lastTaken = taken[taken.length - 1] as StreamEntry;
    // Trailing filtered-out records are consumed too: the checkpoint moves past them.
    await this.checkpoint(lastTaken.sequenceNumber);
    metrics.setIteratorAge(now() - lastTaken.createdAtMs);
    if (this.buffer.length > 0) this.windowOpenedAt = now();
    return true;
  }

  /** Takes entries from the front: up to BatchSize kept records within 6 MB, and the filtered ones between. */
  private takeBatch(): StreamEntry[] {
    let count = 0;
    let bytes = ENVELOPE_BYTES;
    let end = 0;
    for (; end < this.buffer.length; end++) {
      const entry = this.buffer[end] as StreamEntry;
      if (entry.matched) {
        if (count === this.options.mapping.batchSize || (count > 0 && bytes + entry.payloadBytes > MAX_BATCH_PAYLOAD_BYTES)) break;
        count += 1;
        bytes += entry.payloadBytes;
      }
    }
    return this.buffer.splice(0, end);
  }

  private async checkpoint(sequenceNumber: string): Promise<void> {
    this.checkpointed = sequenceNumber;
    await this.options.saveCheckpoint({ sequenceNumber, finished: false });
  }

  private async finish(): Promise<void> {
    await this.options.saveCheckpoint({ sequenceNumber: this.checkpointed, finished: true });
    this.done = true;
    this.options.logger.debug('shard finished', { shard: this.shardId });
  }

  private matchedCount(): number {
    return this.buffer.reduce((n, entry) => n + (entry.matched ? 1 : 0), 0);
  }

  private bufferBytes(): number {
    return this.buffer.reduce((n, entry) => n + (entry.matched ? entry.payloadBytes : 0), ENVELOPE_BYTES);
  }
}
