/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-lambda',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
