import { createHash } from 'node:crypto';
import { EventSourceMappingDefaults, UNLIMITED } from '../constants';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { checkAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import type { TerraformBlock, TerraformDocument } from '@shop/shared-util-terraform-json';
import { assertPlainResource, blockList, requiredString } from '../terraform/resource-checks';
import { FilterPattern } from '@shop/shared-util-dynamodb-streams';
import { EVENT_COUNT } from './mapping-metrics';

export const StartingPosition = { TrimHorizon: 'TRIM_HORIZON', Latest: 'LATEST' } as const;
export type StartingPosition = (typeof StartingPosition)[keyof typeof StartingPosition];

/** An `aws_lambda_event_source_mapping` on a DynamoDB stream, validated, references resolved. */
export interface MappingDefinition {
  readonly address: string;
  /** Stable across restarts (derived from the address), like the UUID AWS gives a mapping. */
  readonly uuid: string;
  /** `function_name` resolved: a function name or ARN. */
  readonly functionName: string;
  /** `event_source_arn` resolved: the AWS-shaped stream ARN. */
  readonly eventSourceArn: string;
  readonly startingPosition: StartingPosition;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: no limit (the stream's 24 hours). */
  readonly maximumRecordAgeInSeconds: number;
  /** 1..10 concurrent batches per shard, order kept per item key. */
  readonly parallelizationFactor: number;
  readonly reportBatchItemFailures: boolean;
  readonly filters: readonly FilterPattern[];
  /** `destination_config.on_failure.destination_arn` resolved. */
  readonly onFailureDestinationArn: string | undefined;
  readonly enabled: boolean;
  readonly metricsEnabled: boolean;
  readonly inert: readonly InertAttribute[];
}

const NOT_FOR_DYNAMODB = 'applies to other event sources, not DynamoDB streams';
const MAPPING_POLICY: AttributePolicy = {
  applied: [
    'function_name', 'event_source_arn', 'starting_position', 'batch_size', 'maximum_batching_window_in_seconds',
    'bisect_batch_on_function_error', 'maximum_retry_attempts', 'maximum_record_age_in_seconds', 'function_response_types',
    'filter_criteria', 'destination_config', 'enabled', 'metrics_config', 'parallelization_factor', 'tumbling_window_in_seconds',
  ],
  inert: { kms_key_arn: 'filter criteria are not encrypted locally' },
  unsupported: {
    starting_position_timestamp: 'AT_TIMESTAMP is for Kinesis; DynamoDB streams start at TRIM_HORIZON or LATEST',
    queues: NOT_FOR_DYNAMODB,
    topics: NOT_FOR_DYNAMODB,
    scaling_config: NOT_FOR_DYNAMODB,
    self_managed_event_source: NOT_FOR_DYNAMODB,
    self_managed_kafka_event_source_config: NOT_FOR_DYNAMODB,
    amazon_managed_kafka_event_source_config: NOT_FOR_DYNAMODB,
    source_access_configuration: NOT_FOR_DYNAMODB,
    document_db_event_source_config: NOT_FOR_DYNAMODB,
    provisioned_poller_config: 'provisioned mode is for Kafka sources',
  },
};

/** Reads every `aws_lambda_event_source_mapping` of the synth. */
export function readMappingDefinitions(synth: TerraformDocument, resolver: ReferenceResolver): MappingDefinition[] {
  return synth.resources('aws_lambda_event_source_mapping').map((resource) => readMapping(resource, resolver));
}

function readMapping(resource: TerraformBlock, resolver: ReferenceResolver): MappingDefinition {
  assertPlainResource(resource);
  const inert = checkAttributes(resource, MAPPING_POLICY);
  const at = (attribute: string): string => `${resource.address}.${attribute}`;
  const startingPosition = requiredString(resource, 'starting_position');
  if (startingPosition !== StartingPosition.TrimHorizon && startingPosition !== StartingPosition.Latest) {
    throw new InvalidResourceError(resource.address, `starting_position must be TRIM_HORIZON or LATEST for a DynamoDB stream, not ${startingPosition}`);
  }
  const parallelization = integer(resource, 'parallelization_factor', EventSourceMappingDefaults.parallelizationFactor, 1, 10);
  const tumblingWindow = integer(resource, 'tumbling_window_in_seconds', 0, 0, 900);
  if (tumblingWindow !== 0) {
    throw new UnsupportedAttributeError(
      resource.address,
      'tumbling_window_in_seconds',
      `tumbling windows (${tumblingWindow} s: state carried between invocations, a final invocation per window) are not emulated; without it the function would get events it does not expect`,
    );
  }
  const responseTypes = resource.config['function_response_types'] ?? [];
  if (!Array.isArray(responseTypes) || responseTypes.some((type) => type !== 'ReportBatchItemFailures')) {
    throw new InvalidResourceError(resource.address, 'function_response_types may only hold ReportBatchItemFailures');
  }
  const maximumRecordAge = integer(resource, 'maximum_record_age_in_seconds', EventSourceMappingDefaults.maximumRecordAgeInSeconds, -1, 604_800);
  if (maximumRecordAge !== UNLIMITED && maximumRecordAge < 60) {
    throw new InvalidResourceError(resource.address, 'maximum_record_age_in_seconds must be -1 or from 60 to 604800');
  }
  const metrics = blockList(resource, 'metrics_config')[0]?.['metrics'];
  if (metrics !== undefined && (!Array.isArray(metrics) || metrics.some((m) => m !== EVENT_COUNT))) {
    throw new InvalidResourceError(resource.address, `metrics_config.metrics may only hold ${EVENT_COUNT}`);
  }
  return {
    address: resource.address,
    uuid: stableUuid(resource.address),
    functionName: resolver.resolveString(requiredString(resource, 'function_name'), at('function_name')),
    eventSourceArn: resolver.resolveString(requiredString(resource, 'event_source_arn'), at('event_source_arn')),
    startingPosition,
    batchSize: integer(resource, 'batch_size', EventSourceMappingDefaults.batchSize, 1, 10_000),
    maximumBatchingWindowInSeconds: integer(resource, 'maximum_batching_window_in_seconds', EventSourceMappingDefaults.maximumBatchingWindowInSeconds, 0, 300),
    bisectBatchOnFunctionError: boolean(resource, 'bisect_batch_on_function_error', EventSourceMappingDefaults.bisectBatchOnFunctionError),
    maximumRetryAttempts: integer(resource, 'maximum_retry_attempts', EventSourceMappingDefaults.maximumRetryAttempts, -1, 10_000),
    maximumRecordAgeInSeconds: maximumRecordAge,
    parallelizationFactor: parallelization,
    reportBatchItemFailures: responseTypes.length > 0,
    filters: filters(resource),
    onFailureDestinationArn: onFailure(resource, resolver),
    enabled: boolean(resource, 'enabled', true),
    metricsEnabled: Array.isArray(metrics) && metrics.includes(EVENT_COUNT),
    inert,
  };
}

function filters(resource: TerraformBlock): FilterPattern[] {
  const [criteria] = blockList(resource, 'filter_criteria');
  if (!criteria) return [];
  const list = criteria['filter'] === undefined ? [] : Array.isArray(criteria['filter']) ? criteria['filter'] : [criteria['filter']];
  if (list.length > 5) throw new InvalidResourceError(resource.address, `filter_criteria holds ${list.length} filters; AWS allows 5`);
  return list.map((filter: Record<string, unknown>, i) => {
    const pattern = filter?.['pattern'];
    if (typeof pattern !== 'string') throw new InvalidResourceError(resource.address, `filter_criteria.filter[${i}].pattern must be a JSON string`);
    if (pattern.includes('${')) {
      throw new UnsupportedAttributeError(resource.address, 'filter_criteria', 'patterns must be literal JSON strings (JSON.stringify in CDKTF), not Terraform expressions');
    }
    return FilterPattern.parse(pattern);
  });
}

function onFailure(resource: TerraformBlock, resolver: ReferenceResolver): string | undefined {
  const [destination] = blockList(resource, 'destination_config');
  if (!destination) return undefined;
  const unknown = Object.keys(destination).filter((key) => key !== 'on_failure');
  if (unknown.length > 0) throw new UnsupportedAttributeError(resource.address, `destination_config.${unknown[0]}`, 'stream mappings only have on_failure');
  const onFailureBlock = Array.isArray(destination['on_failure']) ? destination['on_failure'][0] : destination['on_failure'];
  const arn = (onFailureBlock as Record<string, unknown> | undefined)?.['destination_arn'];
  if (typeof arn !== 'string') throw new InvalidResourceError(resource.address, 'destination_config.on_failure needs a destination_arn');
  return resolver.resolveString(arn, `${resource.address}.destination_config.on_failure.destination_arn`);
}

function integer(resource: TerraformBlock, attribute: string, fallback: number, min: number, max: number): number {
  const value = resource.config[attribute] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidResourceError(resource.address, `"${attribute}" must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return value;
}

function boolean(resource: TerraformBlock, attribute: string, fallback: boolean): boolean {
  const value = resource.config[attribute] ?? fallback;
  if (typeof value !== 'boolean') throw new InvalidResourceError(resource.address, `"${attribute}" must be true or false`);
  return value;
}

/** A UUID-shaped id derived from the mapping's address, so checkpoints survive restarts. */
function stableUuid(address: string): string {
  const hex = createHash('sha1').update(`local-stack:${address}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
