import type * as z from 'zod';
import { ProductValidationError } from './errors';
import { MAX_QUANTITY, productSchema, type Product } from './product';

/** The stock figures the crossing rule looks at. */
export type StockLevel = Pick<Product, 'stock' | 'reorderThreshold'>;

/** Built on the first invalid level only: valid levels never need it. */
let stockLevelSchema: z.ZodType<StockLevel> | undefined;

const isQuantity = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_QUANTITY;

function checkStockLevel(level: StockLevel, image: 'before' | 'after'): void {
  // The schema's rule (an integer from 0 to MAX_QUANTITY), checked without zod on the hot path.
  if (isQuantity(level.stock) && isQuantity(level.reorderThreshold)) return;
  stockLevelSchema ??= productSchema.pick({ stock: true, reorderThreshold: true });
  const result = stockLevelSchema.safeParse({ stock: level.stock, reorderThreshold: level.reorderThreshold });
  if (!result.success) {
    throw new ProductValidationError(
      result.error.issues.map((i) => ({ path: [image, ...i.path].join('.'), message: i.message })),
      'stock level',
    );
  }
}

const isBelow = (level: StockLevel): boolean => level.stock < level.reorderThreshold;

/**
 * True when a change takes a product from at-or-above its reorder threshold to below it: the
 * moment exactly one replenishment order is due.
 *
 * - `before` undefined means the product was just created: created below its threshold counts.
 * - A removed product (`after` undefined) never triggers.
 * - Moving while already below never triggers (one order per crossing, not per sale).
 * - Raising the threshold above the current stock *is* a crossing: the policy now says the shelf
 *   is short, so a replenishment is due even though no unit was sold.
 * - Stock equal to the threshold is not below it: 50 with a threshold of 50 does not reorder.
 *
 * A level that is not a pair of non-negative safe integers throws `ProductValidationError`: a
 * NaN must not quietly read as "no crossing".
 *
 * @example
 * crossesBelowThreshold({ stock: 51, reorderThreshold: 50 }, { stock: 49, reorderThreshold: 50 }); // true
 * crossesBelowThreshold({ stock: 49, reorderThreshold: 50 }, { stock: 47, reorderThreshold: 50 }); // false: already below
 * crossesBelowThreshold(undefined, { stock: 10, reorderThreshold: 50 }); // true: created below
 */
export function crossesBelowThreshold(before: StockLevel | undefined, after: StockLevel | undefined): boolean {
  if (before) checkStockLevel(before, 'before');
  if (!after) return false;
  checkStockLevel(after, 'after');
  return isBelow(after) && (before === undefined || !isBelow(before));
}
