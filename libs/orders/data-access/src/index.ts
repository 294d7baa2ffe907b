export { OrderAttribute } from './lib/attributes';
export { DynamoOrderRepository } from './lib/dynamo-order-repository';
export type { DynamoOrderRepositoryOptions, OrderTableNames } from './lib/dynamo-order-repository';
export { fromOrderItem, toOrderItem } from './lib/order-item';
export type { Item, StoredOrder } from './lib/order-item';
