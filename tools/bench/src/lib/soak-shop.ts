import { mapConcurrently } from '@shop/shared-util-async';
import { BenchCorrectnessError } from './errors';
import type { JsonClient, JsonResponse } from './http-client';
import type { ProductAtEnd } from './soak-final-check';
import type { SoakOptions, SoakReceipt, SoakReplenishment } from './soak-types';

/*
 * What the soak does through the shop's API besides placing orders: the warehouse loop that
 * receives replenishments while the load runs, and the read of every product at the end.
 */

interface ReplenishmentItem {
  readonly replenishmentId: string;
  readonly productId: string;
  readonly amountToReplenish: number;
  readonly status: string;
  readonly createdAt: string;
}

interface ReplenishmentPage {
  readonly items: readonly ReplenishmentItem[];
  readonly nextToken?: string;
}

/** An answer the soak expects, or a BenchCorrectnessError saying what came instead. */
export function expectStatus(response: JsonResponse, status: number, what: string): void {
  if (response.status !== status) throw new BenchCorrectnessError('soak', `${what} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
}

/** Every page of a replenishment listing (`path` with its query, without nextToken). */
async function allPages(client: JsonClient, route: string, what: string): Promise<ReplenishmentItem[]> {
  const items: ReplenishmentItem[] = [];
  let nextToken: string | undefined;
  do {
    const response = await client.send('GET', `${route}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`);
    expectStatus(response, 200, what);
    const page = response.body as ReplenishmentPage;
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

/** The warehouse loop, running: the receipts so far, and how to stop it. */
export interface Warehouse {
  /** Every receipt so far, in the order they were answered (moments are this machine's wall clock, epoch ms). */
  readonly receipts: readonly SoakReceipt[];
  /** Ends the loop after its current pass. */
  stop(): Promise<void>;
}

/**
 * Lists the PENDING replenishments every `warehouseEveryMs` and receives those created at least
 * `receiveAfterMs` before the pass began, four at a time, so stock comes back. A failed request
 * goes to `fail` and ends the loop; so does `signal`.
 *
 * @example
 * const warehouse = startWarehouse(api, SOAK_OPTIONS, controller.signal, fail);
 * await warehouse.stop();
 */
export function startWarehouse(api: JsonClient, options: Pick<SoakOptions, 'warehouseEveryMs' | 'receiveAfterMs'>, signal: AbortSignal, fail: (error: unknown) => void): Warehouse {
  const receipts: SoakReceipt[] = [];
  let stopping = false;
  const loop = (async (): Promise<void> => {
    while (!stopping && !signal.aborted) {
      const passStarted = Date.now();
      try {
        const due = (await allPages(api, '/replenishments?status=PENDING&limit=100', 'GET /replenishments?status=PENDING')).filter(
          (r) => Date.parse(r.createdAt) <= passStarted - options.receiveAfterMs,
        );
        await mapConcurrently(due, 4, async ({ replenishmentId, productId }) => {
          const received = await api.send('POST', `/replenishments/${encodeURIComponent(replenishmentId)}/receive`);
          expectStatus(received, 200, `POST /replenishments/${replenishmentId}/receive`);
          receipts.push({ productId, atMs: Date.now(), stockAfter: (received.body as { stock: number }).stock });
        });
      } catch (error) {
        fail(error);
        return;
      }
      const wait = passStarted + options.warehouseEveryMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    receipts,
    stop: async () => {
      stopping = true;
      await loop;
    },
  };
}

/**
 * Each product as a client sees it at the end (stock, on order, threshold and its PENDING
 * replenishments), and every replenishment each one had with its `createdAt` (epoch ms).
 */
export async function readProductsAtEnd(api: JsonClient, productIds: readonly string[]): Promise<{ atEnd: ProductAtEnd[]; replenishments: SoakReplenishment[] }> {
  const replenishments: SoakReplenishment[] = [];
  const atEnd = await mapConcurrently(productIds, 8, async (productId): Promise<ProductAtEnd> => {
    const product = await api.send('GET', `/products/${encodeURIComponent(productId)}`);
    expectStatus(product, 200, `GET /products/${productId}`);
    const { stock, onOrder, reorderThreshold } = product.body as { stock: number; onOrder: number; reorderThreshold: number };
    const items = await allPages(api, `/products/${encodeURIComponent(productId)}/replenishments?limit=100`, `GET /products/${productId}/replenishments`);
    replenishments.push(...items.map((r) => ({ productId, createdAtMs: Date.parse(r.createdAt) })));
    return { productId, stock, onOrder, reorderThreshold, pending: items.filter((r) => r.status === 'PENDING') };
  });
  return { atEnd, replenishments };
}
