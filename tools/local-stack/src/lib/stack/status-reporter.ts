import type { MappingStatus } from '../esm/mapping-poller';
import type { Logger } from '../logging/logger';
import type { TerminalSink } from '../logging/terminal-sink';

/**
 * One line per mapping, AWS's metrics in short: records in (PolledEventCount), filtered
 * (FilteredOutEventCount), invoked (InvokedEventCount, with the calls and failed calls), failed
 * (FailedInvokeEventCount), dropped (DroppedEventCount), dlq
 * (OnFailureDestinationDeliveredEventCount) and the IteratorAge; then a problem, and the faults
 * injected when there are any. A failed mapping shows its problem instead.
 */
export function formatStatus(statuses: readonly MappingStatus[]): string {
  return statuses
    .map((status) => {
      const { counts, IteratorAge, Invocations, Errors } = status.metrics;
      if (status.state === 'failed') return `⇄ ${status.functionName}: FAILED ${status.problem ?? ''}`.trimEnd();
      if (status.state !== 'polling') return `⇄ ${status.functionName}: ${status.state}`;
      const faults = status.faults;
      return (
        `⇄ ${status.functionName}: in ${counts.PolledEventCount} · filtered ${counts.FilteredOutEventCount} · ` +
        `invoked ${counts.InvokedEventCount} (${Invocations} calls, ${Errors} failed) · failed ${counts.FailedInvokeEventCount} · ` +
        `dropped ${counts.DroppedEventCount} · dlq ${counts.OnFailureDestinationDeliveredEventCount} · ` +
        `age ${IteratorAge < 1000 ? `${IteratorAge} ms` : `${(IteratorAge / 1000).toFixed(1)} s`}` +
        (status.problem ? ` · ⚠ ${status.problem}` : '') +
        (faults
          ? ` · faults: ${faults.injectedFailures} failed, ${faults.duplicatedBatches} doubled, ${faults.delayedInvocations} delayed, ${faults.droppedConnections} dropped connections`
          : '')
      );
    })
    .join('  |  ');
}

/**
 * Keeps the pollers' status in view: pinned under the log on a terminal (refreshed every
 * second), otherwise logged as a structured line whenever it changes (at most every 10 s).
 */
export class StatusReporter {
  private timer: NodeJS.Timeout | undefined;
  private lastLogged = '';
  private lastLoggedAt = 0;

  constructor(
    private readonly read: () => readonly MappingStatus[],
    private readonly sink: TerminalSink,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.report(), this.sink.interactive ? 1000 : 2000);
    this.timer.unref();
    this.report();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sink.clearStatus();
  }

  private report(): void {
    const statuses = this.read();
    if (statuses.length === 0) return;
    const line = formatStatus(statuses);
    if (this.sink.interactive) {
      this.sink.setStatus(line);
      return;
    }
    if (line === this.lastLogged || Date.now() - this.lastLoggedAt < 10_000) return;
    this.lastLogged = line;
    this.lastLoggedAt = Date.now();
    this.logger.info('pollers', {
      mappings: statuses.map((s) => ({
        function: s.functionName,
        state: s.state,
        ...(s.problem && { problem: s.problem }),
        ...s.metrics.counts,
        IteratorAge: s.metrics.IteratorAge,
        Invocations: s.metrics.Invocations,
        Errors: s.metrics.Errors,
        ...(s.faults && { faults: s.faults }),
      })),
    });
  }
}
