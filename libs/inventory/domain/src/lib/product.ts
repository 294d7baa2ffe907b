import { lazySchema, validationIssues } from '@shop/shared-util-schema';
import * as z from 'zod';
import { ProductValidationError } from './errors';
import { lotSchema, quantitySchema } from './quantity';

/** DynamoDB's limit on a partition key (products' key, and the replenishment index's key). */
export const MAX_PRODUCT_ID_BYTES = 2048;

/**
 * Longest product id, in characters (Unicode code points, which JSON Schema's `maxLength` counts).
 * A code point is at most 4 bytes of UTF-8, so any id this long fits {@link MAX_PRODUCT_ID_BYTES}:
 * the API's validation and its OpenAPI document state one limit, and DynamoDB never refuses a key.
 */
export const MAX_PRODUCT_ID_CHARACTERS = MAX_PRODUCT_ID_BYTES / 4;

/** Counts code points without spreading the string unless its UTF-16 length leaves a doubt. */
function withinCharacterLimit(id: string): boolean {
  if (id.length <= MAX_PRODUCT_ID_CHARACTERS) return true;
  if (id.length > 2 * MAX_PRODUCT_ID_CHARACTERS) return false;
  return [...id].length <= MAX_PRODUCT_ID_CHARACTERS;
}

/**
 * The validation schema of a product: the one definition the API and the consumer share. Built on
 * first use ({@link lazySchema}), not at import.
 */
export const productSchema = lazySchema(() =>
  z.strictObject({
    // zod's max() counts UTF-16 units, JSON Schema's maxLength code points: the refinement counts
    // what the document says, and meta() puts that limit in the document.
    productId: z
      .string()
      .min(1)
      .refine(withinCharacterLimit, { message: `Too big: expected at most ${MAX_PRODUCT_ID_CHARACTERS} characters` })
      .meta({ maxLength: MAX_PRODUCT_ID_CHARACTERS }),
    stock: quantitySchema(),
    reorderThreshold: quantitySchema(),
    amountToReplenish: lotSchema(),
    name: z.string().max(200).optional(),
  }),
);

/**
 * A product and its replenishment policy: when its inventory position (stock + on order) is below
 * `reorderThreshold`, order enough lots of `amountToReplenish` to bring it back (see
 * `replenishmentAmountFor`).
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
    throw new ProductValidationError(validationIssues(result.error));
  }
  return result.data;
}
