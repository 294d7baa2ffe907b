/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-dynamodb-streams',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  // A real stream to list: one DynamoDB Local for the run.
  globalSetup: '../../../tools/dynamodb-local/src/jest/global-setup.ts',
  globalTeardown: '../../../tools/dynamodb-local/src/jest/global-teardown.ts',
};
