import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { listShards, type ShardInfo } from '@shop/shared-util-dynamodb-streams';
import type { OnFailureDestination } from '../destinations/local-queue';
import type { FaultCounters } from '../faults/fault-counters';
import type { FunctionInvoker } from '../lambda/invocation';
import type { Logger } from '../logging/logger';
import { Notifier } from '../notifier';
import { sleep } from '../sleep';
import { BatchProcessor, type ProcessorEvent } from './batch-processor';
import type { MappingState, MappingStatus } from './mapping-status';
import { logProcessorEvent } from './processor-event-log';
import type { CheckpointStore, ShardCheckpoint } from './checkpoint-store';
import { isFatalStreamError } from './fatal-errors';
import { StartingPosition, type MappingDefinition } from './mapping-definition';
import { MappingMetrics } from './mapping-metrics';
import { ShardReader, type ReadPosition, type ReaderRecovery } from './shard-reader';
import { ShardWorker } from './shard-worker';
import { backoffDelay } from './retry-backoff';
import { describeShardFailure } from './shard-failure';

export type { MappingState, MappingStatus } from './mapping-status';

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
  /** Pause before the first retry of a failed batch (it doubles with each retry). Default: the poll interval. */
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
  /** Where it first started (a restart resumes from its last saved checkpoint); its worker's failures in a row; when it may start again. */
  position?: ReadPosition;
  failures: number;
  restartAt?: number;
}

