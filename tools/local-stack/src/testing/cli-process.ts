/** Runs `npm start`'s entry point (tools/local-stack/src/cli.ts) as a child process and reads its JSON log. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { forwardLines } from '@shop/tools-dynamodb-local';

const workspaceRoot = path.resolve(__dirname, '../../../..');
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');

export interface LogLine {
  readonly component: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: LogLine[];
  /** The first log line passing `test`, waiting for it up to `timeoutMs`. */
  next(test: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  /** Resolves with the exit code (or signal) once the process ended. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** Whether a process is alive. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The Jest run's environment without its DynamoDB Local: the stack starts its own, as `npm start` does. */
export function stackEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { AWS_ENDPOINT_URL_DYNAMODB: _endpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: _streams, ...environment } = process.env;
  return { ...environment, ...extra };
}

/** Starts the CLI with `args` (JSON logs); the caller ends it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = stackEnvironment()): CliProcess {
  const child = spawn(tsx, ['--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/cli.ts', '--log-format', 'json', ...args], { cwd: workspaceRoot, env });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const waiters: Array<() => void> = [];
  forwardLines(child.stdout, (line) => {
    raw.push(line);
    if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => raw.push(chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const next = async (test: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find(test);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) throw new Error(`Expected log line not seen. Output:\n${raw.join('\n').slice(-4000)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  };
  return { child, lines, next, exited };
}
