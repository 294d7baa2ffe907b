/** @type {import('jest').Config} */
module.exports = {
  displayName: 'inventory-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
