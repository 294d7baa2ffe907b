/**
 * esbuild options of the orders-api bundle; the @nx/esbuild target (project.json) adds the entry
 * point, outfile, platform, target, format and minification. Budget: main.js ≤ 500 kB and module
 * init ≤ 80 ms (checked by src/bundle-budget.spec.ts; figures in README.md).
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

const SKIP = Symbol('resolve without this plugin');

/**
 * `@shop/shared-util-lambda` imports the Powertools Tracer for `createObservability`, which this
 * function does not call (it uses Logger and Metrics only, see src/lib/observability.ts). The
 * Tracer's package does not declare itself side-effect free, so esbuild would keep it, and with it
 * aws-xray-sdk-core, even though nothing uses it. This declares it droppable: if code ever does
 * use the Tracer, esbuild still bundles it.
 */
const dropUnusedTracer = {
  name: 'drop-unused-powertools-tracer',
  setup(build) {
    build.onResolve({ filter: /^@aws-lambda-powertools\/tracer$/ }, async (args) => {
      if (args.pluginData === SKIP) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: SKIP,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: resolved.namespace, external: resolved.external, sideEffects: false };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  // The SDK's ES module builds tree-shake; its CommonJS builds (esbuild's default for platform
  // node) pull in the whole of @smithy/core. This is the setting the AWS SDK docs recommend.
  mainFields: ['module', 'main'],
  external: LAZY_CREDENTIAL_PROVIDERS,
  plugins: [dropUnusedTracer],
};
