/**
 * Unit tests of the benchmark tool's arithmetic and reports, and of its request counter against a
 * real DynamoDB Local (started by that spec). The benchmarks themselves are Nx
 * targets (bench:p1 … bench:all), not tests: they measure, they do not assert timings.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
