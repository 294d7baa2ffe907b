/**
 * Facts of the local emulation that are not in the synth: where AWS's own values cannot exist
 * locally (credentials) and AWS's documented defaults the emulator applies. Builtins only, like
 * the child-process code that imports it: Jest global setups load that, where workspace aliases do
 * not resolve (the local account and partition are in `terraform/local-aws-environment.ts`).
 */

/** Region DynamoDB Local writes into its ARNs and stream records; the stack rewrites it. */
export const DYNAMODB_LOCAL_REGION = 'ddblocal';

/** AWS polls each shard about four times a second. */
export const DEFAULT_POLL_INTERVAL_MS = 250;

/** GetRecords returns at most this many records per call. */
export const MAX_RECORDS_PER_GET = 1000;

/**
 * Shard iterators expire 15 minutes after they are issued; one left unused this long (its shard
 * blocked by retries) is renewed before it is used.
 */
export const SHARD_ITERATOR_REFRESH_MS = 14 * 60 * 1000;

/** A batch is also cut at 6 MB of payload (Lambda's synchronous invocation limit). */
export const MAX_BATCH_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** API Gateway HTTP APIs give up on an integration after 30 seconds. */
export const API_GATEWAY_TIMEOUT_MS = 30_000;

/** AWS defaults of `aws_lambda_function` attributes that are optional in Terraform. */
export const LambdaDefaults = { timeoutSeconds: 3, memorySizeMb: 128 } as const;

/** AWS defaults of `aws_lambda_event_source_mapping` attributes for DynamoDB streams. */
export const EventSourceMappingDefaults = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  parallelizationFactor: 1,
  bisectBatchOnFunctionError: false,
} as const;

/** The value `MaximumRetryAttempts` / `MaximumRecordAgeInSeconds` take for "no limit". */
export const UNLIMITED = -1;

/** The file in the state directory that tells scripts and people how to reach the running stack. */
export const STACK_FILE_NAME = 'stack.json';

/**
 * The variable the Jest global setup of `src/jest` hands the running stack's endpoints to the test
 * files in (JSON of `StackEndpoints`).
 */
export const LOCAL_STACK_ENDPOINTS_ENV = 'LOCAL_STACK_ENDPOINTS';
