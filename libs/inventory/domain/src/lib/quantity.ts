import * as z from 'zod';

/** Largest stock, threshold, lot or count we accept: DynamoDB numbers are exact, JavaScript's only to 2^53. */
export const MAX_QUANTITY = Number.MAX_SAFE_INTEGER;

/** The smallest lot: an `amountToReplenish` of 0 would never bring the position back. */
export const MIN_LOT = 1;

/**
 * The one rule for a stock, a threshold, an on-order count or a version: a non-negative safe
 * integer (so never NaN, a fraction, or a number JavaScript cannot hold exactly). The schemas below
 * state the same rule for zod; this predicate is for hot paths that do not build a schema.
 *
 * @example
 * isQuantity(49); // true
 * isQuantity(49.5); // false
 */
export function isQuantity(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_QUANTITY;
}

/**
 * The rule for a lot (`amountToReplenish`): a {@link isQuantity quantity} of at least {@link MIN_LOT}.
 *
 * @example
 * isLot(30); // true
 * isLot(0); // false
 */
export function isLot(value: unknown): value is number {
  return isQuantity(value) && value >= MIN_LOT;
}

/** What {@link isQuantity} accepts, in words, for error messages. */
export const QUANTITY_RULE = `an integer from 0 to ${MAX_QUANTITY}`;

/** What {@link isLot} accepts, in words, for error messages. */
export const LOT_RULE = `an integer from ${MIN_LOT} to ${MAX_QUANTITY}`;

/** {@link isQuantity} as a zod schema (for a product's figures and the API's documents). */
export const quantitySchema = (): z.ZodNumber => z.number().int().min(0).max(MAX_QUANTITY);

/** {@link isLot} as a zod schema. */
export const lotSchema = (): z.ZodNumber => z.number().int().min(MIN_LOT).max(MAX_QUANTITY);
