import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { E2eSupportError } from './errors';
import { workspaceRoot } from './workspace-root';

const run = promisify(execFile);

/**
 * `npm run dlq -- redrive --all --apply` against a running stack's state directory: what an
 * operator runs to deliver the DLQ's records through the consumer again. It runs without blocking
 * this process: a synchronous run of several seconds kept the HTTP client from retiring its idle
 * keep-alive sockets, which the API server had closed meanwhile ("other side closed" on the next
 * request).
 *
 * @example
 * await redriveAll(faulty.stateDirectory); // rejects with the tool's output unless it exits 0
 */
export async function redriveAll(stateDirectory: string): Promise<string> {
  const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await run(tsx, ['--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/dlq.ts', 'redrive', '--all', '--apply', '--state-dir', stateDirectory], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    throw new E2eSupportError(`npm run dlq -- redrive --all --apply exited with ${failed.code ?? failed.signal}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}
