import { marshall } from '@aws-sdk/util-dynamodb';
import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { ProductAttribute } from './attributes';
import { toProductItem } from './product-item';
import { inventoryLevelOfImage, type ProductStreamImage } from './product-image';

const image = (overrides: Record<string, unknown> = {}): ProductStreamImage =>
  ({ ...marshall(toProductItem(seedProduct({ stock: 49 }))), ...overrides }) as ProductStreamImage;

function issuesOf(value: ProductStreamImage): string[] {
  try {
    inventoryLevelOfImage(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ProductValidationError);
    expect((error as ProductValidationError).subject).toBe('inventory level');
    return (error as ProductValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected inventoryLevelOfImage to throw');
}

describe('inventoryLevelOfImage', () => {
  it('reads the four figures and the version of a marshalled product item, ignoring the rest, with no onOrder or version read as 0', () => {
    // Act / Assess
    expect(inventoryLevelOfImage(image({ [ProductAttribute.Name]: { N: 'broken' } }))).toEqual({ stock: 49, onOrder: 0, reorderThreshold: 50, amountToReplenish: 30, version: 0 });
    expect(
      inventoryLevelOfImage({ stock: { N: '0' }, onOrder: { N: '60' }, reorderThreshold: { N: '9007199254740991' }, amountToReplenish: { N: '1' }, version: { N: '7' } }),
    ).toEqual({ stock: 0, onOrder: 60, reorderThreshold: Number.MAX_SAFE_INTEGER, amountToReplenish: 1, version: 7 });
  });

  it('lists every missing or ill-typed number, and a lot of 0', () => {
    // Act / Assess
    expect(issuesOf({})).toEqual(['stock: missing', 'reorderThreshold: missing', 'amountToReplenish: missing']);
    expect(issuesOf(image({ [ProductAttribute.AmountToReplenish]: { N: '0' } }))).toEqual(['amountToReplenish: expected an integer from 1 to 9007199254740991']);
    expect(issuesOf(image({ [ProductAttribute.OnOrder]: { S: '30' } }))).toEqual(['onOrder: expected a number attribute (N)']);
    expect(issuesOf(image({ [ProductAttribute.Stock]: { S: '49' } }))).toEqual(['stock: expected a number attribute (N)']);
    expect(issuesOf(image({ [ProductAttribute.Version]: { N: '1.5' } }))).toEqual(['version: expected an integer from 0 to 9007199254740991, got "1.5"']);
  });

  it.each(['-1', '49.5', '4.9e1', '9007199254740992', '49.000000000000000000001', '', ' 49'])('rejects %j instead of rounding or accepting it', (n) => {
    // Act / Assess
    expect(issuesOf(image({ [ProductAttribute.ReorderThreshold]: { N: n } }))).toEqual([
      `reorderThreshold: expected an integer from 0 to 9007199254740991, got ${JSON.stringify(n)}`,
    ]);
  });
});
