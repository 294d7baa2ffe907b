import type { Product } from './product';

/** The stock figures the crossing rule looks at. */
export type StockLevel = Pick<Product, 'stock' | 'reorderThreshold'>;

/**
 * True when a change takes a product from at-or-above its reorder threshold to below it: the
 * moment exactly one replenishment order is due.
 *
 * - `before` undefined means the product was just created: created below its threshold counts.
 * - A removed product (`after` undefined) never triggers.
 * - Moving while already below never triggers (one order per crossing, not per sale).
 * - Raising the threshold above the current stock *is* a crossing: the policy now says the shelf
 *   is short, so a replenishment is due even though no unit was sold.
 *
 * @example
 * crossesBelowThreshold({ stock: 51, reorderThreshold: 50 }, { stock: 49, reorderThreshold: 50 }); // true
 */
export function crossesBelowThreshold(before: StockLevel | undefined, after: StockLevel | undefined): boolean {
  if (!after) return false;
  const belowAfter = after.stock < after.reorderThreshold;
  const atOrAboveBefore = before === undefined || before.stock >= before.reorderThreshold;
  return belowAfter && atOrAboveBefore;
}
