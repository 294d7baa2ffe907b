/** Fixtures for tests of code that uses the inventory domain. Not part of the production API. */
import type { Product } from './lib/product';
import type { ProductState } from './lib/product-state';
import { ReplenishmentStatus, type ReplenishmentOrder } from './lib/replenishment-order';

/** The example product p#1234, before an order of 2: stock 51, threshold 50, lots of 30. */
export const seedProduct = (overrides: Partial<Product> = {}): Product => ({
  productId: 'p#1234',
  stock: 51,
  reorderThreshold: 50,
  amountToReplenish: 30,
  ...overrides,
});

/** {@link seedProduct} as stored, with nothing on order. */
export const seedProductState = (overrides: Partial<ProductState> = {}): ProductState => ({
  ...seedProduct(),
  onOrder: 0,
  version: 1,
  ...overrides,
});

/** A PENDING replenishment order for p#1234, the product of {@link seedProduct}. */
export const pendingReplenishment = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder => ({
  replenishmentId: '6f1c2b8e-0d3a-5b9c-8e7f-1a2b3c4d5e6f',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: ReplenishmentStatus.Pending,
  createdAt: '2026-01-31T12:00:00.000Z',
  productVersion: 2,
  ...overrides,
});
