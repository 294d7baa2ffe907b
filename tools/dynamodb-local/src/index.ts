export { startDynamoDbLocal, freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from './lib/dynamodb-local';
export type { DynamoDbLocal } from './lib/dynamodb-local';
export { forwardLines } from './lib/lines';
