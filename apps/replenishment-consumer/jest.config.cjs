/** @type {import('jest').Config} */
module.exports = {
  displayName: 'replenishment-consumer',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // The handler is tested end to end against one real DynamoDB Local per Jest run.
  globalSetup: '../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