/**
 * The event source mapping of one function to one DynamoDB stream. It keeps the shard list
 * current (shards appear while it runs; shards trimmed away are let go), starts a
 * {@link ShardWorker} per shard once its parent is finished (lineage: a parent's records are
 * delivered before its children's), resumes each shard from its checkpoint, and applies the
 * starting position to the shards that existed at start (later shards are read from their
 * beginning, as AWS does). A role that may not read the stream fails the mapping at once, with
 * AWS's message, instead of retrying forever. Any other failure is reported by what it is
 * ({@link describeShardFailure}) and survived: a checkpoint that cannot be saved holds its shard
 * until it can; a shard whose worker stopped on an error starts again, with backoff, from its
 * last saved checkpoint.
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
  /** Current problems by source (`stream`, `checkpoint:<shard>`, `shard:<shard>`); the first is shown. */
  private readonly problems = new Map<string, string>();
  /** The last checkpoint saved per shard: where a restarted shard resumes. */
  private readonly savedCheckpoints = new Map<string, ShardCheckpoint>();
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
      onEvent: (event) => {
        logProcessorEvent(options.logger, event);
        options.onProcessorEvent?.(event);
      },
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
    return {
      uuid: mapping.uuid,
      address: mapping.address,
      functionName: invoker.functionName,
      eventSourceArn: mapping.eventSourceArn,
      state: this.state,
      problem: this.problems.values().next().value,
      activeShards: [...this.shards.values()].filter((s) => s.running && !s.finished).length,
      metrics: this.metrics.snapshot(),
      eventCountMetrics: mapping.metricsEnabled,
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
      this.fail(error as Error, 'mapping stopped: its checkpoints cannot be read; move the file away to start over');
      return;
    }
    let failures = 0;
    while (!signal.aborted) {
      try {
        const listed = await listShards(this.options.streams, this.options.localStreamArn, { signal });
        this.reconcile(listed, saved);
        if (failures > 0) logger.info('the stream can be read again', { afterFailedAttempts: failures });
        failures = 0;
        this.problems.delete('stream');
        if (this.state === 'starting') this.state = 'polling';
      } catch (error) {
        if (signal.aborted) break;
        if (isFatalStreamError(error)) {
          this.fail(error as Error, this.deniedMessage('DescribeStream'));
          return;
        }
        failures += 1;
        const message = `${(error as Error).name}: ${(error as Error).message}`;
        this.problems.set('stream', (error as Error).name === 'ResourceNotFoundException' ? `PROBLEM: the stream does not exist (${message})` : `PROBLEM: cannot reach the stream (${message})`);
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
      this.shards.set(info.shardId, { info, finished: checkpoint?.finished === true || skipped, failures: 0 });
    }
    const now = (this.options.now ?? Date.now)();
    for (const [shardId, state] of this.shards) {
      if (state.finished || state.running || (state.restartAt !== undefined && now < state.restartAt)) continue;
      const parent = state.info.parentShardId ? this.shards.get(state.info.parentShardId) : undefined;
      if (parent && !parent.finished) continue; // lineage: the parent's records come first
      this.startShard(shardId, state, this.savedCheckpoints.get(shardId) ?? saved.get(shardId), atStart);
    }
  }

  private startShard(shardId: string, state: ShardState, checkpoint: ShardCheckpoint | undefined, atStart: boolean): void {
    const { mapping, logger } = this.options;
    const position: ReadPosition = checkpoint?.sequenceNumber
      ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint.sequenceNumber }
      : (state.position ?? (atStart && mapping.startingPosition === StartingPosition.Latest ? { type: 'LATEST' } : { type: 'TRIM_HORIZON' }));
    state.position ??= position;
    const onRecovery = (recovery: ReaderRecovery): void => {
      logger.debug('stream reader recovered', { ...recovery });
      if (recovery.problem === 'MissingNextShardIterator' || recovery.problem === 'ShardNotFound') this.discoveryWake.notify();
    };
    const reader = new ShardReader(this.options.streams, this.options.localStreamArn, shardId, position, onRecovery, this.options.now);
    if (state.info.endingSequenceNumber) reader.markClosed(state.info.endingSequenceNumber);
    const worker = new ShardWorker({
      mapping,
      region: this.options.region,
      reader,
      processor: this.processor,
      metrics: this.metrics,
      saveCheckpoint: async (saved) => {
        await this.options.checkpoints.save(this.scope, shardId, saved);
        this.savedCheckpoints.set(shardId, saved);
        state.failures = 0; // moving again after a restart
        this.problems.delete(`shard:${shardId}`);
      },
      onCheckpointTrouble: (error, failures) => this.onCheckpointTrouble(shardId, error, failures),
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
      (error: unknown) => this.onShardFailed(shardId, state, error),
    );
  }

  /** A role that may not read the stream ends the mapping; another error is reported by what it is, and the shard restarts (backoff) from its last saved checkpoint. */
  private onShardFailed(shardId: string, state: ShardState, error: unknown): void {
    const failure = describeShardFailure(error);
    if (isFatalStreamError(error)) {
      this.fail(error as Error, this.deniedMessage(`reading shard ${shardId}`));
      return;
    }
    state.running = state.worker = undefined;
    if (this.abort.signal.aborted) return; // stopping: nothing to start again
    state.failures += 1;
    const delayMs = backoffDelay(this.options.pollIntervalMs, state.failures);
    state.restartAt = (this.options.now ?? Date.now)() + delayMs;
    this.problems.set(`shard:${shardId}`, `PROBLEM: ${failure.summary} (${failure.error})`);
    this.options.logger.error(`shard stopped: ${failure.summary}; starting it again from its last checkpoint`, { shard: shardId, error: failure.error, inMs: delayMs, failures: state.failures });
    void sleep(delayMs, this.abort.signal).then(() => this.discoveryWake.notify());
  }

  /** A checkpoint of `shardId` could not be saved (the shard holds still and retries), or could again. */
  private onCheckpointTrouble(shardId: string, error: Error | undefined, failures: number): void {
    const logger = this.options.logger;
    if (error === undefined) {
      this.problems.delete(`checkpoint:${shardId}`);
      logger.info('checkpoints are saved again', { shard: shardId, afterFailedAttempts: failures });
      return;
    }
    const failure = describeShardFailure(error);
    this.problems.set(`checkpoint:${shardId}`, `PROBLEM: ${failure.summary} (${failure.error})`);
    if (failures === 1) logger.error(`${failure.summary}; the shard waits and retries (nothing is skipped)`, { shard: shardId, error: failure.error });
    else logger.debug('still cannot save the checkpoint', { shard: shardId, error: failure.error, failures });
  }

  private deniedMessage(step: string): string {
    return `mapping stopped: the role of ${this.options.invoker.functionName} may not read the stream (${step}); fix its policy in infra/ and restart`;
  }

  /** Ends the mapping: AWS's PROBLEM state, one clear error line, no retry loop. */
  private fail(error: Error, message: string): void {
    if (this.state === 'failed') return;
    const { mapping, logger } = this.options;
    this.state = 'failed';
    this.problems.clear();
    this.problems.set('mapping', `PROBLEM: ${error.name}: ${error.message}`);
    logger.error(message, { mapping: mapping.address, error: `${error.name}: ${error.message}` });
    this.abort.abort();
  }
}
