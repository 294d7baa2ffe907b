/** @type {import('jest').Config} */
module.exports = {
  displayName: 'tools-dynamodb-local',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 60_000,
};
