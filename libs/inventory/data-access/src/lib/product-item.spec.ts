import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { ProductAttribute } from './attributes';
import { fromProductItem, toProductItem } from './product-item';

describe('toProductItem / fromProductItem', () => {
  it('round-trips a product, with and without a name', () => {
    // Prepare
    const named = seedProduct({ name: 'Blue mug' });
    const unnamed = seedProduct();

    // Act
    const namedItem = toProductItem(named);
    const unnamedItem = toProductItem(unnamed);

    // Assess
    expect(fromProductItem(namedItem)).toEqual(named);
    expect(fromProductItem(unnamedItem)).toEqual(unnamed);
    expect(unnamedItem).not.toHaveProperty(ProductAttribute.Name);
    expect(Object.keys(namedItem).sort()).toEqual(Object.values(ProductAttribute).sort());
  });

  it('ignores attributes it does not know (tolerant reader)', () => {
    // Prepare
    const item = { ...toProductItem(seedProduct()), lastOrderId: 'o-1' };

    // Act
    const product = fromProductItem(item);

    // Assess
    expect(product).toEqual(seedProduct());
  });

  it('names every missing or ill-typed attribute', () => {
    // Prepare
    const item = { [ProductAttribute.ProductId]: 'p#1', [ProductAttribute.Stock]: '49', [ProductAttribute.AmountToReplenish]: 1.5 };

    // Act
    const attempt = (): unknown => fromProductItem(item);

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ProductValidationError).issues.map((i) => i.path)).toEqual(['stock', 'reorderThreshold', 'amountToReplenish']);
    }
  });
});
