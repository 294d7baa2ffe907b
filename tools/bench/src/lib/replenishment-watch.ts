import { BenchCorrectnessError } from './errors';

/** The pause between two rounds of the poller (and its wait while nothing is watched). */
const ROUND_PAUSE_MS = 10;

/**
 * One shared poller that watches sampled products until their first replenishment can be read:
 * it asks for one product at a time, round robin, so it keeps at most one query in flight however
 * many products wait and however late their replenishments are (a poller per order would load
 * what it measures, more so the slower the system). A product's visibility is noted when the
 * query that found it answers, so it is late by at most one round (the pending queries and a 10 ms pause).
 *
 * @example
 * const watch = watchFirstReplenishments(createdAtOf);
 * watch.add('p#1', Date.now());            // when its order was sent
 * const visibleMs = await watch.done();    // after the last order: ms from send to readable
 */
export function watchFirstReplenishments(createdAtOf: (productId: string) => Promise<readonly string[]>, timeoutMs = 600_000): { add(productId: string, sentAt: number): void; done(): Promise<number[]> } {
  const pending = new Map<string, number>();
  const visibleMs: number[] = [];
  let finishing = false;
  const loop = (async (): Promise<void> => {
    let deadline = Number.POSITIVE_INFINITY;
    while (!finishing || pending.size > 0) {
      if (finishing && deadline === Number.POSITIVE_INFINITY) deadline = Date.now() + timeoutMs;
      if (Date.now() > deadline) throw new BenchCorrectnessError('P2', `no replenishment visible for ${[...pending.keys()].join(', ')} within ${timeoutMs} ms of the last order`);
      for (const [productId, sentAt] of [...pending]) {
        if ((await createdAtOf(productId)).length === 0) continue;
        visibleMs.push(Date.now() - sentAt);
        pending.delete(productId);
      }
      await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
    }
  })();
  // Surfaced by done(); until then a failure must not be an unhandled rejection.
  loop.catch(() => undefined);
  return {
    add: (productId, sentAt) => void pending.set(productId, sentAt),
    done: async () => {
      finishing = true;
      await loop;
      return visibleMs;
    },
  };
}
