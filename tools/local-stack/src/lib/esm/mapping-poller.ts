import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { OnFailureDestination } from '../destinations/local-queue';
import { MappingFailedError } from '../errors';
import type { FaultCounters, FaultCountsSnapshot } from '../faults/fault-counters';
import type { FunctionInvoker } from '../lambda/invocation';
import type { Logger } from '../logging/logger';
import { Notifier } from '../notifier';
import { BatchProcessor, type ProcessorEvent } from './batch-processor';
import type { CheckpointStore, ShardCheckpoint } from './checkpoint-store';
import { isFatalStreamError } from './fatal-errors';
import { StartingPosition, type MappingDefinition } from './mapping-definition';
import { MappingMetrics, type MetricsSnapshot } from './mapping-metrics';
import { ShardReader, type ReadPosition, type ReaderRecovery } from './shard-reader';
import { ShardWorker } from './shard-worker';
import { listShards, type ShardInfo } from './stream-shards';

export interface MappingPollerOptions {
  readonly mapping: MappingDefinition;
  readonly invoker: FunctionInvoker;
  readonly destination: OnFailureDestination | undefined;
  /** Reads the stream as the consumer's role (its IAM endpoint), as Lambda does. */
  readonly streams: DynamoDBStreamsClient;
  /** The stream ARN in DynamoDB Local's dialect (the mapping's own is AWS-shaped). */
  readonly localStreamArn: string;
  readonly region: string;
  readonly checkpoints: CheckpointStore;
  readonly pollIntervalMs: number;
  /** How often the shard list is refreshed. Default: every 4 polls. */
  readonly discoveryIntervalMs?: number;
  /** Pause before a failed batch is retried. Default: the poll interval. */
  readonly retryDelayMs?: number;
  readonly logger: Logger;
  /** The faults injected into this mapping, for its status (counting is the injectors' job). */
  readonly faultCounters?: FaultCounters;
  readonly now?: () => number;
  readonly onProcessorEvent?: (event: ProcessorEvent) => void;
}

interface ShardState {
  info: ShardInfo;
  finished: boolean;
  worker?: ShardWorker;
  running?: Promise<void>;
}

/** `failed`: the mapping cannot read its stream and stopped (see `problem`), as AWS's PROBLEM state. */
export type MappingState = 'disabled' | 'starting' | 'polling' | 'failed' | 'stopped';

export interface MappingStatus {
  readonly uuid: string;
  readonly address: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly state: MappingState;
  /** What is wrong, in AWS's words (`LastProcessingResult`): set while the stream cannot be read. */
  readonly problem: string | undefined;
  readonly activeShards: number;
  readonly metrics: MetricsSnapshot;
  readonly faults: FaultCountsSnapshot | undefined;
}

/**
 * The event source mapping of one function to one DynamoDB stream. It keeps the shard list
 * current (shards appear while it runs; shards trimmed away are let go), starts a
 * {@link ShardWorker} per shard once its parent is finished (lineage: a parent's records are
 * delivered before its children's), resumes each shard from its checkpoint, and applies the
 * starting position to the shards that existed at start (later shards are read from their
 * beginning, as AWS does). A role that may not read the stream fails the mapping at once, with
 * AWS's message, instead of retrying forever.
 *
 * @example
 * const poller = new MappingPoller({ mapping, invoker, destination, streams, localStreamArn, region, checkpoints, pollIntervalMs: 250, logger });
 * poller.start();
 * await poller.stop();
 */
export class MappingPoller {
  readonly metrics = new MappingMetrics();
  private readonly shards = new Map<string, ShardState>();
  private readonly abort = new AbortController();
  private readonly processor: BatchProcessor;
  private readonly discoveryWake = new Notifier();
  private state: MappingState = 'starting';
  private problem: string | undefined;
  private loop: Promise<void> | undefined;
  private firstDiscovery = true;

  constructor(private readonly options: MappingPollerOptions) {
    this.processor = new BatchProcessor({
      mapping: options.mapping,
      invoker: options.invoker,
      destination: options.destination,
      metrics: this.metrics,
      retryDelayMs: options.retryDelayMs ?? options.pollIntervalMs,
      now: options.now,
      onEvent: (event) => this.onProcessorEvent(event),
    });
  }

