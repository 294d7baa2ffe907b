import { BenchCorrectnessError } from './errors';

/** A product at the end of the soak, as the API shows it, with its PENDING replenishment orders. */
export interface ProductAtEnd {
  readonly productId: string;
  readonly stock: number;
  readonly onOrder: number;
  readonly reorderThreshold: number;
  readonly pending: ReadonlyArray<{ readonly replenishmentId: string; readonly amountToReplenish: number }>;
}

/**
 * The soak's correctness check once the mapping is quiet: no product has more than one PENDING
 * replenishment (one shortfall makes one order, however many records showed it), a product whose
 * stock is below its threshold has exactly one, one that is not short has none (stock only rises
 * by a receipt, which settles the pending order), and `onOrder` is the amount still pending.
 * Throws {@link BenchCorrectnessError} naming every product that breaks it (the first 10).
 *
 * @example
 * const { short, pending } = checkPendingReplenishments(products);
 */
export function checkPendingReplenishments(products: readonly ProductAtEnd[]): { products: number; short: number; pending: number } {
  const problems: string[] = [];
  for (const { productId, stock, onOrder, reorderThreshold, pending } of products) {
    const short = stock < reorderThreshold;
    const pendingAmount = pending.reduce((sum, r) => sum + r.amountToReplenish, 0);
    if (pending.length > 1) problems.push(`${productId} has ${pending.length} PENDING replenishments (${pending.map((r) => r.replenishmentId).join(', ')}): at most one`);
    else if (short && pending.length === 0) problems.push(`${productId} is short (stock ${stock} < threshold ${reorderThreshold}) with no PENDING replenishment`);
    else if (!short && pending.length > 0) problems.push(`${productId} is not short (stock ${stock} ≥ threshold ${reorderThreshold}) yet has a PENDING replenishment`);
    if (onOrder !== pendingAmount) problems.push(`${productId} has onOrder ${onOrder} but ${pendingAmount} pending`);
  }
  if (problems.length > 0) throw new BenchCorrectnessError('soak', `${problems.length} problem(s) at the end: ${problems.slice(0, 10).join('; ')}`);
  return { products: products.length, short: products.filter((p) => p.stock < p.reorderThreshold).length, pending: products.reduce((n, p) => n + p.pending.length, 0) };
}
