import { EVENT_COUNT_METRICS, EventSourceMappingMetric } from '@shop/shared-util-lambda';

/**
 * The metrics AWS publishes for an event source mapping (EventCount metrics need
 * `metrics_config`; IteratorAge is always there), under AWS's names: the shop's one catalog, which
 * infra's dashboard charts too.
 */
export const EsmMetric = EventSourceMappingMetric;
export type EsmMetric = EventSourceMappingMetric;

/** The `metrics_config.metrics` value that switches the EventCount metrics on. */
export const EVENT_COUNT = EVENT_COUNT_METRICS;

export interface MetricsSnapshot {
  readonly counts: Readonly<Record<EsmMetric, number>>;
  /** Age of the last record of the latest batch when it was handed to the function (ms); 0 once caught up. */
  readonly IteratorAge: number;
  /** Function metrics of the mapping's invocations: how many, and how many failed. */
  readonly Invocations: number;
  readonly Errors: number;
}

/** Counters for one mapping; the status line and (later) `.local/metrics.json` read snapshots. */
export class MappingMetrics {
  private readonly counts = Object.fromEntries(Object.values(EsmMetric).map((name) => [name, 0])) as Record<EsmMetric, number>;
  private iteratorAge = 0;
  private invocations = 0;
  private errors = 0;

  add(metric: EsmMetric, count: number): void {
    this.counts[metric] += count;
  }

  recordInvocation(failed: boolean): void {
    this.invocations += 1;
    if (failed) this.errors += 1;
  }

  setIteratorAge(ms: number): void {
    this.iteratorAge = Math.max(0, Math.round(ms));
  }

  snapshot(): MetricsSnapshot {
    return { counts: { ...this.counts }, IteratorAge: this.iteratorAge, Invocations: this.invocations, Errors: this.errors };
  }
}
