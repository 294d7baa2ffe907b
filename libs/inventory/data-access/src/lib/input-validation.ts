import {
  isoTimestampSchema,
  PageLimitError,
  PageSize,
  ProductValidationError,
  productSchema,
  ReplenishmentValidationError,
  replenishmentOrderSchema,
  TimestampValidationError,
} from '@shop/inventory-domain';
import { validationIssues, type ValidationIssue } from '@shop/shared-util-schema';
import type { z } from 'zod';

function check<T>(schema: z.ZodType<T>, value: unknown, path: string, fail: (issues: ValidationIssue[]) => Error): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fail(validationIssues(result.error, [path]));
  return result.data;
}

/** A key must be valid before it reaches DynamoDB, so bad input is a typed error, not a ValidationException. */
export const checkProductId = (productId: unknown): string =>
  check(productSchema.shape.productId, productId, 'productId', (issues) => new ProductValidationError(issues, 'product id'));

export const checkReplenishmentId = (replenishmentId: unknown): string =>
  check(replenishmentOrderSchema.shape.replenishmentId, replenishmentId, 'replenishmentId', (issues) => new ReplenishmentValidationError(issues, 'replenishment id'));

export const checkTimestamp = (value: unknown, path: string): string => check(isoTimestampSchema, value, path, (issues) => new TimestampValidationError(issues));

/** A page size from 1 to PageSize.Max; absent means PageSize.Default. */
export function checkPageLimit(limit: number | undefined): number {
  if (limit === undefined) return PageSize.Default;
  if (Number.isInteger(limit) && limit >= 1 && limit <= PageSize.Max) return limit;
  throw new PageLimitError(limit, PageSize.Max);
}
