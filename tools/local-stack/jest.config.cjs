/** @type {import('jest').Config} */
module.exports = {
  displayName: 'tools-local-stack',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // One DynamoDB Local for the whole run; tests isolate themselves by table name.
  globalSetup: '../dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../dynamodb-local/src/jest/global-teardown.ts',
  testTimeout: 60_000,
};
