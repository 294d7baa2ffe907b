/** Fixtures for tests of code that uses the inventory domain. Not part of the production API. */
import type { Product } from './lib/product';

/** The product of the seed article's test event, before the order of 2. */
export const seedProduct = (overrides: Partial<Product> = {}): Product => ({
  productId: 'p#1234',
  stock: 51,
  reorderThreshold: 50,
  amountToReplenish: 30,
  ...overrides,
});