  /** Starts polling (a disabled mapping stays idle, as on AWS). */
  start(): void {
    if (!this.options.mapping.enabled) {
      this.state = 'disabled';
      this.options.logger.info('mapping is disabled in the synth; not polling');
      return;
    }
    this.loop ??= this.discover();
  }

  /** Tells every loop to stop (without waiting): nothing is checkpointed after this. */
  requestStop(): void {
    this.abort.abort();
  }

  /** Stops polling and waits for every shard loop; an unfinished batch is not checkpointed. */
  async stop(): Promise<void> {
    this.requestStop();
    await this.loop;
    await Promise.all([...this.shards.values()].map((shard) => shard.running));
    if (this.state !== 'failed') this.state = 'stopped';
  }

  status(): MappingStatus {
    const { mapping, invoker, faultCounters } = this.options;
    const activeShards = [...this.shards.values()].filter((s) => s.running && !s.finished).length;
    return {
      uuid: mapping.uuid,
      address: mapping.address,
      functionName: invoker.functionName,
      eventSourceArn: mapping.eventSourceArn,
      state: this.state,
      problem: this.problem,
      activeShards,
      metrics: this.metrics.snapshot(),
      faults: faultCounters?.snapshot(),
    };
  }

  private get scope(): string {
    return `${this.options.mapping.uuid}|${this.options.mapping.eventSourceArn}`;
  }

  private async discover(): Promise<void> {
    const { logger } = this.options;
    const signal = this.abort.signal;
    let saved: ReadonlyMap<string, ShardCheckpoint>;
    try {
      saved = await this.options.checkpoints.load(this.scope);
    } catch (error) {
      this.fail(error as Error, 'mapping stopped: its checkpoints cannot be read');
      return;
    }
    let failures = 0;
    while (!signal.aborted) {
      try {
        const listed = await listShards(this.options.streams, this.options.localStreamArn, signal);
        this.reconcile(listed, saved);
        if (failures > 0) logger.info('the stream can be read again', { afterFailedAttempts: failures });
        failures = 0;
        this.problem = undefined;
        if (this.state === 'starting') this.state = 'polling';
      } catch (error) {
        if (signal.aborted) break;
        if (isFatalStreamError(error)) {
          this.fail(error as Error, this.deniedMessage('DescribeStream'));
          return;
        }
        failures += 1;
        const message = `${(error as Error).name}: ${(error as Error).message}`;
        this.problem = (error as Error).name === 'ResourceNotFoundException' ? `PROBLEM: the stream does not exist (${message})` : `PROBLEM: cannot reach the stream (${message})`;
        if (failures === 1) logger.warn('cannot list the stream\'s shards; retrying', { error: message });
      }
      await this.discoveryWake.wait(signal, this.options.discoveryIntervalMs ?? this.options.pollIntervalMs * 4);
    }
  }

  private reconcile(listed: readonly ShardInfo[], saved: ReadonlyMap<string, ShardCheckpoint>): void {
    const atStart = this.firstDiscovery;
    this.firstDiscovery = false;
    const listedIds = new Set(listed.map((info) => info.shardId));
    for (const [shardId, state] of this.shards) {
      // Trimmed (24 h): its records are gone; children must not wait for it forever.
      if (!listedIds.has(shardId) && !state.finished) {
        this.options.logger.warn('shard is no longer in the stream (trimmed); moving on to its children', { shard: shardId });
        if (state.worker) state.worker.abandon();
        else state.finished = true;
      }
    }
    for (const info of listed) {
      const known = this.shards.get(info.shardId);
      if (known) {
        known.info = info;
        if (info.endingSequenceNumber) known.worker?.markClosed(info.endingSequenceNumber);
        continue;
      }
      const checkpoint = saved.get(info.shardId);
      // LATEST applies to the shards open at start: closed ones hold only older records.
      const skipped = atStart && !checkpoint && this.options.mapping.startingPosition === StartingPosition.Latest && info.endingSequenceNumber !== undefined;
      this.shards.set(info.shardId, { info, finished: checkpoint?.finished === true || skipped });
    }
    for (const [shardId, state] of this.shards) {
      if (state.finished || state.running) continue;
      const parent = state.info.parentShardId ? this.shards.get(state.info.parentShardId) : undefined;
      if (parent && !parent.finished) continue; // lineage: the parent's records come first
      this.startShard(shardId, state, saved.get(shardId), atStart);
    }
  }

