import { ProductValidationError, QuantityLimitError } from './errors';
import { inventoryPosition, needsReplenishment, replenishmentAmountFor, type InventoryLevel } from './inventory-position';
import { MAX_QUANTITY } from './quantity';

const level = (stock: number, onOrder = 0, reorderThreshold = 50, amountToReplenish = 30): InventoryLevel => ({
  stock,
  onOrder,
  reorderThreshold,
  amountToReplenish,
});

describe('replenishmentAmountFor', () => {
  it('orders one lot of 30 for the example product: stock 51 -> 49 with a threshold of 50', () => {
    // Act
    const amount = replenishmentAmountFor(level(49));

    // Assess
    expect(amount).toBe(30);
  });

  it.each([
    ['exactly at the threshold', level(50), 0],
    ['above the threshold', level(80), 0],
    ['one under, nothing on order', level(49), 30],
    ['stock 11, nothing on order: two lots', level(11), 60],
    ['stock 11 with 60 on order (position 71)', level(11, 60), 0],
    ['stock 0 with 30 on order (position 30): one more lot', level(0, 30), 30],
    ['stock 0, nothing on order: two lots', level(0), 60],
    ['a shortfall of exactly one lot', level(20), 30],
    ['a threshold of 0 never reorders', level(0, 0, 0), 0],
    ['a lot of 1 orders the exact shortfall', level(7, 3, 50, 1), 40],
    ['a lot larger than the threshold', level(0, 0, 50, 500), 500],
  ])('%s', (_case, given, expected) => {
    // Act
    const amount = replenishmentAmountFor(given);

    // Assess
    expect(amount).toBe(expected);
  });

  it('compares huge stock and on-order figures without overflowing their sum', () => {
    // Act
    const amount = replenishmentAmountFor(level(MAX_QUANTITY, MAX_QUANTITY, MAX_QUANTITY));

    // Assess
    expect(amount).toBe(0);
  });

  it.each<[string, Partial<InventoryLevel>, string]>([
    ['a NaN stock', { stock: Number.NaN }, 'stock'],
    ['a negative on-order figure', { onOrder: -1 }, 'onOrder'],
    ['a fractional threshold', { reorderThreshold: 49.5 }, 'reorderThreshold'],
    ['an amount of 0', { amountToReplenish: 0 }, 'amountToReplenish'],
  ])('rejects %s, naming it', (_case, change, path) => {
    // Act
    const attempt = (): number => replenishmentAmountFor({ ...level(10), ...change });

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    expect(attempt).toThrow(`Invalid inventory level: ${path}:`);
  });

  it('refuses an order that would exceed the largest quantity', () => {
    // Act
    const attempt = (): number => replenishmentAmountFor(level(0, 0, MAX_QUANTITY, MAX_QUANTITY - 1));

    // Assess
    expect(attempt).toThrow(QuantityLimitError);
    expect(attempt).toThrow(/would exceed/);
  });
});

describe('inventoryPosition and needsReplenishment', () => {
  it('counts stock on hand and on order, and orders only below the threshold', () => {
    // Act / Assess
    expect(inventoryPosition(level(11, 60))).toBe(71);
    expect(needsReplenishment(level(11, 60))).toBe(false);
    expect(needsReplenishment(level(11, 30))).toBe(true);
  });
});
