import { FailureKind, type FunctionInvoker, type InvocationResult } from '../lambda/invocation';
import { sleep } from '../sleep';
import type { FaultCounters } from './fault-counters';
import type { FaultSettings } from './fault-settings';

/** The error type of an invocation failed on purpose (the handler never ran). */
export const INJECTED_FAULT_ERROR_TYPE = 'LocalStack.InjectedFault';

/**
 * Wraps a mapping's invoker with the invocation faults of {@link FaultSettings}, in this order:
 * the delay, the failure draw (the handler does not run), then the duplicate delivery (the
 * handler runs twice with the same event; the second outcome counts, as a redelivery's would).
 *
 * @example
 * const invoker = new FaultInjectingInvoker(fn, { ...NO_FAULTS, failRate: 0.2 }, counters, seededRandom(7));
 */
export class FaultInjectingInvoker implements FunctionInvoker {
  constructor(
    private readonly inner: FunctionInvoker,
    private readonly settings: FaultSettings,
    private readonly counters: FaultCounters,
    private readonly random: () => number = Math.random,
  ) {}

  get functionName(): string {
    return this.inner.functionName;
  }

  get functionArn(): string {
    return this.inner.functionArn;
  }

  async invoke(event: unknown): Promise<InvocationResult> {
    const { delayMs, failRate, duplicateBatches } = this.settings;
    if (delayMs > 0) {
      this.counters.increment('delayedInvocations');
      await sleep(delayMs);
    }
    if (failRate > 0 && this.random() < failRate) {
      this.counters.increment('injectedFailures');
      return {
        ok: false,
        kind: FailureKind.Unhandled,
        error: { errorType: INJECTED_FAULT_ERROR_TYPE, errorMessage: `Failed on purpose before the handler ran (--fault-fail-rate ${failRate})`, trace: [] },
        requestId: `injected-${Date.now().toString(36)}`,
        durationMs: 0,
        coldStart: false,
      };
    }
    const first = await this.inner.invoke(event);
    if (!duplicateBatches || !first.ok) return first;
    this.counters.increment('duplicatedBatches');
    return this.inner.invoke(event);
  }
}
