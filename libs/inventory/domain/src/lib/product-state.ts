import { lazySchema, validationIssues } from '@shop/shared-util-schema';
import { ProductValidationError } from './errors';
import { productSchema, type Product } from './product';
import { quantitySchema } from './quantity';

/**
 * A product as stored: its definition (what a back-office edit sets) plus what only the
 * replenishment process changes.
 *
 * - `onOrder`: the sum of the amounts of the product's PENDING replenishment orders; raised in the
 *   transaction that creates an order, lowered in the one that receives or cancels it. An edit of
 *   the product never changes it.
 * - `version`: raised by one on every write of the product (orders, edits, replenishment). A
 *   replenishment decision is committed only if the product is still at the version it was made
 *   from, and the order's id is derived from that version.
 *
 * A product stored before these attributes existed reads as `onOrder: 0`, `version: 0`.
 */
export interface ProductState extends Product {
  readonly onOrder: number;
  readonly version: number;
}

/** The validation schema of a stored product. Built on first use, not at import. */
export const productStateSchema = lazySchema(() =>
  productSchema.extend({ onOrder: quantitySchema(), version: quantitySchema() }),
);

/**
 * Validates an unknown value as a {@link ProductState}. Throws {@link ProductValidationError}
 * listing every problem.
 *
 * @example
 * const product = parseProductState({ productId: 'p#1234', stock: 11, reorderThreshold: 50, amountToReplenish: 30, onOrder: 60, version: 3 });
 */
export function parseProductState(value: unknown): ProductState {
  const result = productStateSchema.safeParse(value);
  if (!result.success) {
    throw new ProductValidationError(validationIssues(result.error));
  }
  return result.data;
}
