/** @type {import('jest').Config} */
module.exports = {
  displayName: 'replenishment-consumer',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
