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

/** A filter pattern of an event source mapping breaks AWS's filter rules. */
export class FilterPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(`Invalid filter pattern ${pattern}: ${problem}`);
    this.name = 'FilterPatternError';
  }
}
