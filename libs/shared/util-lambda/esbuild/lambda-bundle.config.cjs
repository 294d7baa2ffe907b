/**
 * esbuild options shared by every Lambda bundle (the "esbuildConfig" of each app's @nx/esbuild
 * build target; the target adds entry point, outfile, platform, target, format and minification).
 * It lives in util-lambda, which every function depends on, so `nx affected` rebuilds them all
 * when it changes. Budget per bundle: main.js ≤ 500 kB, module init ≤ 80 ms.
 */

/**
 * Credential providers the SDK's default chain imports lazily (`await import(...)`) and only when
 * the environment holds no credentials. Lambda always sets AWS_ACCESS_KEY_ID & co., so they never
 * load there; if they ever did, Node finds them in the Lambda runtime's own SDK (NODE_PATH), or in
 * node_modules locally. Bundling them would add ~90 kB (STS/SSO clients) to every cold start.
 */
const LAZY_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/token-providers',
  '@aws-sdk/nested-clients',
];

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  // The SDK's and Powertools' ES module builds tree-shake; their CommonJS builds (esbuild's default
  // for platform node) pull in the whole of @smithy/core (~200 kB more). AWS's recommended setting.
  mainFields: ['module', 'main'],
  external: LAZY_CREDENTIAL_PROVIDERS,
};
