/**
 * End-to-end tests: one local stack (`npm start`'s entry point, on the real synth and bundles)
 * started by the local stack's Jest global setup, shared by every file. Files run one after the other: the bad-input
 * test proves the tables are unchanged, which only holds while nothing else writes.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'shop-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/e2e/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../tools/local-stack/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/../../tools/local-stack/src/jest/global-teardown.ts',
  // After each file, every answer it got is checked against the generated OpenAPI document.
  setupFilesAfterEnv: ['<rootDir>/src/support/conformance-setup.ts'],
  maxWorkers: 1,
  testTimeout: 60_000,
};
