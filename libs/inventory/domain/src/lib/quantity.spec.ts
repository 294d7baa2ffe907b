import { isLot, isQuantity, lotSchema, MAX_QUANTITY, quantitySchema } from './quantity';

describe('isQuantity and isLot', () => {
  const values: Array<[unknown, boolean, boolean]> = [
    // value, a quantity?, a lot?
    [0, true, false],
    [1, true, true],
    [MAX_QUANTITY, true, true],
    [MAX_QUANTITY + 1, false, false],
    [-1, false, false],
    [49.5, false, false],
    [Number.NaN, false, false],
    [Number.POSITIVE_INFINITY, false, false],
    ['49', false, false],
    [undefined, false, false],
  ];

  it.each(values)('judges %p a quantity: %p, a lot: %p', (value, quantity, lot) => {
    expect(isQuantity(value)).toBe(quantity);
    expect(isLot(value)).toBe(lot);
  });

  it.each(values)('agrees with the zod schemas on %p', (value, quantity, lot) => {
    expect(quantitySchema().safeParse(value).success).toBe(quantity);
    expect(lotSchema().safeParse(value).success).toBe(lot);
  });
});
