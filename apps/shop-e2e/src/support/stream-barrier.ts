import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { latestStreamArn, listShards } from '@shop/shared-util-dynamodb-streams';
import { E2eSupportError } from './errors';
import type { ShopApi } from './shop-api';
import { waitUntil } from './wait';

export interface BarrierContext {
  readonly api: ShopApi;
  readonly ddb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly productsTable: string;
}

/**
 * Resolves once the replenishment consumer has dealt with every Products change made before the
 * call. It creates a product below its threshold (a shortfall: one replenishment is due) and waits
 * for that replenishment: records of one shard lineage are delivered in order, so every earlier
 * record has been processed by then. The lineage is checked first (DynamoDB Local keeps one open
 * shard; were there parallel shards, the barrier would prove nothing, and it says so).
 *
 * @example
 * await placeOrders(); await streamBarrier(ctx);
 * expect((await api.listReplenishments(id)).items).toHaveLength(1); // and no late second one
 */
export async function streamBarrier(context: BarrierContext, timeoutMs = 30_000): Promise<void> {
  const shards = await listShards(context.streams, await latestStreamArn(context.ddb, context.productsTable));
  const open = shards.filter((shard) => !shard.endingSequenceNumber);
  const parents = shards.map((shard) => shard.parentShardId).filter((parent): parent is string => parent !== undefined);
  if (open.length > 1 || new Set(parents).size !== parents.length) {
    throw new E2eSupportError(`The Products stream has parallel shards (${open.length} open, parents ${parents.join(', ')}): a barrier record cannot prove the others were processed`);
  }
  const productId = `barrier#${randomUUID()}`;
  await context.api.putProduct(productId, { stock: 0, reorderThreshold: 1, amountToReplenish: 1, name: 'stream barrier' });
  await waitUntil(async () => (await context.api.listReplenishments(productId)).items.length > 0, `the barrier product ${productId}'s replenishment`, timeoutMs, 25);
}
