/** @type {import('jest').Config} */
module.exports = {
  displayName: 'tools-local-iam',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '../dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../dynamodb-local/src/jest/global-teardown.ts',
  testTimeout: 30_000,
};
