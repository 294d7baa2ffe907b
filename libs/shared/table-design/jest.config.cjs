/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-table-design',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
