import type { IamDecision, IamMode } from '@shop/tools-local-iam';
import type { AuthMode } from '../auth/auth-mode';
import type { LocalIssuer } from '../auth/local-issuer';
import type { LocalQueue } from '../destinations/local-queue';
import type { ProcessorEvent } from '../esm/batch-processor';
import type { CheckpointStore } from '../esm/checkpoint-store';
import type { MappingDefinition } from '../esm/mapping-definition';
import type { MappingStatus } from '../esm/mapping-poller';
import type { DynamoDbFaultCounts } from '../faults/dynamodb-fault-relay';
import type { FaultSettings, RawFaultSettings } from '../faults/fault-settings';
import type { LocalFunction } from '../lambda/local-function';
import type { RuntimeMatch } from '../lambda/runtime-match';
import type { Logger } from '../logging/logger';
import type { ProvisionedTable } from '../provisioning/provision-tables';
import type { StackFile } from './stack-file';

export interface LocalStackOptions {
  /** The synthesized Terraform JSON (`infra/cdktf.out/stacks/shop-dev/cdk.tf.json`). */
  readonly synthPath: string;
  /** Where the stack keeps its files: stack.json, metrics.json, unpacked functions, the DLQ (`.local`). */
  readonly stateDirectory: string;
  /** Use this DynamoDB Local instead of starting one (it is then left running on stop). */
  readonly dynamodbEndpoint?: string;
  readonly dynamodbPort?: number;
  /** Where the HTTP API listens. Default 127.0.0.1:3000; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  /** How often each shard is polled. Default 250 ms (AWS polls about 4 times a second). */
  readonly pollIntervalMs?: number;
  /**
   * Keep everything across restarts (`npm start -- --persist DIR`): DynamoDB Local's data in
   * `DIR/dynamodb` (`-dbPath`) and the mappings' checkpoints in `DIR/checkpoints` (written
   * atomically). A restart, also after `kill -9`, resumes after the last fully processed batch.
   */
  readonly persistDirectory?: string;
  /**
   * IAM enforcement of every function's DynamoDB traffic and of each mapping's stream reads
   * (with the consumer's role), from the synthesized policies. Default: enforce.
   */
  readonly iamMode?: IamMode;
  /**
   * Faults to inject into the mappings and into DynamoDB's answers (see {@link FaultSettings};
   * `dynamodb` takes rule specs or parsed rules); unset settings are off. Default: read from the
   * `LOCAL_STACK_FAULT_*` environment variables (none when unset).
   */
  readonly faults?: RawFaultSettings;
  /**
   * Authorization of the routes the synth gives a JWT authorizer. Default `jwt`: API Gateway's
   * checks against the stack's own issuer (its signing key is kept in `persistDirectory/issuer`
   * with `persistDirectory`, else made anew in `stateDirectory/issuer`). `off`: nothing verified.
   */
  readonly authMode?: AuthMode;
  /**
   * Start instances before the stack is ready (default true), as a deployed function that has
   * served requests keeps them warm: one per lane its enabled mappings invoke at once, else one.
   * The first request and the first batches skip the init. `false`: every function inits on its
   * first invocation (`npm start -- --no-prewarm`).
   */
  readonly prewarm?: boolean;
  /** How often `<stateDirectory>/metrics.json` is rewritten. Default 1000 ms. */
  readonly metricsIntervalMs?: number;
  readonly logger?: Logger;
  /** The API's OpenAPI document, served at /openapi.json; gets the API URL. */
  readonly openApiDocument?: (apiUrl: string) => unknown;
  /** Checkpoints of the pollers. Default: on disk with `persistDirectory`, else in memory. */
  readonly checkpoints?: CheckpointStore;
  readonly onProcessorEvent?: (mapping: MappingDefinition, event: ProcessorEvent) => void;
  /** Told every DynamoDB request a function's IAM proxy decided (iam warn or enforce), with the function's name. */
  readonly onIamDecision?: (functionName: string, decision: IamDecision) => void;
}

/** A running local stack. */
export interface LocalStack {
  readonly apiUrl: string | undefined;
  /** DynamoDB Local itself (the functions reach it through their IAM proxies). */
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: readonly ProvisionedTable[];
  readonly stackFile: StackFile;
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly queues: readonly LocalQueue[];
  /** Route keys of the served HTTP API (`PUT /products/{productId}`, …). */
  readonly routeKeys: readonly string[];
  /** Resources and attributes of the synth that have no local effect (reported at start). */
  readonly notEmulated: readonly string[];
  readonly iamMode: IamMode;
  readonly authMode: AuthMode;
  /** The local issuer that stands in for the synthesized one (undefined when no route has a JWT authorizer). */
  readonly issuer: LocalIssuer | undefined;
  /** The audiences of the synthesized JWT authorizer (a token's `aud` must be one of them). */
  readonly audience: readonly string[];
  /** Every scope a route requires, in the synth's order. */
  readonly scopes: readonly string[];
  /** The endpoint a function's DynamoDB traffic goes through (its fault relay with `--fault-dynamodb`, else its IAM proxy, or DynamoDB Local with `off`). */
  endpointFor(functionName: string): string;
  /** What each function's DynamoDB fault relay did so far (empty without `--fault-dynamodb`). */
  dynamodbFaultCounts(): DynamoDbFaultCounts[];
  readonly faults: FaultSettings;
  readonly persistDirectory: string | undefined;
  /** The JVM of the stack's own DynamoDB Local (restarted with the same data if it dies under `persistDirectory`); undefined with `dynamodbEndpoint`. */
  dynamodbJavaPid(): number | undefined;
  /** The version of the stack's own DynamoDB Local (`3.3.1`); undefined with `dynamodbEndpoint`. */
  readonly dynamodbLocalVersion: string | undefined;
  /** Each function's synthesized runtime against the Node that runs it here. */
  readonly runtimes: readonly RuntimeMatch[];
  /** `<stateDirectory>/metrics.json` */
  readonly metricsFile: string;
  pollerStatus(): MappingStatus[];
  /** Stops pollers, the API, the functions, the IAM proxies and (if the stack started it) DynamoDB Local. */
  stop(): Promise<void>;
}
