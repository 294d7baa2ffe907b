/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
