import { randomUUID } from 'node:crypto';
import { mapConcurrently } from '@shop/shared-util-async';
import type { ShopApi } from './shop-api';

/**
 * Creates `count` products with a shortfall through the API (stock 0, nothing on order, a
 * threshold of 1: a position below the threshold, so exactly one replenishment of one lot is due),
 * four at a time, and returns their ids (`<label>#<i>#<uuid>`).
 *
 * @example
 * const ids = await createShortfalls(stack.api, 'before', 10);
 */
export async function createShortfalls(api: ShopApi, label: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${label}#${i}#${randomUUID()}`);
  await mapConcurrently(ids, 4, (id) => api.putProduct(id, { stock: 0, reorderThreshold: 1, amountToReplenish: 3 }));
  return ids;
}
