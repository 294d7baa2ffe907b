/** @type {import('jest').Config} */
module.exports = {
  displayName: 'shared-util-iam-policy',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
