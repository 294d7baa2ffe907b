import { crossesBelowThreshold, type StockLevel } from './crossing';
import { ProductValidationError } from './errors';

const level = (stock: number, reorderThreshold = 50): StockLevel => ({ stock, reorderThreshold });

describe('crossesBelowThreshold', () => {
  it('is true for the seed event: 51 -> 49 with a threshold of 50', () => {
    // Act
    const crossed = crossesBelowThreshold(level(51), level(49));

    // Assess
    expect(crossed).toBe(true);
  });

  it.each([
    ['from exactly the threshold to below', level(50), level(49), true],
    ['from above to exactly the threshold (not below)', level(51), level(50), false],
    ['staying at the threshold', level(50), level(50), false],
    ['moving while already below', level(49), level(47), false],
    ['restocking from below to above', level(10), level(80), false],
    ['restocking but still below', level(10), level(40), false],
    ['selling while staying above', level(80), level(60), false],
    ['a threshold raised above the unchanged stock', level(40, 30), level(40, 45), true],
    ['a threshold lowered under the stock while below', level(40, 45), level(40, 30), false],
    ['a threshold raised while already below', level(40, 45), level(40, 60), false],
    ['a threshold of 0 (never reorder)', level(1, 0), level(0, 0), false],
  ])('%s -> %s', (_case, before, after, expected) => {
    // Act
    const crossed = crossesBelowThreshold(before, after);

    // Assess
    expect(crossed).toBe(expected);
  });

  it('treats a product created below its threshold as a crossing, and one created at it as none', () => {
    // Act
    const createdBelow = crossesBelowThreshold(undefined, level(10));
    const createdAt = crossesBelowThreshold(undefined, level(50));

    // Assess
    expect(createdBelow).toBe(true);
    expect(createdAt).toBe(false);
  });

  it('never triggers on a removal, whatever the old image', () => {
    // Act
    const removedAbove = crossesBelowThreshold(level(51), undefined);
    const removedBelow = crossesBelowThreshold(level(1), undefined);

    // Assess
    expect(removedAbove).toBe(false);
    expect(removedBelow).toBe(false);
  });

  it.each([
    ['a NaN stock after', level(51), level(Number.NaN), 'after.stock'],
    ['a fractional threshold before', level(51, 49.5), level(49), 'before.reorderThreshold'],
    ['a negative stock after', level(51), level(-1), 'after.stock'],
    ['a stock beyond 2^53', level(Number.MAX_SAFE_INTEGER + 2), level(49), 'before.stock'],
    ['a string in place of a number', { stock: '49', reorderThreshold: 50 } as unknown as StockLevel, level(49), 'before.stock'],
  ])('throws ProductValidationError for %s instead of answering', (_case, before, after, path) => {
    // Act
    const attempt = (): boolean => crossesBelowThreshold(before, after);

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    expect(attempt).toThrow(`Invalid stock level: ${path}:`);
  });
});

describe('crossesBelowThreshold on invalid levels', () => {
  it.each([
    ['a negative stock', { stock: -1, reorderThreshold: 50 }, 'before.stock'],
    ['a fractional threshold', { stock: 5, reorderThreshold: 0.5 }, 'before.reorderThreshold'],
    ['NaN', { stock: NaN, reorderThreshold: 50 }, 'before.stock'],
    ['an unsafe integer', { stock: 2 ** 53, reorderThreshold: 50 }, 'before.stock'],
    ['a string', { stock: '49' as unknown as number, reorderThreshold: 50 }, 'before.stock'],
  ])('throws for %s, naming the attribute', (_case, invalid, path) => {
    // Act / Assess
    expect(() => crossesBelowThreshold(invalid, level(10))).toThrow(ProductValidationError);
    try {
      crossesBelowThreshold(invalid, level(10));
    } catch (error) {
      expect([...new Set((error as ProductValidationError).issues.map((i) => i.path))]).toEqual([path]);
    }
  });
});
