import { MAX_QUANTITY, ProductValidationError, type StockLevel, type ValidationIssue } from '@shop/inventory-domain';
import { ProductAttribute } from './attributes';

/**
 * A product image of the Products stream, still in DynamoDB's attribute-value form
 * (`{ stock: { N: '49' }, … }`), as Lambda delivers `OldImage` / `NewImage`. Only the shape the
 * readers below look at is required, so both `aws-lambda`'s and the SDK's types fit.
 */
export type ProductStreamImage = { readonly [attribute: string]: { readonly N?: string | undefined } | undefined };

/** Digits only: no sign, no fraction, no exponent (DynamoDB normalizes numbers, so 49 is "49"). */
const NON_NEGATIVE_INTEGER = /^\d+$/;

function quantityOf(image: ProductStreamImage, attribute: string, issues: ValidationIssue[]): number {
  const value = image[attribute];
  const digits = value?.N;
  if (digits === undefined) {
    issues.push({ path: attribute, message: value === undefined ? 'missing' : 'expected a number attribute (N)' });
    return NaN;
  }
  const number = NON_NEGATIVE_INTEGER.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(number) || number > MAX_QUANTITY) {
    issues.push({ path: attribute, message: `expected an integer from 0 to ${MAX_QUANTITY}, got ${JSON.stringify(digits)}` });
  }
  return number;
}

/**
 * The stock level (stock and reorder threshold) of a raw stream image, read straight from its
 * two number attributes without unmarshalling the rest: what the consumer needs to tell whether
 * a record crosses the threshold. A number is accepted only if it is exactly a non-negative safe
 * integer (the domain's rule; `9007199254740993` or `49.5` are rejected, never rounded).
 * A missing or ill-typed attribute throws `ProductValidationError` (subject `stock level`) listing
 * both problems. The other attributes are not looked at: see {@link fromProductItem} for a whole product.
 *
 * @example
 * const level = stockLevelOfImage(record.dynamodb.NewImage); // { stock: 49, reorderThreshold: 50 }
 */
export function stockLevelOfImage(image: ProductStreamImage): StockLevel {
  const issues: ValidationIssue[] = [];
  const stock = quantityOf(image, ProductAttribute.Stock, issues);
  const reorderThreshold = quantityOf(image, ProductAttribute.ReorderThreshold, issues);
  if (issues.length > 0) throw new ProductValidationError(issues, 'stock level');
  return { stock, reorderThreshold };
}
