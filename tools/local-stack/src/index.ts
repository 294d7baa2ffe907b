// Public API of the local stack: start it from code (tests, other tools), read what it wrote.
export { startLocalStack } from './lib/stack/local-stack';
export { hasEventCounts } from './lib/stack/metrics-file';
export type { MappingMetricsEntryWithEventCounts, MetricsFile } from './lib/stack/metrics-file';
export { seededRandom } from './lib/faults/fault-counters';
export type { DynamoDbFaultCounts } from './lib/faults/dynamodb-fault-relay';
export type { StackFileAuth } from './lib/auth/api-authorization';
// The stack as `npm start` runs it, in a child process (e2e tests, benchmarks).
export { StackProcess } from './lib/child/stack-process';
export type { StackEndpoints, StackLogLine, StackProcessOptions } from './lib/child/stack-process-options';
export { LocalIssuer } from './lib/auth/local-issuer';
export { DEV_SYNTH_PATH } from './lib/stack/synthesize';
export { DEFAULT_POLL_INTERVAL_MS, LOCAL_STACK_ENDPOINTS_ENV } from './lib/constants';
export type { CheckpointFile } from './lib/esm/file-checkpoint-store';
export { partitionLane } from './lib/esm/partition-lane';
export type { OnFailureMessage } from './lib/destinations/failure-message';
export type { LocalQueueMessage } from './lib/destinations/local-queue';
export { silentLogger } from './lib/logging/logger';
