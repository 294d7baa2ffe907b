import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { emulatorDirectory } from './emulator';
import { forwardLines } from './lines';
import { DynamoDbLocalStartError } from './errors';
import { assertJava, javaBinary } from './java';

export interface DynamoDbLocalOptions {
  /** TCP port; a free one is chosen when omitted. */
  readonly port?: number;
  /** Keep data in this folder (`-dbPath`); in memory when omitted. */
  readonly dbPath?: string;
  /** How long to wait for the first answer. Default 30 s (a cold JVM on 2 cores needs ~2-4 s). */
  readonly startTimeoutMs?: number;
  /** Receives DynamoDB Local's own output, line by line. */
  readonly onOutput?: (line: string) => void;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id. */
  readonly javaPid: number;
  readonly dbPath: string | undefined;
  /** DynamoDB Local's version (`3.3.1`), as its shipped release notes name it. */
  readonly version: string;
  /** Stops the JVM and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Credentials and region DynamoDB Local accepts; any non-empty values do with `-sharedDb`. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/**
 * Starts Amazon's DynamoDB Local on a free port and resolves once it answers ListTables.
 *
 * The JVM runs under a small bash watchdog that holds a pipe from this process: when the pipe
 * closes (stop(), or this process dies, even by SIGKILL) the watchdog terminates the JVM, so no
 * JVM outlives its owner.
 *
 * @example
 * const ddb = await startDynamoDbLocal();
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
 * // ...
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = javaBinary();
  assertJava(java);
  const { dir: emulator, version } = emulatorDirectory();
  const port = options.port ?? (await freePort());
  // A JVM that cannot bind may keep running, and a ListTables probe would then reach whoever
  // holds the port: refuse a taken port up front.
  if (!(await isPortFree(port))) {
    throw new DynamoDbLocalStartError(`Port ${port} on 127.0.0.1 is already in use; choose another or omit the port.`, '');
  }
  const storage = options.dbPath ? ['-dbPath', path.resolve(options.dbPath)] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });

  const javaArgs = [
    '-Xms64m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${path.join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(emulator, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
  ];
  // $1 is java, the rest its arguments. The watchdog subshell waits for EOF on our pipe (fd 3:
  // bash gives background jobs /dev/null as stdin, so the pipe is duplicated first).
  const script = [
    'exec 3<&0',
    '"$@" </dev/null 3<&- &',
    'jpid=$!',
    'echo "DYNAMODB_LOCAL_JAVA_PID=$jpid" >&2',
    '( cat <&3 >/dev/null; kill -TERM "$jpid" 2>/dev/null ) &',
    'wait "$jpid"',
  ].join('\n');
  const child = spawn('bash', ['-c', script, 'dynamodb-local', java, ...javaArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: emulator,
  });

  let output = '';
  let javaPid = 0;
  const onLine = (line: string): void => {
    const pidMatch = /^DYNAMODB_LOCAL_JAVA_PID=(\d+)$/.exec(line);
    if (pidMatch) {
      javaPid = Number(pidMatch[1]);
      return;
    }
    output += `${line}\n`;
    options.onOutput?.(line);
  };
  forwardLines(child.stdout, onLine);
  forwardLines(child.stderr, onLine);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    for (;;) {
      if (exitCode !== undefined) {
        throw new DynamoDbLocalStartError(`DynamoDB Local exited with code ${exitCode} while starting on port ${port}.`, output);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new DynamoDbLocalStartError(`DynamoDB Local did not answer on ${endpoint} within the start timeout.`, output, { cause: error });
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stopChild(child, () => javaPid, exited);
    throw error;
  } finally {
    client.destroy();
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    javaPid,
    dbPath: options.dbPath,
    version,
    stop: () => (stopping ??= stopChild(child, () => javaPid, exited)),
  };
}

async function stopChild(
  child: ChildProcessByStdio<Writable, Readable, Readable>,
  javaPid: () => number,
  exited: Promise<number | null>,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin.end(); // the watchdog sees EOF and sends SIGTERM to the JVM
  const killTimer = setTimeout(() => {
    const pid = javaPid();
    if (pid) tryKill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }, 5000);
  await exited;
  clearTimeout(killTimer);
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
