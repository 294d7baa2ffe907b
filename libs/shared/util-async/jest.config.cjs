/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-async',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
