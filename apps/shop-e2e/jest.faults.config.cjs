/**
 * Fault tests: each file starts its own stack(s) with fault injection, --persist, kill -9 or a
 * DynamoDB Local restart, so they run one at a time (2 cores) and take minutes, not seconds.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'shop-e2e-faults',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/faults/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 240_000,
};
