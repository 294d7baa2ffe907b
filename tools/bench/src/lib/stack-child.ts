import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalIssuer, type StackFile } from '@shop/tools-local-stack';
import { BenchStackError } from './errors';

export const workspaceRoot = path.resolve(__dirname, '../../../..');

export interface StackChildOptions {
  /** Use this DynamoDB Local (the benchmark's own, shared with its baselines). */
  readonly dynamodbEndpoint: string;
  readonly iam?: 'enforce' | 'warn' | 'off';
  readonly pollIntervalMs?: number;
  /** Default warn: a log line per request would be measured too, and it is not part of the system. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Another synthesized stack (e.g. a what-if copy of the dev synth); default the dev synth. */
  readonly synthPath?: string;
}

/**
 * The local stack as `npm start -- --skip-build` runs it, in a child process of its own (the load
 * generator must not share its event loop), on the benchmark's DynamoDB Local.
 *
 * @example
 * const stack = await StackChild.start({ dynamodbEndpoint: ddb.endpoint });
 * await fetch(`${stack.file.apiUrl}/products/p%231`);
 * await stack.stop();
 */
export class StackChild {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly stateDirectory: string,
    private readonly exited: Promise<number | null>,
    private fileValue?: StackFile,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = `${this.output}${chunk.toString('utf8')}`.slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(options: StackChildOptions): Promise<StackChild> {
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-bench-'));
    const args = [
      '--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/cli.ts',
      '--skip-build', '--log-format', 'json', '--port', '0',
      '--state-dir', stateDirectory,
      '--dynamodb-endpoint', options.dynamodbEndpoint,
      '--iam', options.iam ?? 'enforce',
      '--log-level', options.logLevel ?? 'warn',
      ...(options.pollIntervalMs === undefined ? [] : ['--poll-interval-ms', String(options.pollIntervalMs)]),
      ...(options.synthPath === undefined ? [] : ['--synth', options.synthPath]),
    ];
    const { AWS_ENDPOINT_URL_DYNAMODB: _a, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: _b, ...env } = process.env;
    const environment = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('LOCAL_STACK_FAULT_')));
    const child = spawn(path.join(workspaceRoot, 'node_modules', '.bin', 'tsx'), args, { cwd: workspaceRoot, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stack = new StackChild(child, stateDirectory, exited);
    const startedAt = Date.now();
    for (;;) {
      const file = stack.readFreshStackFile(startedAt);
      if (file) {
        stack.fileValue = file;
        return stack;
      }
      if (child.exitCode !== null) throw new BenchStackError(`the stack exited with ${child.exitCode} before it was ready`, stack.output);
      if (Date.now() - startedAt > 120_000) {
        child.kill('SIGKILL');
        throw new BenchStackError('the stack was not ready within 120 s', stack.output);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** `.local/stack.json` of this stack. */
  get file(): StackFile & { readonly apiUrl: string } {
    const file = this.fileValue;
    if (!file?.apiUrl) throw new BenchStackError('the stack serves no API', this.output);
    return { ...file, apiUrl: file.apiUrl };
  }

  /**
   * `{ authorization: 'Bearer …' }` with a token of the stack's local issuer holding every scope
   * its routes require, valid for a day (longer than any benchmark); empty when no route has an
   * authorizer. The authorizer's check is part of what the benchmarks measure, as on AWS.
   */
  async authorization(): Promise<Record<string, string>> {
    const auth = this.file.auth;
    if (!auth) return {};
    const token = await LocalIssuer.load(auth.issuer, auth.signingKeyFile).sign({ subject: 'bench', scopes: auth.scopes, audience: auth.audience[0] as string, expiresInSeconds: 86_400 });
    return { authorization: `Bearer ${token}` };
  }

  /** The stack's last output (for error messages). */
  tail(): string {
    return this.output.slice(-4_000);
  }

  /** SIGTERM, then waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([this.exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, 30_000, 'timeout')))]).finally(() => clearTimeout(timer));
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      throw new BenchStackError('the stack did not stop within 30 s of SIGTERM', this.output);
    }
  }

  private readFreshStackFile(since: number): StackFile | undefined {
    try {
      const file = JSON.parse(readFileSync(path.join(this.stateDirectory, 'stack.json'), 'utf8')) as StackFile;
      return Date.parse(file.startedAt) >= since ? file : undefined;
    } catch {
      return undefined;
    }
  }
}
