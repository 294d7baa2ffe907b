/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
