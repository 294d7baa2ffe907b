/** Runs `npm start`'s entry point (tools/local-stack/src/cli.ts) as a child process and reads its JSON log. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { forwardLines } from '@shop/tools-dynamodb-local';
import { spawnStackCli, stackEnvironment } from '../lib/child/stack-cli';

export { isRunning } from '../lib/child/stack-cli';

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

/** Starts the CLI with `args` (JSON logs); the caller ends it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = stackEnvironment()): CliProcess {
  const child = spawnStackCli(['--log-format', 'json', ...args], { env });
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
