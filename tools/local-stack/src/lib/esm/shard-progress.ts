import { compareSequenceNumbers } from '@shop/shared-util-dynamodb-streams';
import type { ShardCheckpoint } from './checkpoint-store';

interface Pending {
  readonly sequenceNumber: string;
  done: boolean;
}

/**
 * Which records of a shard are done, when lanes (ParallelizationFactor) finish them out of shard
 * order. The shard checkpoint is the last record before the first one still pending; each lane
 * also remembers its own last done record, so a restart skips records a lane had already done
 * beyond the shard checkpoint and redelivers only what was in flight.
 *
 * @example
 * const progress = new ShardProgress(2, undefined);
 * progress.admit('1', 0); progress.admit('2', 1);
 * progress.complete(1, '2').sequenceNumber; // undefined: '1' is still pending
 * progress.complete(0, '1').sequenceNumber; // '2'
 */
export class ShardProgress {
  private readonly pending: Pending[] = [];
  private readonly lanePending: Pending[][];
  private readonly laneDone: (string | undefined)[];
  private safe: string | undefined;

  constructor(
    private readonly factor: number,
    resumed: ShardCheckpoint | undefined,
  ) {
    this.safe = resumed?.sequenceNumber;
    const lanes = resumed?.lanes?.factor === factor ? resumed.lanes.sequenceNumbers : [];
    this.laneDone = Array.from({ length: factor }, (_, lane) => lanes[lane] ?? this.safe);
    this.lanePending = Array.from({ length: factor }, () => []);
  }

  /** The shard checkpoint: every record up to it is done. */
  get sequenceNumber(): string | undefined {
    return this.safe;
  }

  /** Records read but not done yet. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * A record was read. Returns false when its lane had already done it before a restart (it
   * must not be delivered again); true when it is to be processed.
   */
  admit(sequenceNumber: string, lane: number): boolean {
    const laneMark = this.laneDone[lane];
    const alreadyDone = laneMark !== undefined && compareSequenceNumbers(sequenceNumber, laneMark) <= 0;
    const entry: Pending = { sequenceNumber, done: alreadyDone };
    this.pending.push(entry);
    if (!alreadyDone) this.lanePending[lane]?.push(entry);
    this.advance();
    return !alreadyDone;
  }

  /** A record needs no processing (filtered out): done as soon as it is read. */
  skip(sequenceNumber: string): void {
    this.pending.push({ sequenceNumber, done: true });
    this.advance();
  }

  /** `lane` has done every one of its records up to `sequenceNumber`; returns the checkpoint to save. */
  complete(lane: number, sequenceNumber: string): ShardCheckpoint {
    const queue = this.lanePending[lane] ?? [];
    while (queue.length > 0 && compareSequenceNumbers((queue[0] as Pending).sequenceNumber, sequenceNumber) <= 0) (queue.shift() as Pending).done = true;
    this.laneDone[lane] = sequenceNumber;
    this.advance();
    return this.checkpoint(false);
  }

  /** The checkpoint as it stands. */
  checkpoint(finished: boolean): ShardCheckpoint {
    return {
      ...(this.safe !== undefined && { sequenceNumber: this.safe }),
      finished,
      ...(this.factor > 1 && { lanes: { factor: this.factor, sequenceNumbers: this.laneDone.map((mark) => mark ?? null) } }),
    };
  }

  private advance(): void {
    while (this.pending[0]?.done) this.safe = (this.pending.shift() as Pending).sequenceNumber;
  }
}
