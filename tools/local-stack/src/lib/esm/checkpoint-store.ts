/** Where a mapping has got to in one shard. */
export interface ShardCheckpoint {
  /** The last record fully processed (succeeded, filtered out, or sent to the on-failure destination). */
  readonly sequenceNumber?: string;
  /** The shard is closed and every record of it is processed: its children may start. */
  readonly finished: boolean;
}

/**
 * Keeps checkpoints per mapping and stream (`scope`), shard by shard. Written only after a batch
 * is fully handled, so a restart resumes after the last completed batch and redelivers at most
 * the one in flight (at-least-once, as Lambda). Asynchronous so that a durable, file-backed
 * implementation can replace the in-memory one.
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
