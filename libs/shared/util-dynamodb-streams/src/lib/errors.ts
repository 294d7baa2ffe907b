/** Shards whose parents point at each other: no order drains them parents first. */
export class ShardLineageCycleError extends Error {
  constructor(readonly shardIds: readonly string[]) {
    super(`The stream's shard lineage has a cycle among ${shardIds.join(', ')}`);
    this.name = 'ShardLineageCycleError';
  }
}

/** The table has no stream enabled. */
export class StreamNotEnabledError extends Error {
  constructor(readonly tableName: string) {
    super(`Table ${tableName} has no stream`);
    this.name = 'StreamNotEnabledError';
  }
}
