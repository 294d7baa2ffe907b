import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LocalQueue } from '../destinations/local-queue';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import type { CheckpointStore } from '../esm/checkpoint-store';
import type { ProcessorEvent } from '../esm/batch-processor';
import type { MappingDefinition } from '../esm/mapping-definition';
import { MappingPoller } from '../esm/mapping-poller';
import { injectConnectionDrops } from '../faults/connection-drops';
import { FaultCounters, seededRandom } from '../faults/fault-counters';
import { FaultInjectingInvoker } from '../faults/fault-injecting-invoker';
import { hasMappingFaults, type FaultSettings } from '../faults/fault-settings';
import type { FunctionDefinition } from '../lambda/function-definition';
import type { FunctionInvoker } from '../lambda/invocation';
import type { LocalFunction } from '../lambda/local-function';
import type { Logger } from '../logging/logger';
import type { ProvisionedTable } from '../provisioning/provision-tables';
import type { ReferenceResolver } from '../terraform/reference-resolver';

/** Finds a function by any name Terraform may use for it: name, ARN, invoke ARN, qualified ARNs. */
export function functionIndex(
  definitions: readonly FunctionDefinition[],
  functions: ReadonlyMap<string, LocalFunction>,
  resolver: ReferenceResolver,
): (reference: string) => LocalFunction | undefined {
  const index = new Map<string, LocalFunction>();
  for (const definition of definitions) {
    const fn = functions.get(definition.functionName);
    const attributes = resolver.attributesOf(definition.address) ?? {};
    if (!fn) continue;
    for (const key of ['function_name', 'arn', 'invoke_arn', 'qualified_arn', 'qualified_invoke_arn']) {
      const value = attributes[key];
      if (value) index.set(value, fn);
    }
  }
  return (reference) => index.get(reference);
}

/**
 * Starts warm instances of every function ({@link LocalFunction.prewarm}): as many as its enabled
 * mappings invoke at once (one per lane: the parallelization factor per shard; DynamoDB Local
 * streams have one open shard), else one. Never fails: an init that fails is logged, and the
 * function's first invocation inits again.
 */
export async function warmFunctions(
  functions: Iterable<LocalFunction>,
  mappings: readonly MappingDefinition[],
  findFunction: (reference: string) => LocalFunction | undefined,
  logger: Logger,
): Promise<void> {
  const lanes = new Map<LocalFunction, number>();
  for (const mapping of mappings) {
    const fn = mapping.enabled ? findFunction(mapping.functionName) : undefined;
    if (fn) lanes.set(fn, (lanes.get(fn) ?? 0) + mapping.parallelizationFactor);
  }
  await Promise.all(
    [...functions].map(async (fn) => {
      const fnLogger = logger.child(`fn:${fn.functionName}`);
      try {
        for (const failure of await fn.prewarm(lanes.get(fn) ?? 1)) {
          if (!failure.ok) fnLogger.warn('init failed while warming up; the first invocation inits again', { error: `${failure.error.errorType}: ${failure.error.errorMessage}` });
        }
      } catch (error) {
        fnLogger.warn('cannot start an instance to warm up; the first invocation starts one', { error: `${(error as Error).name}: ${(error as Error).message}` });
      }
    }),
  );
}

export interface MappingWiring {
  readonly mappings: readonly MappingDefinition[];
  readonly tables: readonly ProvisionedTable[];
  readonly queues: readonly LocalQueue[];
  readonly findFunction: (reference: string) => LocalFunction | undefined;
  /** DynamoDB Local: the pollers' stream clients send their requests there. */
  readonly dynamodbEndpoint: string;
  /** Makes a poller's stream client read as the mapped function's role (its IAM proxy decides each request in process). */
  readonly authorizeStreams: (functionName: string, client: DynamoDBStreamsClient) => void;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly checkpoints: CheckpointStore;
  readonly pollIntervalMs: number;
  readonly faults: FaultSettings;
  readonly logger: Logger;
  readonly onProcessorEvent?: (mapping: MappingDefinition, event: ProcessorEvent) => void;
}

/** The pollers, and the Streams clients they read with (to destroy on stop). */
export interface WiredPollers {
  readonly pollers: MappingPoller[];
  readonly clients: DynamoDBStreamsClient[];
}

/**
 * A poller per mapping, connected to the function, the table's stream and the on-failure queue
 * the synth names. Each mapping reads its stream with its own client, each request authorized
 * as the function's role (as Lambda reads with the function's execution role), with the
 * configured faults injected. A mapping whose source or destination is not something the stack created is
 * refused at start-up.
 */
export function createPollers(wiring: MappingWiring): WiredPollers {
  const clients: DynamoDBStreamsClient[] = [];
  const pollers = wiring.mappings.map((mapping, index) => {
    const fn = wiring.findFunction(mapping.functionName);
    if (!fn) throw new InvalidResourceError(mapping.address, `function_name ${mapping.functionName} is not a function of the synth`);
    const table = wiring.tables.find((t) => t.stream?.arn === mapping.eventSourceArn);
    if (!table?.stream) {
      throw new UnsupportedAttributeError(mapping.address, 'event_source_arn', `${mapping.eventSourceArn} is not the stream of a table in the synth (only DynamoDB streams are emulated)`);
    }
    let destination: LocalQueue | undefined;
    if (mapping.onFailureDestinationArn !== undefined) {
      destination = wiring.queues.find((queue) => queue.arn === mapping.onFailureDestinationArn);
      if (!destination) {
        throw new UnsupportedAttributeError(mapping.address, 'destination_config', `${mapping.onFailureDestinationArn} is not an SQS queue of the synth (SNS and S3 destinations are not emulated)`);
      }
    }
    const streams = new DynamoDBStreamsClient({ endpoint: wiring.dynamodbEndpoint, region: wiring.region, credentials: wiring.credentials });
    wiring.authorizeStreams(fn.functionName, streams);
    clients.push(streams);
    const faultCounters = new FaultCounters();
    let invoker: FunctionInvoker = fn;
    if (hasMappingFaults(wiring.faults)) {
      const random = wiring.faults.seed === undefined ? Math.random : seededRandom(wiring.faults.seed + index);
      invoker = new FaultInjectingInvoker(fn, wiring.faults, faultCounters, random);
      injectConnectionDrops(streams, wiring.faults.dropConnectionEvery, faultCounters);
    }
    return new MappingPoller({
      mapping,
      invoker,
      destination,
      streams,
      localStreamArn: table.stream.localArn,
      region: wiring.region,
      checkpoints: wiring.checkpoints,
      pollIntervalMs: wiring.pollIntervalMs,
      logger: wiring.logger.child(`esm:${fn.functionName}`),
      faultCounters: hasMappingFaults(wiring.faults) ? faultCounters : undefined,
      onProcessorEvent: (event) => wiring.onProcessorEvent?.(mapping, event),
    });
  });
  return { pollers, clients };
}
