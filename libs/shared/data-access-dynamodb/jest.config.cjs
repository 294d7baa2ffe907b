/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-data-access-dynamodb',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  globalSetup: '../../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
