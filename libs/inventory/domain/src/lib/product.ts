import * as z from 'zod';
import { ProductValidationError } from './errors';

/** Largest stock or threshold we accept: DynamoDB numbers are exact, JavaScript's only to 2^53. */
export const MAX_QUANTITY = Number.MAX_SAFE_INTEGER;

/** DynamoDB's limit on a partition key (products' key, and the replenishment index's key). */
export const MAX_PRODUCT_ID_BYTES = 2048;
const utf8 = new TextEncoder();

function buildProductSchema() {
  return z.strictObject({
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
  });
}

/**
 * The validation schema of a product: the one definition the API and the consumer share.
 *
 * Marked pure: a bundle that never references it (the stream consumer only parses) drops it and
 * does not build it at import; {@link parseProduct} builds its own copy on first use.
 */
export const productSchema = /* @__PURE__ */ buildProductSchema();

let lazyProductSchema: typeof productSchema | undefined;

/** {@link productSchema}'s definition, built on the first call (not at import). Internal to the domain. */
export const lazyProduct = (): typeof productSchema => (lazyProductSchema ??= buildProductSchema());

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
  const result = lazyProduct().safeParse(value);
  if (!result.success) {
    throw new ProductValidationError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return result.data;
}
