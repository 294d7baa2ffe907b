import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { MappingStatus } from '../esm/mapping-poller';
import { EVENT_COUNT, type EsmMetric } from '../esm/mapping-metrics';
import type { FaultCountsSnapshot } from '../faults/fault-counters';
import type { DynamoDbFaultCounts } from '../faults/dynamodb-fault-relay';
import { writeFileAtomically } from '../files';

export const METRICS_FILE_NAME = 'metrics.json';

/** One mapping in `.local/metrics.json`: its identity, state and AWS's metrics under AWS's names. */
export interface MappingMetricsEntry {
  readonly uuid: string;
  readonly address: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly state: MappingStatus['state'];
  readonly problem: string | null;
  readonly activeShards: number;
  /** The synth's `metrics_config.metrics`: `["EventCount"]`, or `[]` when the mapping does not ask for them. */
  readonly metricsConfig: readonly string[];
  /**
   * IteratorAge in milliseconds (as CloudWatch reports it), then the EventCount metrics (only with
   * `metrics_config` EventCount, as on AWS), then the function's Invocations and Errors.
   */
  readonly metrics: Readonly<Partial<Record<EsmMetric, number>> & Record<'IteratorAge' | 'Invocations' | 'Errors', number>>;
  readonly faults: FaultCountsSnapshot | null;
}

/** An entry of a mapping whose `metrics_config` asks for EventCount: every event count is there. */
export type MappingMetricsEntryWithEventCounts = MappingMetricsEntry & { readonly metrics: Readonly<Record<EsmMetric, number>> };

/** Whether the entry's mapping reports the EventCount metrics (its synth's `metrics_config` holds EventCount). */
export const hasEventCounts = (entry: MappingMetricsEntry): entry is MappingMetricsEntryWithEventCounts => entry.metricsConfig.includes(EVENT_COUNT);

/** `.local/metrics.json`. */
export interface MetricsFile {
  readonly updatedAt: string;
  readonly pid: number;
  readonly mappings: readonly MappingMetricsEntry[];
  /** Per function with `--fault-dynamodb` rules: its requests, the delayed ones and the errors answered instead of DynamoDB's. */
  readonly dynamodbFaults: readonly DynamoDbFaultCounts[];
}

/** The metrics file's content for the pollers' statuses. */
export function metricsFileContent(statuses: readonly MappingStatus[], now = new Date(), dynamodbFaults: readonly DynamoDbFaultCounts[] = []): MetricsFile {
  return {
    updatedAt: now.toISOString(),
    pid: process.pid,
    mappings: statuses.map((status) => ({
      uuid: status.uuid,
      address: status.address,
      functionName: status.functionName,
      eventSourceArn: status.eventSourceArn,
      state: status.state,
      problem: status.problem ?? null,
      activeShards: status.activeShards,
      metricsConfig: status.eventCountMetrics ? [EVENT_COUNT] : [],
      metrics: {
        IteratorAge: status.metrics.IteratorAge,
        ...(status.eventCountMetrics && status.metrics.counts),
        Invocations: status.metrics.Invocations,
        Errors: status.metrics.Errors,
      },
      faults: status.faults ?? null,
    })),
    dynamodbFaults,
  };
}

/**
 * Keeps `<stateDirectory>/metrics.json` current: rewritten atomically every `intervalMs`, and once
 * more when stopped (the final counts stay for scripts to read).
 *
 * @example
 * const writer = new MetricsFileWriter('.local', () => stack.pollerStatus(), 1000);
 * writer.start();
 * await writer.stop();
 */
export class MetricsFileWriter {
  readonly file: string;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  /** `onWriteError` hears of a periodic write that failed (a full disk): once, until one succeeds again. */
  constructor(
    stateDirectory: string,
    private readonly read: () => readonly MappingStatus[],
    private readonly intervalMs: number,
    private readonly onWriteError: (error: Error) => void = () => undefined,
    private readonly readDynamoDbFaults: () => readonly DynamoDbFaultCounts[] = () => [],
  ) {
    mkdirSync(stateDirectory, { recursive: true });
    this.file = path.join(stateDirectory, METRICS_FILE_NAME);
  }

  start(): void {
    this.write();
    // A timer callback that throws would end the process: a failed write is reported and retried on the next tick.
    this.timer = setInterval(() => this.tryWrite(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes the final state and stops. */
  stop(): void {
    clearInterval(this.timer);
    this.write();
  }

  private tryWrite(): void {
    try {
      this.write();
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.onWriteError(error as Error);
      this.failing = true;
    }
  }

  /** Writes the current metrics now. */
  write(): void {
    writeFileAtomically(this.file, `${JSON.stringify(metricsFileContent(this.read(), new Date(), this.readDynamoDbFaults()), null, 2)}\n`);
  }
}
