/** @type {import('jest').Config} */
module.exports = {
  displayName: 'inventory-feature-replenishment',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests run against one real DynamoDB Local per Jest run.
  globalSetup: '../../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
