/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