  private startShard(shardId: string, state: ShardState, checkpoint: ShardCheckpoint | undefined, atStart: boolean): void {
    const { mapping, logger } = this.options;
    const position: ReadPosition = checkpoint?.sequenceNumber
      ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint.sequenceNumber }
      : atStart && mapping.startingPosition === StartingPosition.Latest
        ? { type: 'LATEST' }
        : { type: 'TRIM_HORIZON' };
    const onRecovery = (recovery: ReaderRecovery): void => {
      logger.debug('stream reader recovered', { ...recovery });
      if (recovery.problem === 'InvalidShardId' || recovery.problem === 'MissingNextShardIterator' || recovery.problem === 'ShardNotFound') this.discoveryWake.notify();
    };
    const reader = new ShardReader(this.options.streams, this.options.localStreamArn, shardId, position, onRecovery, this.options.now);
    if (state.info.endingSequenceNumber) reader.markClosed(state.info.endingSequenceNumber);
    const worker = new ShardWorker({
      mapping,
      region: this.options.region,
      reader,
      processor: this.processor,
      metrics: this.metrics,
      saveCheckpoint: (saved) => this.options.checkpoints.save(this.scope, shardId, saved),
      resumed: checkpoint,
      pollIntervalMs: this.options.pollIntervalMs,
      logger,
      now: this.options.now,
    });
    state.worker = worker;
    logger.debug('shard started', { shard: shardId, from: position.type === 'AFTER_SEQUENCE_NUMBER' ? `after ${position.sequenceNumber}` : position.type });
    state.running = worker.run(this.abort.signal).then(
      () => {
        if (!worker.finished) return;
        state.finished = true;
        this.discoveryWake.notify(); // children may start now
      },
      (error: Error) => this.fail(error, this.deniedMessage(`reading shard ${shardId}`)),
    );
  }

  private deniedMessage(step: string): string {
    return `mapping stopped: the role of ${this.options.invoker.functionName} may not read the stream (${step}); fix its policy in infra/ and restart`;
  }

  /** Ends the mapping: AWS's PROBLEM state, one clear error line, no retry loop. */
  private fail(error: Error, message: string): void {
    if (this.state === 'failed') return;
    const { mapping, logger } = this.options;
    const failure = new MappingFailedError(mapping.address, `PROBLEM: ${error.name}: ${error.message}`, { cause: error });
    this.state = 'failed';
    this.problem = failure.problem;
    logger.error(message, { mapping: mapping.address, error: `${error.name}: ${error.message}` });
    this.abort.abort();
  }

  private onProcessorEvent(event: ProcessorEvent): void {
    const { logger } = this.options;
    if (event.type === 'invoked' && !event.result.ok) {
      logger.warn('invocation failed', { records: event.entries.length, error: `${event.result.error.errorType}: ${event.result.error.errorMessage}` });
    } else if (event.type === 'invoked' && event.failedFrom !== undefined) {
      logger.warn('batch reported failures', { records: event.entries.length, retryFrom: event.entries[event.failedFrom]?.sequenceNumber });
    } else if (event.type === 'discarded') {
      const range = `${event.entries[0]?.sequenceNumber}..${event.entries[event.entries.length - 1]?.sequenceNumber}`;
      logger.error(event.delivered ? 'records sent to the on-failure destination' : 'records dropped (no on-failure destination)', { condition: event.condition, records: event.entries.length, range });
    } else if (event.type === 'bisected') {
      logger.info('batch bisected', { sizes: event.sizes.join('+') });
    }
    this.options.onProcessorEvent?.(event);
  }
}
