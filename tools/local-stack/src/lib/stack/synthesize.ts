import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LocalStackError } from '../errors';
import type { Logger } from '../logging/logger';
import { isRecord } from '@shop/shared-util-terraform-json';

/** The dev stage's synthesized Terraform, relative to the workspace root. */
export const DEV_SYNTH_PATH = 'infra/cdktf.out/stacks/shop-dev/cdk.tf.json';

/**
 * Builds the Lambda bundles and synthesizes the Terraform, through Nx so its cache skips what is
 * up to date. The bundles are esbuild builds of the apps' sources, so the libraries' own `build`
 * targets (tsc declaration builds, which `infra:synth` pulls in through `^build`) are not needed
 * to run locally: the apps named by `infra:synth`'s dependsOn are built, then infra is synthesized,
 * each without its task dependencies. That keeps a first `npm start` after `npm ci` (cold cache)
 * well under a minute. If infra/project.json does not name them, the full `nx run infra:synth` runs.
 * Output goes to the logger at debug level; on failure the last lines are in the error. Aborting
 * `signal` stops Nx.
 */
export async function synthesize(workspaceRoot: string, logger: Logger, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  const bundles = bundleProjects(workspaceRoot);
  if (bundles.length > 0) {
    logger.info(`building the bundles (${bundles.join(', ')})…`);
    await runNx(workspaceRoot, ['run-many', '-t', 'build', '-p', ...bundles, '--excludeTaskDependencies'], logger, signal);
    if (signal?.aborted) return;
    logger.info('synthesizing (nx run infra:synth)…');
    await runNx(workspaceRoot, ['run', 'infra:synth', '--excludeTaskDependencies'], logger, signal);
  } else {
    logger.info('building and synthesizing (nx run infra:synth)…');
    await runNx(workspaceRoot, ['run', 'infra:synth'], logger, signal);
  }
  if (!signal?.aborted) logger.info('synthesized', { seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

/** The projects whose `build` `infra:synth` depends on (the Lambda bundles), from infra/project.json. */
export function bundleProjects(workspaceRoot: string): string[] {
  try {
    const project = JSON.parse(readFileSync(path.join(workspaceRoot, 'infra', 'project.json'), 'utf8')) as { targets?: Record<string, { dependsOn?: unknown[] }> };
    return (project.targets?.['synth']?.dependsOn ?? [])
      .filter((entry): entry is { projects: string[]; target: string } => isRecord(entry) && entry['target'] === 'build' && Array.isArray(entry['projects']))
      .flatMap((entry) => entry.projects)
      .filter((name) => /^[a-z0-9-]+$/.test(name));
  } catch {
    return [];
  }
}

async function runNx(workspaceRoot: string, args: string[], logger: Logger, signal?: AbortSignal): Promise<void> {
  const nx = path.join(workspaceRoot, 'node_modules', '.bin', 'nx');
  const lines: string[] = [];
  // `tsx --tsconfig` exports TSX_TSCONFIG_PATH, which would point infra's own tsx at the wrong file.
  const { TSX_TSCONFIG_PATH: _ours, ...environment } = process.env;
  const child = spawn(nx, [...args, '--outputStyle=stream'], {
    cwd: workspaceRoot,
    env: { ...environment, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(signal && { signal, killSignal: 'SIGTERM' as const }),
  });
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      logger.debug(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => (signal?.aborted ? resolve(null) : reject(error)));
    child.once('exit', resolve);
  });
  if (code !== 0 && !signal?.aborted) {
    throw new LocalStackError(`nx ${args.join(' ')} failed (exit code ${code}):\n${lines.slice(-30).join('\n')}`);
  }
}
