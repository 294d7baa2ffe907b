/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-schema',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
