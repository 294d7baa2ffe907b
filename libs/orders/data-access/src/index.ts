export { DynamoOrderRepository } from './lib/dynamo-order-repository';
export type { DynamoOrderRepositoryOptions, OrderTableNames } from './lib/dynamo-order-repository';
