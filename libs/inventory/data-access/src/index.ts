export { ProductAttribute, REPLENISHMENT_BY_PRODUCT_INDEX, ReplenishmentAttribute } from './lib/attributes';
export { fromProductItem, toProductItem } from './lib/product-item';
export type { Item } from './lib/product-item';
export { fromReplenishmentItem, toReplenishmentItem } from './lib/replenishment-item';
export { DynamoProductRepository } from './lib/dynamo-product-repository';
export { DynamoReplenishmentWriter } from './lib/dynamo-replenishment-writer';
export { DynamoReplenishmentRepository } from './lib/dynamo-replenishment-repository';
export type { ReplenishmentTableNames } from './lib/dynamo-replenishment-repository';
