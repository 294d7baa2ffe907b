import { GetShardIteratorCommand, type DynamoDBStreamsClient, type GetShardIteratorCommandInput } from '@aws-sdk/client-dynamodb-streams';
import { compareSequenceNumbers, getRecordsAsSent, type WireStreamRecord } from '@shop/shared-util-dynamodb-streams';
import { MAX_RECORDS_PER_GET, SHARD_ITERATOR_REFRESH_MS } from '../constants';

/** Where a reader starts when it has no iterator. */
export type ReadPosition = { readonly type: 'TRIM_HORIZON' } | { readonly type: 'LATEST' } | { readonly type: 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string };

/** A recoverable trouble the reader worked around (for logs). */
export interface ReaderRecovery {
  readonly shardId: string;
  readonly problem: 'ExpiredIterator' | 'StaleIterator' | 'TrimmedData' | 'MissingNextShardIterator' | 'ShardNotFound';
  readonly detail: string;
}

/**
 * Reads one shard in order, surviving what DynamoDB Local (and the real service) throws at a
 * poller without losing or repeating a record: the reader remembers the last sequence number it
 * returned and, whenever its iterator becomes unusable, asks for a new one right after it.
 * - ExpiredIteratorException (iterators live 15 minutes): new iterator after the last record; an
 *   iterator left unused for 14 minutes (a shard blocked by retries) is renewed before use;
 * - TrimmedDataAccessException: new iterator (a LATEST start is resolved once to a position,
 *   right after the shard's last record, so no recovery can skip a record by asking for LATEST
 *   again);
 * - ResourceNotFoundException (a shard trimmed or gone): new iterator, and the poller is asked
 *   to refresh its shard list (only the shard list decides that a shard is gone: {@link abandon});
 * - a missing NextShardIterator means the shard is closed and drained on AWS; the reader only ends
 *   once the shard list says so too (DynamoDB Local 1.25 also omitted it on open shards; 3.3.1 does
 *   not), and asks the poller to refresh the list meanwhile.
 * Other errors (network, DynamoDB Local restarting) leave the iterator as it is and are thrown.
 */
export class ShardReader {
  private iterator: string | undefined;
  private iteratorIssuedAt = 0;
  private lastSequenceNumber: string | undefined;
  private closed = false;
  private endingSequenceNumber: string | undefined;
  private drained = false;
  /** For a LATEST start: whether LATEST was turned into a position yet. */
  private latestResolved = false;
  private tipReached = false;

  constructor(
    private readonly client: DynamoDBStreamsClient,
    private readonly localStreamArn: string,
    readonly shardId: string,
    private readonly start: ReadPosition,
    private readonly onRecovery: (recovery: ReaderRecovery) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (start.type === 'AFTER_SEQUENCE_NUMBER') this.lastSequenceNumber = start.sequenceNumber;
  }

  /** True once the shard is closed and every record of it was returned. */
  get ended(): boolean {
    return this.closed && this.drained;
  }

  /**
   * The last read got a page short of its limit: it reached the shard's tip, so a record the next
   * read returns was written after that read began.
   */
  get reachedTip(): boolean {
    return this.tipReached;
  }

  /** The last sequence number returned (or resumed after). */
  get position(): string | undefined {
    return this.lastSequenceNumber;
  }

  /** The shard list shows an ending sequence number: the shard takes no more records. */
  markClosed(endingSequenceNumber: string): void {
    this.closed = true;
    this.endingSequenceNumber = endingSequenceNumber;
    this.checkDrained();
  }

  /** The shard list no longer has the shard (trimmed after 24 hours): nothing more to read. */
  abandon(): void {
    this.closed = true;
    this.drained = true;
  }

