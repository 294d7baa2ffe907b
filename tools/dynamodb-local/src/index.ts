export { startDynamoDbLocal, freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from './lib/dynamodb-local';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './lib/dynamodb-local';
export { emulatorDirectory } from './lib/emulator';
export { DynamoDbLocalError, DynamoDbLocalStartError, JavaNotFoundError } from './lib/errors';
export { assertJava, javaBinary, parseJavaMajor, MINIMUM_JAVA_MAJOR } from './lib/java';
export { forwardLines } from './lib/lines';
