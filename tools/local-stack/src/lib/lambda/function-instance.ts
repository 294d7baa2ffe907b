import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { forwardLines } from '@shop/tools-dynamodb-local';
import type { FunctionLogLine } from '../logging/function-log';
import type { LogLevel } from '../logging/logger';
import { attachedJson, FailureKind, type LambdaError } from './invocation';

/** What a worker needs to load and describe one function. */
export interface InstanceSpec {
  readonly functionName: string;
  readonly functionArn: string;
  readonly handler: string;
  readonly codeDirectory: string;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
}

export type InstanceOutcome =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly kind: FailureKind; readonly error: LambdaError };

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: LambdaError }
  | { type: 'result'; id: number; ok: true; payload: string }
  | { type: 'result'; id: number; ok: false; error: LambdaError };

/** The lowest level of the function's lines to pass on (see log-filter.cjs); `none`: pass on nothing. */
export type ForwardLogsFrom = LogLevel | 'none';
const LOG_THRESHOLD: Readonly<Record<ForwardLogsFrom, number>> = { debug: 0, info: 20, warn: 30, error: 40, none: 1000 };

/** Young generation of an instance's heap (V8 splits it into semi-spaces). */
const YOUNG_GENERATION_MB = 16;
const INIT_TIMEOUT_MS = 10_000; // Lambda's limit for the init phase of an on-demand instance
const WORKER_SCRIPT = path.join(__dirname, 'runtime-worker.cjs');

/**
 * One execution environment of a function: a worker thread holding the loaded handler. It serves
 * one invocation at a time; after a timeout or a crash it is gone, like a Lambda sandbox that
 * gets reset, and the next invocation starts a fresh one (a cold start).
 */
export class FunctionInstance {
  private nextId = 1;
  private pending: { id: number; settle: (outcome: InstanceOutcome) => void } | undefined;
  private dead = false;
  private currentRequestId: string | undefined;

  private constructor(
    private readonly spec: InstanceSpec,
    private readonly worker: Worker,
  ) {}

  /**
   * Starts a worker and waits for its handler to load. An init failure is returned, not thrown.
   * Lines the stack would not log below `forwardLogsFrom` are dropped inside the worker.
   */
  static start(spec: InstanceSpec, onLog: (line: FunctionLogLine) => void, forwardLogsFrom: ForwardLogsFrom = 'debug'): Promise<FunctionInstance | InstanceOutcome> {
    const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const worker = new Worker(WORKER_SCRIPT, {
      env: { ...spec.environment, AWS_LAMBDA_LOG_STREAM_NAME: logStreamName },
      workerData: {
        codeDirectory: spec.codeDirectory,
        handler: spec.handler,
        functionName: spec.functionName,
        functionArn: spec.functionArn,
        memorySizeMb: spec.memorySizeMb,
        logGroupName: `/aws/lambda/${spec.functionName}`,
        logStreamName,
        logThreshold: LOG_THRESHOLD[forwardLogsFrom],
      },
      stdout: true,
      stderr: true,
      // The function's memory setting caps its heap, so a leak fails here as it would on Lambda. The
      // young generation is bounded too: left to itself V8 grows it under a steady request rate and
      // keeps the memory, ~25 MB more per instance over a few minutes, though nothing leaks.
      resourceLimits: { maxOldGenerationSizeMb: spec.memorySizeMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const instance = new FunctionInstance(spec, worker);
    forwardLines(worker.stdout, (line) => onLog({ functionName: spec.functionName, requestId: instance.currentRequestId, stream: 'stdout', line }));
    forwardLines(worker.stderr, (line) => onLog({ functionName: spec.functionName, requestId: instance.currentRequestId, stream: 'stderr', line }));

    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void instance.terminate();
        resolve(failure(FailureKind.InitError, 'Runtime.InitTimeout', `Init of ${spec.functionName} did not finish within ${INIT_TIMEOUT_MS / 1000} s`));
      }, INIT_TIMEOUT_MS);
      worker.on('message', (message: WorkerMessage) => instance.onMessage(message, resolve, timer));
      worker.on('error', (error) => instance.onCrash(error, resolve, timer));
      worker.on('exit', (code) => instance.onCrash(new Error(`The runtime exited with code ${code}`), resolve, timer));
    });
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Runs one invocation; `deadlineMs` is the epoch time the function's timeout ends. */
  invoke(event: unknown, context: { requestId: string; deadlineMs: number; traceId: string }): Promise<InstanceOutcome> {
    if (this.dead || this.pending) throw new Error(`Instance of ${this.spec.functionName} is not available`);
    const id = this.nextId++;
    this.currentRequestId = context.requestId;
    return new Promise((resolve) => {
      this.pending = { id, settle: resolve };
      const eventJson = attachedJson(event);
      this.worker.postMessage(eventJson === undefined ? { type: 'invoke', id, event, context } : { type: 'invoke', id, eventJson, context });
    });
  }

  /** Ends the worker; a pending invocation resolves with `outcome` (e.g. a timeout). */
  async terminate(outcome?: InstanceOutcome): Promise<void> {
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) pending.settle(outcome ?? failure(FailureKind.Crash, 'Runtime.ExitError', 'The runtime was stopped'));
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage, resolveStart: (value: FunctionInstance | InstanceOutcome) => void, timer: NodeJS.Timeout): void {
    if (message.type === 'ready') {
      clearTimeout(timer);
      resolveStart(this);
    } else if (message.type === 'init-error') {
      clearTimeout(timer);
      void this.terminate();
      resolveStart({ ok: false, kind: FailureKind.InitError, error: message.error });
    } else if (this.pending?.id === message.id) {
      const { settle } = this.pending;
      this.pending = undefined;
      // currentRequestId stays: the worker's stdout can arrive after its result message.
      settle(message.ok ? { ok: true, payload: JSON.parse(message.payload) } : { ok: false, kind: FailureKind.Unhandled, error: message.error });
    }
  }

  private onCrash(error: Error, resolveStart: (value: FunctionInstance | InstanceOutcome) => void, timer: NodeJS.Timeout): void {
    if (this.dead) return;
    clearTimeout(timer);
    this.dead = true;
    const outcome = failure(FailureKind.Crash, crashType(error), `${error.name}: ${error.message}`);
    resolveStart(outcome); // no-op once started
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle(outcome);
    void this.worker.terminate();
  }
}

/** Lambda reports a runtime that died (an error thrown outside the handler's promise, an exit) as an ExitError. */
function crashType(error: Error & { code?: string }): string {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
}

export function failure(kind: FailureKind, errorType: string, errorMessage: string): InstanceOutcome {
  return { ok: false, kind, error: { errorType, errorMessage, trace: [] } };
}

