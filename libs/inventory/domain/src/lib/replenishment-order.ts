import { lazySchema, validationIssues } from '@shop/shared-util-schema';
import * as z from 'zod';
import { ReplenishmentValidationError } from './errors';
import { productSchema } from './product';
import { lotSchema, quantitySchema } from './quantity';

/** Status of a replenishment order. */
export const ReplenishmentStatus = { Pending: 'PENDING', Received: 'RECEIVED', Cancelled: 'CANCELLED' } as const;
export type ReplenishmentStatus = (typeof ReplenishmentStatus)[keyof typeof ReplenishmentStatus];

/** An order to restock a product, written once per shortfall of its inventory position. */
export interface ReplenishmentOrder {
  readonly replenishmentId: string;
  readonly productId: string;
  readonly amountToReplenish: number;
  readonly status: ReplenishmentStatus;
  /** ISO-8601 timestamp. */
  readonly createdAt: string;
  /**
   * The product's version the order was decided from (what makes its id deterministic). Absent on
   * orders written before decisions were made from the product's state.
   */
  readonly productVersion?: number;
  /** ISO-8601 timestamp, set when the goods arrive. */
  readonly receivedAt?: string;
  /** ISO-8601 timestamp, set when the order is cancelled (the goods will not come). */
  readonly cancelledAt?: string;
}

/** An ISO-8601 UTC timestamp such as `2026-01-31T12:00:00.000Z` (what `Date#toISOString` prints). */
export const isoTimestampSchema = lazySchema(() => z.iso.datetime());

/**
 * The validation schema of a replenishment order. A RECEIVED order carries `receivedAt`, a
 * CANCELLED one `cancelledAt`, a PENDING one neither: the facts cannot disagree. Built on first
 * use, not at import.
 */
export const replenishmentOrderSchema = lazySchema(() =>
  z
    .strictObject({
      replenishmentId: z.string().min(1).max(1024),
      productId: productSchema.shape.productId,
      amountToReplenish: lotSchema(),
      status: z.enum([ReplenishmentStatus.Pending, ReplenishmentStatus.Received, ReplenishmentStatus.Cancelled]),
      createdAt: isoTimestampSchema,
      productVersion: quantitySchema().optional(),
      receivedAt: isoTimestampSchema.optional(),
      cancelledAt: isoTimestampSchema.optional(),
    })
    .refine((order) => (order.status === ReplenishmentStatus.Received) === (order.receivedAt !== undefined), {
      message: 'receivedAt is set exactly when status is RECEIVED',
      path: ['receivedAt'],
    })
    .refine((order) => (order.status === ReplenishmentStatus.Cancelled) === (order.cancelledAt !== undefined), {
      message: 'cancelledAt is set exactly when status is CANCELLED',
      path: ['cancelledAt'],
    }),
);

/**
 * Validates an unknown value as a {@link ReplenishmentOrder}. Throws
 * {@link ReplenishmentValidationError} listing every problem.
 *
 * @example
 * const order = parseReplenishmentOrder(item);
 */
export function parseReplenishmentOrder(value: unknown): ReplenishmentOrder {
  const result = replenishmentOrderSchema.safeParse(value);
  if (!result.success) {
    throw new ReplenishmentValidationError(validationIssues(result.error));
  }
  return result.data;
}
