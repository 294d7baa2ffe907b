/** @type {import('jest').Config} */
module.exports = {
  displayName: 'orders-api-contract',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  // Redocly's lint API (the OpenAPI document test) ships as ESM only: transform it like uuid.
  transformIgnorePatterns: ['/node_modules/(?!(uuid|@redocly)/)'],
};
