/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-data-access',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
