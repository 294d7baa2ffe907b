/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-api-contract',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
