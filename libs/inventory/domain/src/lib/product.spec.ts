import { ProductValidationError } from './errors';
import { MAX_QUANTITY, parseProduct } from './product';

const valid = { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 };

describe('parseProduct', () => {
  it('accepts a product id of 1024 characters within 2048 bytes', () => {
    // Act
    const product = parseProduct({ ...valid, productId: '\u{1F4E6}'.repeat(512) });

    // Assess
    expect(product.productId).toHaveLength(1024);
  });

  it('accepts a product with and without a name', () => {
    // Act
    const unnamed = parseProduct(valid);
    const named = parseProduct({ ...valid, name: 'Blue mug', stock: MAX_QUANTITY });

    // Assess
    expect(unnamed).toEqual(valid);
    expect(named).toEqual({ ...valid, name: 'Blue mug', stock: MAX_QUANTITY });
  });

  it('lists every missing or ill-typed attribute in one typed error', () => {
    // Prepare
    const invalid = { productId: '', stock: '51', reorderThreshold: 1.5 };

    // Act
    const attempt = (): unknown => parseProduct(invalid);

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ProductValidationError).issues.map((i) => i.path)).toEqual([
        'productId',
        'stock',
        'reorderThreshold',
        'amountToReplenish',
      ]);
    }
  });

  it.each([
    ['a negative stock', { stock: -1 }],
    ['a stock beyond 2^53', { stock: MAX_QUANTITY + 1 }],
    ['an amount of 0', { amountToReplenish: 0 }],
    ['an unknown attribute', { colour: 'blue' }],
    ['a null name', { name: null }],
    ['a product id of 700 characters but 2100 UTF-8 bytes (DynamoDB would reject the key)', { productId: '\u20AC'.repeat(700) }],
  ])('rejects %s', (_case, change) => {
    // Act
    const attempt = (): unknown => parseProduct({ ...valid, ...change });

    // Assess
    expect(attempt).toThrow(ProductValidationError);
  });
});
