import { isLot, isQuantity, LOT_RULE, ProductValidationError, QUANTITY_RULE, type InventoryLevel } from '@shop/inventory-domain';
import type { ValidationIssue } from '@shop/shared-util-schema';
import { ProductAttribute } from './attributes';

/**
 * A product image of the Products stream, still in DynamoDB's attribute-value form
 * (`{ stock: { N: '49' }, … }`), as Lambda delivers `OldImage` / `NewImage`. Only the shape the
 * readers below look at is required, so both `aws-lambda`'s and the SDK's types fit.
 */
export type ProductStreamImage = { readonly [attribute: string]: { readonly N?: string | undefined } | undefined };

/** Digits only: no sign, no fraction, no exponent (DynamoDB normalizes numbers, so 49 is "49"). */
const NON_NEGATIVE_INTEGER = /^\d+$/;

function quantityOf(image: ProductStreamImage, attribute: string, issues: ValidationIssue[], absent?: number): number {
  const value = image[attribute];
  const digits = value?.N;
  if (value === undefined && absent !== undefined) return absent;
  if (digits === undefined) {
    issues.push({ path: attribute, message: value === undefined ? 'missing' : 'expected a number attribute (N)' });
    return NaN;
  }
  // Digits first: Number() would read "4.95e1" or " 49" as numbers DynamoDB never stores.
  const number = NON_NEGATIVE_INTEGER.test(digits) ? Number(digits) : NaN;
  if (!isQuantity(number)) issues.push({ path: attribute, message: `expected ${QUANTITY_RULE}, got ${JSON.stringify(digits)}` });
  return number;
}

/** An inventory level and the product version it was read at. */
export type VersionedInventoryLevel = InventoryLevel & {
  /** The product's write counter in the image; 0 for an item written before versions existed. */
  readonly version: number;
};

/**
 * The inventory level (stock, on order, threshold, lot) of a raw stream image and the version it
 * is at, read straight from its number attributes without unmarshalling the rest: all the consumer
 * needs to decide from the image and to commit that decision only while the image is current.
 * `onOrder` and `version` absent (a product stored before they existed) read as 0. A number is
 * accepted only if it is exactly a quantity (the domain's `isQuantity`; `9007199254740993` or
 * `49.5` are rejected, never rounded), and the lot only if it is a lot (`isLot`).
 * Missing or ill-typed attributes throw `ProductValidationError` (subject `inventory level`)
 * listing every problem. Other attributes are not looked at: see `fromProductItem` for a
 * whole product.
 *
 * @example
 * const level = inventoryLevelOfImage(record.dynamodb.NewImage); // { stock: 49, onOrder: 0, reorderThreshold: 50, amountToReplenish: 30, version: 7 }
 */
export function inventoryLevelOfImage(image: ProductStreamImage): VersionedInventoryLevel {
  const issues: ValidationIssue[] = [];
  const stock = quantityOf(image, ProductAttribute.Stock, issues);
  const onOrder = quantityOf(image, ProductAttribute.OnOrder, issues, 0);
  const reorderThreshold = quantityOf(image, ProductAttribute.ReorderThreshold, issues);
  const amountToReplenish = quantityOf(image, ProductAttribute.AmountToReplenish, issues);
  const version = quantityOf(image, ProductAttribute.Version, issues, 0);
  if (isQuantity(amountToReplenish) && !isLot(amountToReplenish)) issues.push({ path: ProductAttribute.AmountToReplenish, message: `expected ${LOT_RULE}` });
  if (issues.length > 0) throw new ProductValidationError(issues, 'inventory level');
  return { stock, onOrder, reorderThreshold, amountToReplenish, version };
}
