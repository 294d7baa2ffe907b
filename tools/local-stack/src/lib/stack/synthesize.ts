import { spawn } from 'node:child_process';
import path from 'node:path';
import { LocalStackError } from '../errors';
import type { Logger } from '../logging/logger';

/** The dev stage's synthesized Terraform, relative to the workspace root. */
export const DEV_SYNTH_PATH = 'infra/cdktf.out/stacks/shop-dev/cdk.tf.json';

/**
 * Runs `nx run infra:synth`, which builds whatever bundle is missing or stale (Nx's cache skips
 * the rest) and synthesizes the Terraform. Output goes to the logger at debug level; on failure
 * the last lines are in the error. Aborting `signal` stops Nx.
 */
export async function synthesize(workspaceRoot: string, logger: Logger, signal?: AbortSignal): Promise<void> {
  const nx = path.join(workspaceRoot, 'node_modules', '.bin', 'nx');
  const started = Date.now();
  logger.info('building and synthesizing (nx run infra:synth)…');
  const lines: string[] = [];
  // `tsx --tsconfig` exports TSX_TSCONFIG_PATH, which would point infra's own tsx at the wrong file.
  const { TSX_TSCONFIG_PATH: _ours, ...environment } = process.env;
  const child = spawn(nx, ['run', 'infra:synth', '--outputStyle=stream'], {
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
  if (signal?.aborted) return;
  if (code !== 0) {
    throw new LocalStackError(`nx run infra:synth failed (exit code ${code}):\n${lines.slice(-30).join('\n')}`);
  }
  logger.info('synthesized', { seconds: ((Date.now() - started) / 1000).toFixed(1) });
}
