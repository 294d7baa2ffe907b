import type { SoakOrder, SoakReceipt, SoakReplenishment } from './soak-types';

/** An order that took its product below its threshold, and how long its replenishment took. */
export interface AttributedReplenishment {
  readonly productId: string;
  /** When the order was sent (ms after the load started). */
  readonly sentAtMs: number;
  /** Its replenishment's `createdAt` minus that. */
  readonly latencyMs: number;
}

/**
 * Which order made which replenishment, from what the soak already knows, without a request more:
 * the stock each product started with, its sales (the 201s, quantity 1) and its receipts (whose
 * answers give the stock after them). Replayed per product in the order the answers came, a sale
 * that leaves the stock below the threshold with nothing on order is a shortfall; the product's
 * n-th shortfall made its n-th replenishment (a product has at most one PENDING: the lot covers
 * any shortfall of one unit, and the next shortfall needs a receipt first). The latency is then
 * the replenishment's `createdAt` minus the moment the order was sent, as P2 measures it (both
 * are this machine's wall clock).
 *
 * Sales of one product answered out of their commit order (two in flight at once), or a receipt
 * crossing a sale, could shift a shortfall by one sale; a product whose shortfalls and
 * replenishments do not pair up one to one, or whose shortfall came from a receipt, is left out
 * (and named) rather than guessed.
 *
 * @example
 * const { attributed, productsLeftOut } = attributeReplenishments({ threshold: 20, initialStock, orders, receipts, replenishments });
 */
export function attributeReplenishments(input: {
  readonly threshold: number;
  readonly initialStock: ReadonlyMap<string, number>;
  readonly orders: readonly SoakOrder[];
  readonly receipts: readonly SoakReceipt[];
  readonly replenishments: readonly SoakReplenishment[];
}): { attributed: AttributedReplenishment[]; productsLeftOut: string[] } {
  type Event = { readonly atMs: number; readonly sale?: SoakOrder; readonly receipt?: SoakReceipt };
  const events = new Map<string, Event[]>();
  const add = (productId: string, event: Event): void => {
    const list = events.get(productId) ?? [];
    list.push(event);
    events.set(productId, list);
  };
  for (const sale of input.orders) if (sale.outcome === 'placed') add(sale.productId, { atMs: sale.answeredAtMs, sale });
  for (const receipt of input.receipts) add(receipt.productId, { atMs: receipt.atMs, receipt });
  const made = new Map<string, number[]>();
  for (const { productId, createdAtMs } of input.replenishments) made.set(productId, [...(made.get(productId) ?? []), createdAtMs]);

  const attributed: AttributedReplenishment[] = [];
  const productsLeftOut: string[] = [];
  for (const [productId, stock0] of input.initialStock) {
    let stock = stock0;
    let onOrder = false;
    let unattributable = stock < input.threshold;
    const shortfalls: number[] = [];
    for (const event of (events.get(productId) ?? []).sort((a, b) => a.atMs - b.atMs)) {
      if (event.sale) {
        stock -= 1;
        if (!onOrder && stock < input.threshold) {
          shortfalls.push(event.sale.sentAtMs);
          onOrder = true;
        }
      } else if (event.receipt) {
        stock = event.receipt.stockAfter;
        onOrder = false;
        if (stock < input.threshold) unattributable = true;
      }
    }
    const createdAt = [...(made.get(productId) ?? [])].sort((a, b) => a - b);
    if (unattributable || createdAt.length !== shortfalls.length) {
      productsLeftOut.push(productId);
      continue;
    }
    shortfalls.forEach((sentAtMs, i) => attributed.push({ productId, sentAtMs, latencyMs: (createdAt[i] as number) - sentAtMs }));
  }
  return { attributed, productsLeftOut };
}
