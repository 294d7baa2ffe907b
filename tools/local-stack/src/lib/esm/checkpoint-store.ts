/** Where a mapping has got to in one shard. */
export interface ShardCheckpoint {
  /**
   * Every record of the shard up to and including this one is fully processed (succeeded,
   * filtered out, or sent to the on-failure destination): a restart reads after it.
   */
  readonly sequenceNumber?: string;
  /** The shard is closed and every record of it is processed: its children may start. */
  readonly finished: boolean;
  /**
   * With a ParallelizationFactor above 1, lanes run ahead of one another: the last record each
   * lane has fully processed, so a restart skips what a lane already did (null: nothing past
   * `sequenceNumber`). Ignored if the factor changed.
   */
  readonly lanes?: { readonly factor: number; readonly sequenceNumbers: readonly (string | null)[] };
}

/**
 * Keeps checkpoints per mapping and stream (`scope`), shard by shard. Written only after a batch
 * is fully handled, so a restart resumes after the last completed batch and redelivers at most
 * the ones in flight (at-least-once, as Lambda). `save` records the checkpoint before it returns
 * (callers may save concurrently; the last call wins).
 */
export interface CheckpointStore {
  load(scope: string): Promise<ReadonlyMap<string, ShardCheckpoint>>;
  save(scope: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void>;
}

/** Checkpoints for the life of the process (the stack's DynamoDB Local is in memory too). */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly scopes = new Map<string, Map<string, ShardCheckpoint>>();

  async load(scope: string): Promise<ReadonlyMap<string, ShardCheckpoint>> {
    return new Map(this.scopes.get(scope) ?? []);
  }

  async save(scope: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    const shards = this.scopes.get(scope) ?? new Map<string, ShardCheckpoint>();
    shards.set(shardId, checkpoint);
    this.scopes.set(scope, shards);
  }
}
