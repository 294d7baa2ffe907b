/**
 * Jest global setup: one DynamoDB Local per Jest run, shared by that run's test files.
 * Use it from a project's jest.config.cjs:
 *   globalSetup: '<rootDir>/../../tools/dynamodb-local/src/jest/global-setup.ts',
 *   globalTeardown: '<rootDir>/../../tools/dynamodb-local/src/jest/global-teardown.ts',
 * Test files then reach it through the SDK's standard variables (AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_DYNAMODB_STREAMS, AWS_REGION and credentials), which workers inherit. Tests
 * isolate themselves by table name (see @shop/shared-data-access-dynamodb/testing).
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../index';

declare global {
  var __DYNAMODB_LOCAL__: DynamoDbLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  const ddb = await startDynamoDbLocal();
  globalThis.__DYNAMODB_LOCAL__ = ddb;
  process.env['AWS_ENDPOINT_URL_DYNAMODB'] = ddb.endpoint;
  process.env['AWS_ENDPOINT_URL_DYNAMODB_STREAMS'] = ddb.endpoint;
  process.env['AWS_REGION'] = LOCAL_REGION;
  process.env['AWS_ACCESS_KEY_ID'] = LOCAL_CREDENTIALS.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = LOCAL_CREDENTIALS.secretAccessKey;
  delete process.env['AWS_PROFILE'];
}
