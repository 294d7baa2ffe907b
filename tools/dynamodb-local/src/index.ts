export { startDynamoDbLocal, freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from './lib/dynamodb-local';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './lib/dynamodb-local';
export { emulatorDirectory, DYNAMODB_LOCAL_PACKAGE } from './lib/emulator';
export type { EmulatorDirectory } from './lib/emulator';
export { DynamoDbLocalError, DynamoDbLocalStartError, JavaNotFoundError } from './lib/errors';
export { assertJava, javaBinary, parseJavaMajor, MINIMUM_JAVA_MAJOR } from './lib/java';
export { forwardLines } from './lib/lines';
