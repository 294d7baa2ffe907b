import { MAX_BATCH_PAYLOAD_BYTES } from '../constants';
import type { StreamEntry } from './stream-record';

/** The `{"Records":[…]}` envelope around the records of an invocation payload. */
const ENVELOPE_BYTES = '{"Records":[]}'.length;

/**
 * One lane of a shard: the records (kept by the filters) of the item keys that hash to it, in
 * shard order, waiting to be batched. A batch is due when it is full (BatchSize or 6 MB of
 * payload), when MaximumBatchingWindowInSeconds has passed since its first record arrived, or
 * when the shard has ended.
 */
export class ShardLane {
  private readonly buffer: StreamEntry[] = [];
  private windowOpenedAt = 0;

  constructor(
    readonly index: number,
    private readonly batchSize: number,
    private readonly windowMs: number,
  ) {}

  get size(): number {
    return this.buffer.length;
  }

  push(entry: StreamEntry, now: number): void {
    if (this.buffer.length === 0) this.windowOpenedAt = now;
    this.buffer.push(entry);
  }

  /** Milliseconds until a batch is due (0: now); undefined when the lane is empty. */
  dueIn(now: number, shardEnded: boolean): number | undefined {
    if (this.buffer.length === 0) return undefined;
    if (this.windowMs === 0 || shardEnded || this.buffer.length >= this.batchSize || this.bytes() >= MAX_BATCH_PAYLOAD_BYTES) return 0;
    return Math.max(0, this.windowOpenedAt + this.windowMs - now);
  }

  /** Takes the next batch from the front: up to BatchSize records within 6 MB (at least one). */
  take(): StreamEntry[] {
    let bytes = ENVELOPE_BYTES;
    let end = 0;
    for (; end < this.buffer.length && end < this.batchSize; end++) {
      const entry = this.buffer[end] as StreamEntry;
      if (end > 0 && bytes + entry.payloadBytes > MAX_BATCH_PAYLOAD_BYTES) break;
      bytes += entry.payloadBytes;
    }
    return this.buffer.splice(0, end);
  }

  /** A batch is done with: what is left starts a new window. */
  batchDone(now: number): void {
    if (this.buffer.length > 0) this.windowOpenedAt = now;
  }

  private bytes(): number {
    return this.buffer.reduce((n, entry) => n + entry.payloadBytes, ENVELOPE_BYTES);
  }
}