  /** One GetRecords call (at most `limit` records), as DynamoDB sent them. Recoverable troubles return no records. */
  async read(limit: number, signal?: AbortSignal): Promise<WireStreamRecord[]> {
    this.tipReached = false;
    if (this.ended) return [];
    try {
      if (this.iterator && this.now() - this.iteratorIssuedAt >= SHARD_ITERATOR_REFRESH_MS) {
        this.recover('StaleIterator', `iterator unused for ${Math.round((this.now() - this.iteratorIssuedAt) / 1000)} s; renewing it before it expires`);
      }
      if (!this.iterator) {
        this.iterator = await this.newIterator(signal);
        this.iteratorIssuedAt = this.now();
      }
      if (!this.iterator) return [];
      const page = await getRecordsAsSent(this.client, { ShardIterator: this.iterator, Limit: Math.min(limit, MAX_RECORDS_PER_GET) }, signal);
      const records = page.records;
      this.tipReached = records.length < Math.min(limit, MAX_RECORDS_PER_GET);
      const lastRecord = records[records.length - 1];
      if (lastRecord?.dynamodb?.SequenceNumber) this.lastSequenceNumber = lastRecord.dynamodb.SequenceNumber;
      this.iterator = page.nextShardIterator;
      this.iteratorIssuedAt = this.now();
      if (!this.iterator) {
        if (this.closed) this.drained = true;
        else this.recover('MissingNextShardIterator', 'GetRecords returned no NextShardIterator for an open shard');
      }
      this.checkDrained();
      return records;
    } catch (error) {
      if (this.handleRecoverable(error)) return [];
      throw error;
    }
  }

  private checkDrained(): void {
    const { lastSequenceNumber: last, endingSequenceNumber: ending } = this;
    if (this.closed && last !== undefined && ending !== undefined && compareSequenceNumbers(last, ending) >= 0) this.drained = true;
  }

  private async newIterator(signal?: AbortSignal): Promise<string | undefined> {
    const iterator = async (input: Omit<GetShardIteratorCommandInput, 'StreamArn' | 'ShardId'>): Promise<string | undefined> =>
      (await this.client.send(new GetShardIteratorCommand({ StreamArn: this.localStreamArn, ShardId: this.shardId, ...input }), { abortSignal: signal })).ShardIterator;
    if (this.lastSequenceNumber) return iterator({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: this.lastSequenceNumber });
    if (this.start.type !== 'LATEST' || this.latestResolved) return iterator({ ShardIteratorType: 'TRIM_HORIZON' });
    // LATEST is resolved once to a position: right after the last record the shard holds now.
    // Asking for LATEST again after any recovery would skip what was written since (DynamoDB
    // Local 1.25 also failed the first read of a LATEST iterator after a write with
    // TrimmedDataAccessException; 3.3.1 does not); a position
    // (the last sequence number, or the start of a still-empty shard) survives any recovery.
    try {
      let position = await iterator({ ShardIteratorType: 'TRIM_HORIZON' });
      while (position) {
        const { records, nextShardIterator } = await getRecordsAsSent(this.client, { ShardIterator: position, Limit: MAX_RECORDS_PER_GET }, signal);
        const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
        if (last) this.lastSequenceNumber = last;
        if (records.length === 0 || !nextShardIterator) {
          this.latestResolved = true;
          return nextShardIterator;
        }
        position = nextShardIterator;
      }
      this.latestResolved = true;
      return undefined;
    } catch (error) {
      this.lastSequenceNumber = undefined; // resolve again from the start next time
      throw error;
    }
  }

  private handleRecoverable(error: unknown): boolean {
    const { name, message } = error as Error;
    if (name === 'ExpiredIteratorException') return this.recover('ExpiredIterator', message);
    if (name === 'TrimmedDataAccessException') return this.recover('TrimmedData', message);
    if (name === 'ResourceNotFoundException') return this.recover('ShardNotFound', message);
    return false;
  }

  private recover(problem: ReaderRecovery['problem'], detail: string): true {
    this.iterator = undefined;
    this.onRecovery({ shardId: this.shardId, problem, detail });
    return true;
  }
}
