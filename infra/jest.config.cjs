/** @type {import('jest').Config} */
module.exports = {
  displayName: 'infra',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/testing/jest-setup.ts'],
  testTimeout: 60_000,
};
