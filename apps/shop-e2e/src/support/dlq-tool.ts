import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { E2eSupportError } from './errors';
import { workspaceRoot } from './stack-process';

/**
 * `npm run dlq -- redrive --all --apply` against a running stack's state directory: what an
 * operator runs to deliver the DLQ's records through the consumer again.
 *
 * @example
 * redriveAll(faulty.stateDirectory); // throws with the tool's output unless it exits 0
 */
export function redriveAll(stateDirectory: string): string {
  const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, ['--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/dlq.ts', 'redrive', '--all', '--apply', '--state-dir', stateDirectory], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new E2eSupportError(`npm run dlq -- redrive --all --apply exited with ${run.status ?? run.signal}:\n${output}`);
  return output;
}
