/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-terraform-json',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
