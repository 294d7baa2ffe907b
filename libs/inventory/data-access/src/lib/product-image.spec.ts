import { marshall } from '@aws-sdk/util-dynamodb';
import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { ProductAttribute } from './attributes';
import { toProductItem } from './product-item';
import { stockLevelOfImage, type ProductStreamImage } from './product-image';

const image = (overrides: Record<string, unknown> = {}): ProductStreamImage =>
  ({ ...marshall(toProductItem(seedProduct({ stock: 49 }))), ...overrides }) as ProductStreamImage;

function issuesOf(value: ProductStreamImage): string[] {
  try {
    stockLevelOfImage(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ProductValidationError);
    expect((error as ProductValidationError).subject).toBe('stock level');
    return (error as ProductValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected stockLevelOfImage to throw');
}

describe('stockLevelOfImage', () => {
  it('reads stock and threshold of a marshalled product item, ignoring the rest', () => {
    // Act / Assess
    expect(stockLevelOfImage(image({ [ProductAttribute.AmountToReplenish]: { S: 'broken' } }))).toEqual({ stock: 49, reorderThreshold: 50 });
    expect(stockLevelOfImage({ stock: { N: '0' }, reorderThreshold: { N: '9007199254740991' } })).toEqual({ stock: 0, reorderThreshold: Number.MAX_SAFE_INTEGER });
  });

  it('lists every missing or ill-typed number', () => {
    // Act / Assess
    expect(issuesOf({})).toEqual(['stock: missing', 'reorderThreshold: missing']);
    expect(issuesOf(image({ [ProductAttribute.Stock]: { S: '49' } }))).toEqual(['stock: expected a number attribute (N)']);
  });

  it.each(['-1', '49.5', '4.9e1', '9007199254740992', '49.000000000000000000001', '', ' 49'])('rejects %j instead of rounding or accepting it', (n) => {
    // Act / Assess
    expect(issuesOf(image({ [ProductAttribute.ReorderThreshold]: { N: n } }))).toEqual([
      `reorderThreshold: expected an integer from 0 to 9007199254740991, got ${JSON.stringify(n)}`,
    ]);
  });
});
