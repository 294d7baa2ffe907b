import { ProductValidationError } from './errors';
import { MAX_PRODUCT_ID_BYTES, MAX_PRODUCT_ID_CHARACTERS, parseProduct } from './product';
import { MAX_QUANTITY } from './quantity';

const valid = { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 };

describe('parseProduct', () => {
  it('accepts a product id of 512 characters, which always fit 2048 bytes of UTF-8, even as 4-byte emoji', () => {
    // Act
    const product = parseProduct({ ...valid, productId: '\u{1F4E6}'.repeat(MAX_PRODUCT_ID_CHARACTERS) });

    // Assess
    expect([...product.productId]).toHaveLength(512);
    expect(Buffer.byteLength(product.productId)).toBe(MAX_PRODUCT_ID_BYTES);
  });

  it.each([
    ['513 ASCII characters', 'x'.repeat(513)],
    ['513 emoji', '\u{1F4E6}'.repeat(513)],
    ['683 coffee cups (valid by a 1024-character limit, 2049 bytes)', '\u2615'.repeat(683)],
  ])('refuses a product id of %s', (_case, productId) => {
    expect(() => parseProduct({ ...valid, productId })).toThrow('at most 512 characters');
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
