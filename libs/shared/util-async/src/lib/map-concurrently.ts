/**
 * Runs `task` over `items` with at most `concurrency` in flight; results keep the items' order.
 * The first rejection rejects the whole call (tasks already started run to their end; no new
 * ones start).
 *
 * @example
 * const responses = await mapConcurrently(productIds, 8, (id) => client.send('PUT', `/products/${id}`, body));
 */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
