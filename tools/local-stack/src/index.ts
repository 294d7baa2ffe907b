// What other projects import from the local stack, and nothing else (tools/workspace-checks fails
// on an export no other project imports). Start it in this process, or as `npm start` runs it in
// a child process (e2e tests, benchmarks):
export { startLocalStack } from './lib/stack/local-stack';
export { StackProcess } from './lib/child/stack-process';
export type { StackEndpoints, StackLogLine, StackProcessOptions } from './lib/child/stack-process-options';
export { DEFAULT_POLL_INTERVAL_MS, LOCAL_STACK_ENDPOINTS_ENV } from './lib/constants';
export { DEV_SYNTH_PATH } from './lib/stack/synthesize';
export { createLogger } from './lib/logging/logger';
// Tokens from the stack's own issuer.
export { LocalIssuer } from './lib/auth/local-issuer';
export type { StackFileAuth } from './lib/auth/api-authorization';
// What it writes: metrics, checkpoints, on-failure messages, fault counts.
export { hasEventCounts, METRICS_FILE_NAME } from './lib/stack/metrics-file';
export type { MappingMetricsEntryWithEventCounts, MetricsFile } from './lib/stack/metrics-file';
export type { CheckpointFile } from './lib/esm/file-checkpoint-store';
export { partitionLane } from './lib/esm/partition-lane';
export type { OnFailureMessage } from './lib/destinations/failure-message';
export type { LocalQueueMessage } from './lib/destinations/local-queue';
export type { DynamoDbFaultCounts } from './lib/faults/dynamodb-fault-relay';
export { seededRandom } from './lib/faults/fault-counters';
// The synth's HTTP API without starting anything (the benchmarks serve it with another tool too).
export { readHttpApiService } from './lib/stack/http-api-service';
export type { HttpApiService, HttpApiServiceRoute } from './lib/stack/http-api-service';
export type { FunctionDefinition } from './lib/lambda/function-definition';
