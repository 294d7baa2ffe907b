import { randomUUID } from 'node:crypto';
import { randomHex } from '../random-ids';
import type { FunctionLogLine } from '../logging/function-log';
import { failure, FunctionInstance, type ForwardLogsFrom, type InstanceOutcome, type InstanceSpec } from './function-instance';
import { FailureKind, type FunctionInvoker, type InvocationResult } from './invocation';

/** A function ready to run: its code unpacked, its environment complete. */
export interface RunnableFunction extends InstanceSpec {
  readonly timeoutSeconds: number;
  /** At most this many instances run at once; further invocations wait. */
  readonly maxInstances: number;
}

export interface LocalFunctionOptions {
  /** Every line the function prints, tagged with its request id. */
  readonly onLog?: (line: FunctionLogLine) => void;
  /**
   * Lines that `logFunctionLine` would log below this level are dropped in the function's worker,
   * unparsed (default `debug`: every line reaches `onLog`; `none`: no line does).
   */
  readonly forwardLogsFrom?: ForwardLogsFrom;
}

/**
 * A Lambda function run in-process from its built bundle. Each instance is a worker thread with
 * the function's own environment and module scope (handlers read env at init, and two functions
 * must not see each other's), serving one invocation at a time; concurrent invocations get
 * more instances, up to `maxInstances`. The synthesized timeout is enforced by ending the
 * instance, as Lambda does, and the next invocation starts cold.
 *
 * @example
 * const fn = new LocalFunction(runnable, { onLog: (l) => console.log(l.line) });
 * const result = await fn.invoke({ Records: [] });
 * await fn.stop();
 */
export class LocalFunction implements FunctionInvoker {
  private readonly idle: FunctionInstance[] = [];
  private readonly busy = new Set<FunctionInstance>();
  private readonly waiting: Array<() => void> = [];
  private starting = 0;
  private stopped = false;
  private coldStarts = 0;

  constructor(
    readonly definition: RunnableFunction,
    private readonly options: LocalFunctionOptions = {},
  ) {}

  get functionName(): string {
    return this.definition.functionName;
  }

  get functionArn(): string {
    return this.definition.functionArn;
  }

  /** How many instances were started so far (each one a cold start). */
  get coldStartCount(): number {
    return this.coldStarts;
  }

  /** Invokes synchronously (RequestResponse), as an event source mapping or API Gateway does. */
  async invoke(event: unknown): Promise<InvocationResult> {
    const requestId = randomUUID();
    const started = Date.now();
    const finish = (outcome: InstanceOutcome, coldStart: boolean): InvocationResult => ({ ...outcome, requestId, durationMs: Date.now() - started, coldStart });
    if (this.stopped) return finish(failure(FailureKind.Crash, 'Runtime.ExitError', `${this.functionName} is stopped`), false);

    const { instance, coldStart } = await this.acquire();
    if (!(instance instanceof FunctionInstance)) return finish(instance, coldStart);
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    const timer = setTimeout(() => {
      void instance.terminate(failure(FailureKind.Timeout, 'Sandbox.Timedout', `Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`));
    }, timeoutMs);
    try {
      const outcome = await instance.invoke(event, { requestId, deadlineMs: Date.now() + timeoutMs, traceId: traceHeader() });
      return finish(outcome, coldStart);
    } finally {
      clearTimeout(timer);
      this.release(instance);
    }
  }

  /**
   * Starts up to `count` instances before anything invokes the function (within `maxInstances`),
   * as an instance that served a request before stays warm: the first invocations skip the init.
   * Resolves once every start has ended, with the init failures (each instance that failed is
   * dropped, and the next invocation inits again and reports its failure as Lambda does).
   */
  async prewarm(count = 1): Promise<InstanceOutcome[]> {
    const room = this.definition.maxInstances - this.busy.size - this.starting - this.idle.length;
    const failures: InstanceOutcome[] = [];
    await Promise.all(
      Array.from({ length: Math.max(0, Math.min(count, room)) }, async () => {
        if (this.stopped) return;
        this.starting++;
        this.coldStarts++;
        const started = await this.startInstance().finally(() => this.starting--);
        if (!(started instanceof FunctionInstance)) failures.push(started);
        else if (this.stopped) await started.terminate();
        else this.idle.push(started);
        this.wakeOne();
      }),
    );
    return failures;
  }

  /** Ends every instance; invocations still waiting for one fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.waiting.splice(0)) wake();
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((instance) => instance.terminate()));
  }

  private async acquire(): Promise<{ instance: FunctionInstance | InstanceOutcome; coldStart: boolean }> {
    for (;;) {
      if (this.stopped) return { instance: failure(FailureKind.Crash, 'Runtime.ExitError', `${this.functionName} is stopped`), coldStart: false };
      const warm = this.idle.pop();
      if (warm?.alive) {
        this.busy.add(warm);
        return { instance: warm, coldStart: false };
      }
      if (warm) continue; // died while idle
      if (this.busy.size + this.starting < this.definition.maxInstances) {
        this.starting++;
        this.coldStarts++;
        const started = await this.startInstance().finally(() => this.starting--);
        if (started instanceof FunctionInstance) {
          if (this.stopped) {
            await started.terminate();
            continue;
          }
          this.busy.add(started);
        } else {
          this.wakeOne(); // the slot this start held is free again
        }
        return { instance: started, coldStart: true };
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private startInstance(): Promise<FunctionInstance | InstanceOutcome> {
    return FunctionInstance.start(this.definition, (line) => this.options.onLog?.(line), this.options.onLog ? (this.options.forwardLogsFrom ?? 'debug') : 'none');
  }

  private release(instance: FunctionInstance): void {
    this.busy.delete(instance);
    if (instance.alive && !this.stopped) this.idle.push(instance);
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}

/** An X-Ray trace header that is not sampled, so SDKs that trace send nothing. */
function traceHeader(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epoch}-${randomHex(12)};Parent=${randomHex(8)};Sampled=0`;
}
