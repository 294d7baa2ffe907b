/**
 * Runs `task` over `items` with at most `concurrency` in flight; results keep the items' order.
 *
 * @example
 * await mapConcurrently(productIds, 8, (id) => client.send('PUT', `/products/${id}`, body));
 */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
