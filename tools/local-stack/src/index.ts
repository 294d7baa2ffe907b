// Public API of the local stack: start it from code (tests, other tools), read what it wrote.
export { startLocalStack } from './lib/stack/local-stack';
export type { LocalStack, LocalStackOptions } from './lib/stack/local-stack-options';
export { hasEventCounts, METRICS_FILE_NAME, metricsFileContent } from './lib/stack/metrics-file';
export type { MappingMetricsEntry, MappingMetricsEntryWithEventCounts, MetricsFile } from './lib/stack/metrics-file';
export { IamMode, parseIamMode } from '@shop/tools-local-iam';
export { describeFaults, FaultEnvironment, FaultFlag, faultSettingsFromEnvironment, hasFaults, NO_FAULTS, parseFaultSettings } from './lib/faults/fault-settings';
export type { FaultSettings, RawFaultSettings } from './lib/faults/fault-settings';
export { FaultCounters, seededRandom } from './lib/faults/fault-counters';
export type { FaultCountsSnapshot } from './lib/faults/fault-counters';
export { FaultInjectingInvoker, INJECTED_FAULT_ERROR_TYPE } from './lib/faults/fault-injecting-invoker';
export { DynamoDbFaultError, parseDynamoDbFaultRule } from './lib/faults/dynamodb-fault-rules';
export type { DynamoDbFaultRule } from './lib/faults/dynamodb-fault-rules';
export type { DynamoDbFaultCounts } from './lib/faults/dynamodb-fault-relay';
export { injectConnectionDrops, InjectedConnectionResetError } from './lib/faults/connection-drops';
export { readStackFile } from './lib/stack/stack-file';
export type { StackFile } from './lib/stack/stack-file';
export type { StackFileAuth } from './lib/auth/api-authorization';
// The stack as `npm start` runs it, in a child process (e2e tests, benchmarks).
export { StackProcess } from './lib/child/stack-process';
export type { StackEndpoints, StackFaults, StackLogLine, StackProcessOptions } from './lib/child/stack-process-options';
// API Gateway's JWT authorizer, locally: the stack's own issuer and the checks.
export { AuthMode, parseAuthMode } from './lib/auth/auth-mode';
export { IssuerPaths, LocalIssuer, SIGNING_ALGORITHM } from './lib/auth/local-issuer';
export type { AccessTokenRequest } from './lib/auth/local-issuer';
export { authorizeJwt, RSA_ALGORITHMS } from './lib/auth/jwt-authorizer';
export type { AuthorizationOutcome, JwtAuthorizerContext } from './lib/auth/jwt-authorizer';
export { apiGatewayClaims } from './lib/auth/authorizer-claims';
export { LOCAL_DEVELOPER_SUBJECT } from './lib/auth/unverified-context';
export { DEV_SYNTH_PATH, synthesize } from './lib/stack/synthesize';
// The synth's HTTP API without starting anything (the benchmarks serve it with another tool too).
export { readHttpApiService } from './lib/stack/http-api-service';
export type { HttpApiService, HttpApiServiceRoute } from './lib/stack/http-api-service';
export type { FunctionDefinition } from './lib/lambda/function-definition';
export { DEFAULT_POLL_INTERVAL_MS, LOCAL_STACK_ENDPOINTS_ENV, STACK_FILE_NAME } from './lib/constants';
export { LOCAL_ACCOUNT_ID } from './lib/terraform/local-aws-environment';
export {
  CheckpointStoreError,
  DlqMessageNotFoundError,
  InvalidOnFailureMessageError,
  StreamRecordsUnavailableError,
  InvalidFaultSettingError,
  OnFailureDeliveryError,
  InvalidAuthModeError,
  SigningKeyError,
  TokenRequestError,
  FunctionCodeError,
  InvalidResourceError,
  LocalStackError,
  StackNotRunningError,
  StackProcessError,
  TableDefinitionMismatchError,
  TableNotProvisionedError,
  TerraformReferenceError,
  UnsupportedAttributeError,
  ZipArchiveError,
} from './lib/errors';
// The building blocks, for the full ESM emulator and DLQ tooling to build on.
export { provisionTables } from './lib/provisioning/provision-tables';
export type { ProvisionedTable } from './lib/provisioning/provision-tables';
export { readTableDefinitions } from './lib/provisioning/table-definition';
// The filter matcher lives in the shared streams library (the property tests apply it too).
export { FilterPattern, FilterPatternError, matchesAnyFilter } from '@shop/shared-util-dynamodb-streams';
export { batchVerdict } from './lib/esm/batch-response';
export type { BatchVerdict } from './lib/esm/batch-response';
export { InMemoryCheckpointStore } from './lib/esm/checkpoint-store';
export { FileCheckpointStore } from './lib/esm/file-checkpoint-store';
export type { CheckpointFile } from './lib/esm/file-checkpoint-store';
export { MappingPoller } from './lib/esm/mapping-poller';
export type { MappingPollerOptions, MappingState, MappingStatus } from './lib/esm/mapping-poller';
export { partitionLane } from './lib/esm/partition-lane';
export type { CheckpointStore, ShardCheckpoint } from './lib/esm/checkpoint-store';
export { EsmMetric, MappingMetrics } from './lib/esm/mapping-metrics';
export type { MetricsSnapshot } from './lib/esm/mapping-metrics';
export { ShardReader } from './lib/esm/shard-reader';
export type { ReadPosition, ReaderRecovery } from './lib/esm/shard-reader';
export { FailureCondition } from './lib/destinations/failure-message';
export { onFailureMessage } from './lib/esm/on-failure-message';
export type { OnFailureMessage } from './lib/destinations/failure-message';
export { LocalQueue } from './lib/destinations/local-queue';
export type { LocalQueueMessage, OnFailureDestination } from './lib/destinations/local-queue';
export { LocalFunction } from './lib/lambda/local-function';
export type { FunctionInvoker, InvocationResult, LambdaError } from './lib/lambda/invocation';
export { createLogger, silentLogger } from './lib/logging/logger';
export type { Logger } from './lib/logging/logger';
// DLQ tooling: the same redrive for the local queue and for SQS on AWS.
export { parseOnFailureRecord } from './lib/dlq/on-failure-record';
export { readFailedBatch } from './lib/dlq/stream-batch-reader';
export type { StreamBatchReaderOptions } from './lib/dlq/stream-batch-reader';
export { LocalDlqSource, toDlqMessage } from './lib/dlq/dlq-source';
export type { DlqMessage, DlqSource } from './lib/dlq/dlq-source';
export { SqsDlqSource } from './lib/dlq/sqs-dlq-source';
export { AwsLambdaInvoker } from './lib/dlq/aws-lambda-invoker';
export { executeRedrive, planRedrive, RecordOrigin } from './lib/dlq/redrive';
export type { RedriveOutcome, RedrivePlan } from './lib/dlq/redrive';
export { listMessages, redriveMessages, showMessage } from './lib/dlq/dlq-commands';
export type { DlqContext } from './lib/dlq/dlq-commands';
export { openAwsDlqContext, openLocalDlqContext } from './lib/dlq/dlq-context';
