/** @type {import('jest').Config} */
module.exports = {
  displayName: 'inventory-data-access',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
