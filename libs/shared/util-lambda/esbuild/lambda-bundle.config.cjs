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

/**
 * Node built-ins that the bundle imports at module init but that no DynamoDB request uses, loaded
 * on first use instead. `node:zlib` comes in only through @smithy/core's checksum module (CRC32 for
 * services with flexible checksums, which DynamoDB's client does not use) and costs ~3 % of the
 * module init. Each is replaced by a stand-in with the same export names, generated from the
 * build's own Node: functions are wrappers that load the module when called (so `typeof x ===
 * 'function'` checks still see a function), everything else a getter that loads it when read.
 */
const LAZY_NODE_BUILTINS = ['zlib'];

/** @returns {import('esbuild').Plugin} */
function lazyNodeBuiltins(names) {
  const namespace = 'lazy-node-builtin';
  const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
  return {
    name: 'lazy-node-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === namespace
          ? { path: `node:${args.path.replace(/^node:/, '')}`, external: true }
          : { path: args.path.replace(/^node:/, ''), namespace },
      );
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const actual = require(`node:${args.path}`);
        const lines = [`let loaded;`, `const load = () => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}));`];
        for (const key of Object.keys(actual).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))) {
          const name = JSON.stringify(key);
          lines.push(
            typeof actual[key] === 'function' && /^[a-z]/.test(key)
              ? `exports[${name}] = function ${key}(...args) { return load()[${name}](...args); };`
              : `Object.defineProperty(exports, ${name}, { enumerable: true, get: () => load()[${name}] });`,
          );
        }
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  // The SDK's and Powertools' ES module builds tree-shake; their CommonJS builds (esbuild's default
  // for platform node) pull in the whole of @smithy/core (~200 kB more). AWS's recommended setting.
  mainFields: ['module', 'main'],
  external: LAZY_CREDENTIAL_PROVIDERS,
  plugins: [lazyNodeBuiltins(LAZY_NODE_BUILTINS)],
};
