import { existsSync } from 'node:fs';
import path from 'node:path';
import { BundleNotBuiltError } from './errors';

/** The repository root (infra/src/config → ../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** The apps whose `@nx/esbuild` output the stack packages. */
export const LambdaApp = { OrdersApi: 'orders-api', ReplenishmentConsumer: 'replenishment-consumer' } as const;
export type LambdaApp = (typeof LambdaApp)[keyof typeof LambdaApp];

/** A built Lambda bundle: a directory whose `main.js` exports `handler`. */
export interface LambdaBundle {
  readonly app: LambdaApp;
  /** Absolute path of `dist/apps/<app>`. */
  readonly directory: string;
  /** `main.handler`: the module file and its export. */
  readonly handler: string;
}

/**
 * Locates the build output of an app and checks it exists, so a missing build fails the synth with
 * the command that fixes it instead of an ENOENT from deep inside CDKTF.
 *
 * @example
 * ```ts
 * const bundle = lambdaBundle(LambdaApp.OrdersApi); // { directory: '<repo>/dist/apps/orders-api', handler: 'main.handler' }
 * ```
 */
export function lambdaBundle(app: LambdaApp, workspaceRoot: string = WORKSPACE_ROOT): LambdaBundle {
  const directory = path.join(workspaceRoot, 'dist', 'apps', app);
  const entry = path.join(directory, 'main.js');
  if (!existsSync(entry)) throw new BundleNotBuiltError(app, path.relative(workspaceRoot, entry));
  return { app, directory, handler: 'main.handler' };
}
