import type { StackFileAuth } from '../auth/api-authorization';

/** The fault injection of the event source mapping emulator and of DynamoDB's answers (`--fault-*`). */
export interface StackFaults {
  /** Deliver every batch twice. */
  readonly duplicateBatches?: boolean;
  /** Fail this fraction (0..1) of invocations. */
  readonly failRate?: number;
  /** Delay every invocation by this many milliseconds. */
  readonly delayMs?: number;
  /** Drop the connection to DynamoDB Local every N requests. */
  readonly dropConnectionEvery?: number;
  /** `--fault-dynamodb` rules (`function=…,operation=…,error=…,rate=…` or `…,delay-ms=…`), one flag each. */
  readonly dynamodb?: readonly string[];
  /** Seeds every fault draw. */
  readonly seed?: number;
}

/** How {@link StackProcess} runs `npm start`: each option is the CLI flag of the same name. */
export interface StackProcessOptions {
  /** `--state-dir`: stack.json, the unpacked functions, the DLQ, metrics.json, and the process's `stack.log`. */
  readonly stateDirectory: string;
  /** HTTP port; 0 (default) picks a free one. Give a fixed one to keep the URL across restarts. */
  readonly port?: number;
  readonly pollIntervalMs?: number;
  /** `--persist DIR`: DynamoDB Local's data and the pollers' checkpoints survive a restart. */
  readonly persistDirectory?: string;
  /** Use this DynamoDB Local instead of starting one. */
  readonly dynamodbEndpoint?: string;
  /** Another synthesized stack (e.g. a what-if copy of the dev synth); default the dev synth. */
  readonly synthPath?: string;
  readonly faults?: StackFaults;
  readonly iam?: 'enforce' | 'warn' | 'off';
  /** Default info, as `npm start`. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long to wait for the stack to be ready. Default 120 s (a JVM and tsx on 2 loaded cores). */
  readonly readyTimeoutMs?: number;
}

/** A log line of the stack (`--log-format json`). */
export interface StackLogLine {
  readonly time: string;
  readonly level: string;
  readonly component: string;
  readonly message: string;
  readonly [key: string]: unknown;
}

/** Where a running stack can be reached: its `stack.json`, checked complete, and its processes. */
export interface StackEndpoints {
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: { readonly products: string; readonly orders: string; readonly replenishment: string };
  readonly dlqDirectory: string;
  /** Function name → the DynamoDB endpoint its clients use (stack.json's `functions`). */
  readonly functionEndpoints: Readonly<Record<string, string>>;
  /** The local issuer the API's JWT authorizer trusts (stack.json's `auth`). */
  readonly auth: StackFileAuth | undefined;
  /** The node process that runs the stack (not the tsx wrapper): what `kill -9` must hit. */
  readonly pid: number;
  /** DynamoDB Local's JVM, when the stack started it (known from its info-level log line). */
  readonly javaPid: number | undefined;
}

/** Command-line arguments of `npm start` for these options (JSON logs, no build). */
export function stackArguments(options: StackProcessOptions): string[] {
  const { faults = {} } = options;
  return [
    '--skip-build',
    '--log-format', 'json',
    '--state-dir', options.stateDirectory,
    '--port', String(options.port ?? 0),
    '--log-level', options.logLevel ?? 'info',
    ...(options.pollIntervalMs !== undefined ? ['--poll-interval-ms', String(options.pollIntervalMs)] : []),
    ...(options.persistDirectory !== undefined ? ['--persist', options.persistDirectory] : []),
    ...(options.dynamodbEndpoint !== undefined ? ['--dynamodb-endpoint', options.dynamodbEndpoint] : []),
    ...(options.synthPath !== undefined ? ['--synth', options.synthPath] : []),
    ...(options.iam !== undefined ? ['--iam', options.iam] : []),
    ...(faults.duplicateBatches ? ['--fault-duplicate-batches'] : []),
    ...(faults.failRate !== undefined ? ['--fault-fail-rate', String(faults.failRate)] : []),
    ...(faults.delayMs !== undefined ? ['--fault-delay-ms', String(faults.delayMs)] : []),
    ...(faults.dropConnectionEvery !== undefined ? ['--fault-drop-connection-every', String(faults.dropConnectionEvery)] : []),
    ...(faults.dynamodb ?? []).flatMap((rule) => ['--fault-dynamodb', rule]),
    ...(faults.seed !== undefined ? ['--fault-seed', String(faults.seed)] : []),
  ];
}
