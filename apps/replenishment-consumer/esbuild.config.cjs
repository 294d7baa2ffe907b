/**
 * esbuild options of the consumer's bundle, loaded by @nx/esbuild ("esbuildConfig" in
 * project.json). Two size decisions, each measured (see the inventory team's report):
 * - mainFields module-first: the ESM builds of the AWS SDK and Powertools tree-shake; the CommonJS
 *   ones do not (about 200 kB more).
 * - Workspace libraries have no import-time side effects (a convention: modules only declare), so
 *   esbuild may drop a module none of whose exports is used. Without this, importing `readConfig`
 *   from @shop/shared-util-lambda keeps its barrel's createObservability and, with it, the X-Ray
 *   SDK that this function deliberately does without (+131 kB).
 */
const path = require('node:path');

const workspaceLibraries = path.join(__dirname, '..', '..', 'libs') + path.sep;

/** @type {import('esbuild').Plugin} */
const workspaceLibrariesAreSideEffectFree = {
  name: 'workspace-libraries-are-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === workspaceLibrariesAreSideEffectFree) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: workspaceLibrariesAreSideEffectFree,
      });
      if (resolved.errors.length > 0 || !resolved.path.startsWith(workspaceLibraries)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  outExtension: { '.js': '.js' },
  legalComments: 'none',
  mainFields: ['module', 'main'],
  plugins: [workspaceLibrariesAreSideEffectFree],
};
