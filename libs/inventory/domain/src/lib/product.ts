import { lazySchema } from '@shop/shared-util-schema';
import * as z from 'zod';
import { ProductValidationError } from './errors';

/** Largest stock or threshold we accept: DynamoDB numbers are exact, JavaScript's only to 2^53. */
export const MAX_QUANTITY = Number.MAX_SAFE_INTEGER;

/** DynamoDB's limit on a partition key (products' key, and the replenishment index's key). */
export const MAX_PRODUCT_ID_BYTES = 2048;
const utf8 = new TextEncoder();

/**
 * The validation schema of a product: the one definition the API and the consumer share. Built on
 * first use ({@link lazySchema}), not at import.
 */
export const productSchema = lazySchema(() =>
  z.strictObject({
    // Characters and bytes: 1024 characters of emoji are 4096 bytes, which DynamoDB would reject.
    productId: z
      .string()
      .min(1)
      .max(1024)
      .refine((id) => utf8.encode(id).length <= MAX_PRODUCT_ID_BYTES, { message: `Too big: expected at most ${MAX_PRODUCT_ID_BYTES} bytes of UTF-8` }),
    stock: z.number().int().min(0).max(MAX_QUANTITY),
    reorderThreshold: z.number().int().min(0).max(MAX_QUANTITY),
    amountToReplenish: z.number().int().min(1).max(MAX_QUANTITY),
    name: z.string().max(200).optional(),
  }),
);

/**
 * A product and its replenishment policy: when `stock` drops below `reorderThreshold`, order
 * `amountToReplenish` more.
 */
export type Product = z.infer<typeof productSchema>;

/**
 * Validates an unknown value as a {@link Product}. Throws {@link ProductValidationError} listing
 * every problem; never returns a partially valid product.
 *
 * @example
 * const product = parseProduct({ productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 });
 */
export function parseProduct(value: unknown): Product {
  const result = productSchema.safeParse(value);
  if (!result.success) {
    throw new ProductValidationError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return result.data;
}
