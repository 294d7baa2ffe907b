export {
  InventoryError,
  PageLimitError,
  ProductNotFoundError,
  ProductValidationError,
  QuantityLimitError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentIdCollisionError,
  ReplenishmentNotFoundError,
  ReplenishmentNotPendingError,
  ReplenishmentValidationError,
  TimestampValidationError,
} from './lib/errors';
export { inventoryPosition, needsReplenishment, replenishmentAmountFor } from './lib/inventory-position';
export type { InventoryLevel } from './lib/inventory-position';
export { parseProduct, productSchema } from './lib/product';
export { isLot, isQuantity, LOT_RULE, MAX_QUANTITY, QUANTITY_RULE, quantitySchema } from './lib/quantity';
export type { Product } from './lib/product';
export { parseProductState } from './lib/product-state';
export type { ProductState } from './lib/product-state';
export { isoTimestampSchema, parseReplenishmentOrder, replenishmentOrderSchema, ReplenishmentStatus } from './lib/replenishment-order';
export type { ReplenishmentOrder } from './lib/replenishment-order';
export type {
  OrderOnceOutcome,
  ProductReplenisher,
  ProductRepository,
  ReplenishmentRepository,
  SettledReplenishment,
} from './lib/ports';
export { replenishmentIdFor } from './lib/replenishment-id';
export { PageSize } from './lib/page';
export type { Page, PageRequest } from './lib/page';
