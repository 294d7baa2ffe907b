import type { FaultCountsSnapshot } from '../faults/fault-counters';
import type { MetricsSnapshot } from './mapping-metrics';

/** `failed`: the mapping cannot read its stream and stopped (see `problem`), as AWS's PROBLEM state. */
export type MappingState = 'disabled' | 'starting' | 'polling' | 'failed' | 'stopped';

export interface MappingStatus {
  readonly uuid: string;
  readonly address: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly state: MappingState;
  /**
   * What is wrong, in AWS's words (`LastProcessingResult`): set while the stream cannot be read,
   * a checkpoint cannot be saved or a shard stopped on an error, and cleared when that passes.
   */
  readonly problem: string | undefined;
  readonly activeShards: number;
  readonly metrics: MetricsSnapshot;
  /** Whether the synth's `metrics_config` asks for the EventCount metrics (AWS publishes them only then). */
  readonly eventCountMetrics: boolean;
  readonly faults: FaultCountsSnapshot | undefined;
}
