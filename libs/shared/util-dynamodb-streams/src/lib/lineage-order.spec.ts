import { ShardLineageCycleError } from './errors';
import { inLineageOrder } from './lineage-order';

const shard = (shardId: string, parentShardId?: string) => ({ shardId, parentShardId });

describe('inLineageOrder', () => {
  it('puts every parent before its children, whatever order they are listed in', () => {
    const ordered = inLineageOrder([shard('grandchild', 'child'), shard('child', 'root'), shard('other-child', 'root'), shard('root')]);

    expect(ordered.map((s) => s.shardId)).toEqual(['root', 'child', 'other-child', 'grandchild']);
  });

  it('takes a shard whose parent was trimmed from the listing as a root', () => {
    const ordered = inLineageOrder([shard('child', 'trimmed'), shard('grandchild', 'child')]);

    expect(ordered.map((s) => s.shardId)).toEqual(['child', 'grandchild']);
  });

  it('keeps the listed order of shards that do not depend on each other, and the shards themselves', () => {
    const listed = [shard('b'), shard('a'), shard('c')];

    const ordered = inLineageOrder(listed);

    expect(ordered).toEqual(listed);
    expect(ordered[0]).toBe(listed[0]);
  });

  it('refuses a lineage with a cycle, naming the shards in it', () => {
    expect(() => inLineageOrder([shard('root'), shard('a', 'b'), shard('b', 'a')])).toThrow(new ShardLineageCycleError(['a', 'b']));
  });
});
