import { BenchCorrectnessError } from './errors';
import { checkPendingReplenishments, type ProductAtEnd } from './soak-final-check';

const product = (productId: string, stock: number, pending: readonly number[]): ProductAtEnd => ({
  productId,
  stock,
  onOrder: pending.reduce((a, b) => a + b, 0),
  reorderThreshold: 20,
  pending: pending.map((amountToReplenish, i) => ({ replenishmentId: `${productId}-r${i}`, amountToReplenish })),
});

describe('checkPendingReplenishments', () => {
  it('passes when each short product has one PENDING replenishment and the others none, and counts them', () => {
    // Act
    const result = checkPendingReplenishments([product('a', 19, [40]), product('b', 0, [40]), product('c', 20, []), product('d', 55, [])]);

    // Assess
    expect(result).toEqual({ products: 4, short: 2, pending: 2 });
  });

  it('fails on two PENDING replenishments for one product, naming them', () => {
    // Act
    const check = (): unknown => checkPendingReplenishments([product('a', 5, [40, 40]), product('b', 30, [])]);

    // Assess
    expect(check).toThrow(BenchCorrectnessError);
    expect(check).toThrow('a has 2 PENDING replenishments (a-r0, a-r1): at most one');
  });

  it('fails on a short product with nothing pending, and on a product not short with something pending', () => {
    // Act
    const check = (): unknown => checkPendingReplenishments([product('a', 19, []), product('b', 20, [40])]);

    // Assess
    expect(check).toThrow('2 problem(s) at the end: a is short (stock 19 < threshold 20) with no PENDING replenishment; b is not short (stock 20 ≥ threshold 20) yet has a PENDING replenishment');
  });

  it('fails when onOrder is not what is pending', () => {
    // Act
    const check = (): unknown => checkPendingReplenishments([{ ...product('a', 10, [40]), onOrder: 80 }]);

    // Assess
    expect(check).toThrow('a has onOrder 80 but 40 pending');
  });
});
