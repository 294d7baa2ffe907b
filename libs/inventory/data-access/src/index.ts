export { ProductAttribute } from './lib/attributes';
export { fromProductItem, toProductItem } from './lib/product-item';
export { inventoryLevelOfImage } from './lib/product-image';
export type { VersionedInventoryLevel } from './lib/product-image';
export { ProductChangeKind, productWriteStamp } from './lib/product-write-stamp';
export { DynamoProductRepository } from './lib/dynamo-product-repository';
export { DynamoProductReplenisher } from './lib/dynamo-product-replenisher';
export { DynamoReplenishmentRepository } from './lib/dynamo-replenishment-repository';
export type { ReplenishmentTableNames } from './lib/replenishment-table-names';
