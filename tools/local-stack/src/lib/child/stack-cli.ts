/**
 * `npm start`'s entry point (tools/local-stack/src/cli.ts) as a child process. Alias-free (Node
 * builtins and relative imports only): Jest global setups load it, where workspace aliases do not
 * resolve.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../../../..');
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');

/**
 * This process's environment without a DynamoDB endpoint (the stack starts or is given its own)
 * and without LOCAL_STACK_FAULT_* variables (faults are injected only when asked), plus `extra`.
 */
export function stackEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { AWS_ENDPOINT_URL_DYNAMODB: _endpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: _streams, AWS_ENDPOINT_URL: _any, ...environment } = process.env;
  const withoutFaults = Object.fromEntries(Object.entries(environment).filter(([name]) => !name.startsWith('LOCAL_STACK_FAULT_')));
  return { ...withoutFaults, ...extra };
}

/**
 * Spawns `tsx tools/local-stack/src/cli.ts …args` from the workspace root, as `npm start -- …args`
 * runs it. `detached` puts it in its own process group, so everything it started can be killed
 * at once.
 *
 * @example
 * const child = spawnStackCli(['--skip-build', '--log-format', 'json', '--port', '0'], { env: stackEnvironment() });
 */
export function spawnStackCli(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly detached?: boolean } = {}): ChildProcessWithoutNullStreams {
  // The semi-space cap as `npm start` runs it (package.json), so memory stays flat under steady load.
  return spawn(tsx, ['--max-semi-space-size=8', '--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/cli.ts', ...args], {
    cwd: workspaceRoot,
    env: options.env ?? stackEnvironment(),
    detached: options.detached ?? false,
  });
}

/** Whether a process is alive: it exists (signal 0) and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; Z is a zombie (dead, not yet reaped by its parent).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs: signal 0 is all we can know
  }
}

/** Resolves once `condition()` holds, polling every 50 ms; rejects with `fail()` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, fail: () => Error): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw fail();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
