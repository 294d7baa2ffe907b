// Shared Jest settings for every project. TypeScript is compiled by SWC (fast on 2 cores);
// uuid >= 12 and jose (the local stack's token issuer) ship ESM only, so they are transformed too
// instead of being ignored.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

/** tsconfig.base.json `paths` are the one alias list; Jest derives its mapper from them. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(uuid|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|test).ts'],
  coverageReporters: ['text-summary', 'lcov'],
};
