import { validationIssues } from '@shop/shared-util-schema';
import type * as z from 'zod';
import { ProductValidationError, QuantityLimitError } from './errors';
import { productSchema, type Product } from './product';
import { isLot, isQuantity, MAX_QUANTITY, QUANTITY_RULE } from './quantity';

/**
 * The figures the reorder policy looks at: stock on hand, what is on order and not yet received
 * (the sum of the product's PENDING replenishment amounts), and the product's policy.
 */
export type InventoryLevel = Pick<Product, 'stock' | 'reorderThreshold' | 'amountToReplenish'> & {
  /** Units on order and not yet received; a product stored before this attribute existed has 0. */
  readonly onOrder: number;
};

/** Built on the first invalid level only: valid levels never need it. */
let levelSchema: z.ZodType<Omit<InventoryLevel, 'onOrder'>> | undefined;

function checkLevel(level: InventoryLevel): void {
  // The schema's rule (quantities, a lot), checked without zod on the hot path.
  const { stock, reorderThreshold, amountToReplenish, onOrder } = level;
  if (isQuantity(stock) && isQuantity(reorderThreshold) && isQuantity(onOrder) && isLot(amountToReplenish)) return;
  levelSchema ??= productSchema.pick({ stock: true, reorderThreshold: true, amountToReplenish: true });
  const result = levelSchema.safeParse({ stock, reorderThreshold, amountToReplenish });
  const issues = result.success ? [] : validationIssues(result.error);
  if (!isQuantity(onOrder)) issues.push({ path: 'onOrder', message: `expected ${QUANTITY_RULE}` });
  throw new ProductValidationError(issues, 'inventory level');
}

/**
 * Stock on hand plus stock on order: what the product will have once everything ordered arrives.
 * Receiving a replenishment leaves it unchanged (stock up, on order down by the same amount).
 *
 * @example
 * inventoryPosition({ stock: 11, onOrder: 60, reorderThreshold: 50, amountToReplenish: 30 }); // 71
 */
export function inventoryPosition(level: Pick<InventoryLevel, 'stock' | 'onOrder'>): number {
  return level.stock + level.onOrder;
}

/**
 * How much to order now: the reorder policy on the inventory position, the one authority for
 * every replenishment decision.
 *
 * - Position (stock + on order) at or above the threshold: 0, never an order. 50 with a threshold
 *   of 50 is not below it; a threshold of 0 never reorders.
 * - Position below the threshold: the smallest multiple of `amountToReplenish` that brings the
 *   position back to at least the threshold (position 49 → 30; position 11 → 60 with 30 a lot).
 * - A receipt changes nothing (the position is the same); a cancelled delivery lowers the position
 *   and may make an order due again; a raised threshold may make one due without a sale.
 *
 * Because the decision depends on the current level only, not on how the product got there, a
 * product whose position is below its threshold is never forgotten, and an order that was placed
 * is counted in `onOrder`, so the same shortfall is never ordered twice. Applying the result
 * (`onOrder += amount`) always yields a level this function answers 0 for.
 *
 * A level that is not made of quantities and a lot (`isQuantity`, `isLot`) throws
 * `ProductValidationError`: a NaN must not quietly read as "nothing to order". A shortfall whose
 * order would exceed {@link MAX_QUANTITY} throws `QuantityLimitError`.
 *
 * @example
 * replenishmentAmountFor({ stock: 49, onOrder: 0, reorderThreshold: 50, amountToReplenish: 30 }); // 30
 * replenishmentAmountFor({ stock: 11, onOrder: 0, reorderThreshold: 50, amountToReplenish: 30 }); // 60
 * replenishmentAmountFor({ stock: 11, onOrder: 60, reorderThreshold: 50, amountToReplenish: 30 }); // 0: already on order
 */
export function replenishmentAmountFor(level: InventoryLevel): number {
  checkLevel(level);
  const { stock, onOrder, reorderThreshold, amountToReplenish } = level;
  // Compared without adding first: stock + onOrder may pass 2^53, the shortfall never does.
  if (stock >= reorderThreshold || onOrder >= reorderThreshold - stock) return 0;
  const shortfall = reorderThreshold - stock - onOrder;
  const amount = Math.ceil(shortfall / amountToReplenish) * amountToReplenish;
  if (amount > MAX_QUANTITY) {
    throw new QuantityLimitError('amountToReplenish', `An order covering a shortfall of ${shortfall} would exceed ${MAX_QUANTITY}`);
  }
  return amount;
}

/**
 * True when the policy would order now: {@link replenishmentAmountFor} is not 0.
 *
 * @example
 * needsReplenishment({ stock: 0, onOrder: 30, reorderThreshold: 50, amountToReplenish: 30 }); // true: position 30
 */
export function needsReplenishment(level: InventoryLevel): boolean {
  return replenishmentAmountFor(level) > 0;
}
