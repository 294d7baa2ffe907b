/** @type {import('jest').Config} */
module.exports = {
  displayName: 'tools-workspace-checks',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 120_000,
};
