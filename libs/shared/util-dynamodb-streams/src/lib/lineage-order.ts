import { ShardLineageCycleError } from './errors';
import type { ShardInfo } from './list-shards';

/**
 * The shards with every parent before its children, the order in which a reader must drain them
 * to see each item's changes in order. A shard whose parent is no longer listed (trimmed after 24
 * hours) counts as a root. Shards that do not depend on each other keep their listed order.
 *
 * @example
 * for (const shard of inLineageOrder(await listShards(streams, streamArn))) await drain(shard);
 */
export function inLineageOrder<T extends Pick<ShardInfo, 'shardId' | 'parentShardId'>>(shards: readonly T[]): T[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  const placed = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < shards.length) {
    const ready = shards.filter((shard) => !placed.has(shard.shardId) && (!shard.parentShardId || !listed.has(shard.parentShardId) || placed.has(shard.parentShardId)));
    if (ready.length === 0) throw new ShardLineageCycleError(shards.filter((shard) => !placed.has(shard.shardId)).map((shard) => shard.shardId));
    for (const shard of ready) {
      ordered.push(shard);
      placed.add(shard.shardId);
    }
  }
  return ordered;
}
