import { ProductValidationError } from '@shop/inventory-domain';
import { seedProduct, seedProductState } from '@shop/inventory-domain/testing';
import { ProductAttribute } from './attributes';
import { fromProductItem, toProductItem } from './product-item';

describe('toProductItem / fromProductItem', () => {
  it('writes only the definition, and reads an item without onOrder and version as 0 of each', () => {
    // Prepare
    const named = seedProduct({ name: 'Blue mug' });
    const unnamed = seedProduct();

    // Act
    const namedItem = toProductItem(named);
    const unnamedItem = toProductItem(unnamed);

    // Assess
    expect(fromProductItem(namedItem)).toEqual({ ...named, onOrder: 0, version: 0 });
    expect(fromProductItem(unnamedItem)).toEqual({ ...unnamed, onOrder: 0, version: 0 });
    expect(unnamedItem).not.toHaveProperty(ProductAttribute.Name);
    expect(Object.keys(namedItem).sort()).toEqual(['amountToReplenish', 'name', 'productId', 'reorderThreshold', 'stock']);
  });

  it('reads what is on order and the version', () => {
    // Act
    const product = fromProductItem({ ...toProductItem(seedProduct({ stock: 11 })), onOrder: 60, version: 4 });

    // Assess
    expect(product).toEqual(seedProductState({ stock: 11, onOrder: 60, version: 4 }));
  });

  it('ignores attributes it does not know (tolerant reader)', () => {
    // Prepare
    const item = { ...toProductItem(seedProduct()), lastOrderId: 'o-1' };

    // Act
    const product = fromProductItem(item);

    // Assess
    expect(product).toEqual({ ...seedProduct(), onOrder: 0, version: 0 });
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
