import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { STACK_FILE_NAME } from '../constants';
import { StackProcessError } from '../errors';
import type { StackFile } from '../stack/stack-file';
import { isRunning, spawnStackCli, stackEnvironment, waitFor } from './stack-cli';
import { stackArguments, type StackEndpoints, type StackLogLine, type StackProcessOptions } from './stack-process-options';

const MAX_KEPT_LINES = 5000;

/**
 * The local stack run exactly as a developer runs it (`npm start -- --skip-build …`), as a child
 * process: its own event loop and JVM, JSON logs parsed line by line (and kept in
 * `<stateDirectory>/stack.log`), stopped with SIGTERM or killed with SIGKILL like a crash.
 *
 * Alias-free, like everything it imports: Jest global setups load it (see `src/jest/`).
 *
 * @example
 * const stack = await StackProcess.start({ stateDirectory: mkdtempSync('/tmp/e2e-') });
 * await fetch(`${stack.endpoints.apiUrl}/products/p%231`);
 * await stack.stop();
 */
export class StackProcess {
  private readonly lines: StackLogLine[] = [];
  private readonly raw: string[] = [];
  private exited: Promise<number | null>;
  private readonly spawnedAt = Date.now();

  private constructor(
    readonly options: StackProcessOptions,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly log: WriteStream,
    private endpointsValue?: StackEndpoints,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        this.keep(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      this.remember(chunk.trimEnd());
    });
  }

  /** Starts the stack and resolves once it printed `ready`; a stack that exits first is an error with its output. */
  static async start(options: StackProcessOptions): Promise<StackProcess> {
    // Its own process group, so a stack that never got ready can be killed with everything it started.
    const child = spawnStackCli(stackArguments(options), { env: stackEnvironment(), detached: true });
    const log = createWriteStream(path.join(options.stateDirectory, 'stack.log'), { flags: 'a' });
    const stack = new StackProcess(options, child, log);
    try {
      await stack.waitForReady(options.readyTimeoutMs ?? 120_000);
    } catch (error) {
      await stack.kill();
      throw error;
    }
    return stack;
  }

  /** Starts the stack again with the same options (same port, state and persist directories). */
  async restart(): Promise<StackProcess> {
    if (this.child.exitCode === null && this.child.signalCode === null) await this.stop();
    return StackProcess.start(this.options);
  }

  get endpoints(): StackEndpoints {
    if (!this.endpointsValue) throw new StackProcessError('the stack is not ready', this.tail());
    return this.endpointsValue;
  }

  /** Every JSON log line so far (kept up to the last few hundred). */
  logLines(): readonly StackLogLine[] {
    return this.lines;
  }

  /** The last lines of output, for error messages. */
  tail(lines = 60): string {
    return this.raw.slice(-lines).join('\n');
  }

  /**
   * SIGTERM, as Ctrl-C does: resolves with the exit code once the process (and its JVM) is gone.
   * The signal goes to the node process that runs the stack when it is known, not to the tsx
   * wrapper: tsx's relaying of SIGTERM sometimes ended tsx itself with 143 while the stack was
   * still shutting down cleanly (seen in a fresh-clone CI run).
   */
  async stop(timeoutMs = 30_000): Promise<number | null> {
    const pid = this.endpointsValue?.pid;
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGTERM');
    else this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([this.exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout')))]).finally(() => clearTimeout(timer));
    if (code === 'timeout') {
      await this.kill();
      throw new StackProcessError(`the stack did not stop within ${timeoutMs} ms of SIGTERM`, this.tail());
    }
    await this.waitForJvmExit();
    this.log.end();
    return code;
  }

  /**
   * `kill -9` of the process that runs the stack: no shutdown code runs; its JVM is ended by the
   * launcher's watchdog. Before the stack is ready its pid is unknown: the whole process group
   * (tsx, the stack, DynamoDB Local) is killed instead. Resolves once they are gone.
   */
  async kill(): Promise<void> {
    const pid = this.endpointsValue?.pid;
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    else if (this.child.pid !== undefined) killGroup(this.child.pid);
    await this.exited;
    if (pid !== undefined) await waitFor(() => !isRunning(pid), 10_000, () => new StackProcessError(`stack process ${pid} did not end`, this.tail()));
    await this.waitForJvmExit();
    this.log.end();
  }

  private async waitForJvmExit(): Promise<void> {
    const javaPid = this.endpointsValue?.javaPid;
    // The launcher's watchdog ends the JVM when its owner's pipe closes, also after SIGKILL.
    if (javaPid !== undefined) await waitFor(() => !isRunning(javaPid), 20_000, () => new StackProcessError(`DynamoDB Local (pid ${javaPid}) did not end`, this.tail()));
  }

  /**
   * Ready once `stack.json` is written by this start (the stack writes it when everything runs;
   * one left by a killed predecessor is older), so it works at any log level.
   */
  private async waitForReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let file: StackFile | undefined;
    while (!(file = this.freshStackFile())) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new StackProcessError(`the stack exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready`, this.tail());
      if (Date.now() > deadline) throw new StackProcessError(`the stack was not ready within ${timeoutMs} ms`, this.tail());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ddbUp = [...this.lines].reverse().find((l) => l.component === 'ddb' && l.message === 'DynamoDB Local is up');
    const tables = file.tables as Record<string, string | undefined>;
    const products = tables['products'];
    const orders = tables['orders'];
    const replenishment = tables['replenishment'];
    if (!file.apiUrl || !products || !orders || !replenishment || !file.dlq) {
      throw new StackProcessError(`stack.json lacks the API, a table or the DLQ: ${JSON.stringify(file)}`, this.tail());
    }
    this.endpointsValue = {
      apiUrl: file.apiUrl,
      dynamodbEndpoint: file.dynamodbEndpoint,
      region: file.region,
      tables: { products, orders, replenishment },
      dlqDirectory: file.dlq.directory,
      functionEndpoints: Object.fromEntries(Object.entries(file.functions).map(([name, { dynamodbEndpoint }]) => [name, dynamodbEndpoint])),
      auth: file.auth,
      pid: file.pid,
      javaPid: this.options.dynamodbEndpoint === undefined && typeof ddbUp?.['javaPid'] === 'number' ? ddbUp['javaPid'] : undefined,
    };
  }

  private freshStackFile(): StackFile | undefined {
    try {
      const file = JSON.parse(readFileSync(path.join(this.options.stateDirectory, STACK_FILE_NAME), 'utf8')) as StackFile;
      return Date.parse(file.startedAt) >= this.spawnedAt && isRunning(file.pid) ? file : undefined;
    } catch {
      return undefined; // not written yet (it is replaced atomically, never torn)
    }
  }

  private keep(line: string): void {
    this.remember(line);
    if (!line.startsWith('{')) return;
    try {
      this.lines.push(JSON.parse(line) as StackLogLine);
      if (this.lines.length > MAX_KEPT_LINES * 2) this.lines.splice(0, this.lines.length - MAX_KEPT_LINES);
    } catch {
      // a partial or foreign line: it is in the raw tail and the log file
    }
  }

  private remember(line: string): void {
    this.raw.push(line);
    if (this.raw.length > MAX_KEPT_LINES * 2) this.raw.splice(0, this.raw.length - MAX_KEPT_LINES);
  }
}

function killGroup(leaderPid: number): void {
  try {
    process.kill(-leaderPid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
