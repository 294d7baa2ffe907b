/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-data-access',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '../../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
