import { isoTimestampSchema, PageSize, ProductValidationError, productSchema, replenishmentOrderSchema } from '@shop/inventory-domain';
import type { z } from 'zod';

function check<T>(schema: z.ZodType<T>, value: unknown, path: string, subject: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ProductValidationError(
      result.error.issues.map((issue) => ({ path: [path, ...issue.path].join('.'), message: issue.message })),
      subject,
    );
  }
  return result.data;
}

/** A key must be valid before it reaches DynamoDB, so bad input is a typed error, not a ValidationException. */
export const checkProductId = (productId: unknown): string =>
  check(productSchema.shape.productId, productId, 'productId', 'product id');

export const checkReplenishmentId = (replenishmentId: unknown): string =>
  check(replenishmentOrderSchema.shape.replenishmentId, replenishmentId, 'replenishmentId', 'replenishment id');

export const checkTimestamp = (value: unknown, path: string): string => check(isoTimestampSchema, value, path, 'timestamp');

/** A page size from 1 to PageSize.Max; absent means PageSize.Default. */
export function checkPageLimit(limit: number | undefined): number {
  if (limit === undefined) return PageSize.Default;
  if (Number.isInteger(limit) && limit >= 1 && limit <= PageSize.Max) return limit;
  throw new ProductValidationError([{ path: 'limit', message: `expected an integer from 1 to ${PageSize.Max}` }], 'page request');
}
