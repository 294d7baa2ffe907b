export { crossesBelowThreshold } from './lib/crossing';
export type { StockLevel } from './lib/crossing';
export {
  InventoryError,
  ProductNotFoundError,
  ProductValidationError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
} from './lib/errors';
export type { ValidationIssue } from './lib/errors';
export { MAX_PRODUCT_ID_BYTES, MAX_PRODUCT_ID_CHARACTERS, MAX_QUANTITY, parseProduct, productSchema } from './lib/product';
export type { Product } from './lib/product';
export { isoTimestampSchema, parseReplenishmentOrder, replenishmentOrderSchema, ReplenishmentStatus } from './lib/replenishment-order';
export type { ReplenishmentOrder, ReplenishmentSource } from './lib/replenishment-order';
export type { CreateOnceOutcome, ProductRepository, ReceivedReplenishment, ReplenishmentRepository } from './lib/ports';
export { REPLENISHMENT_ID_NAMESPACE, replenishmentIdFor } from './lib/replenishment-id';
export type { ReplenishmentWriter } from './lib/ports';
