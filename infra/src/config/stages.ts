import { AuthKind } from './auth-config';
import { BillingMode, defineStage, LogLevel, StartingPosition, type StageConfig } from './stage-config';

/**
 * Every stage's settings, in one place. `main.ts` synthesizes one stack per entry (`shop-<stage>`).
 * Change a setting here; the stack code reads nothing else.
 */
export const STAGES = {
  dev: defineStage({
    stage: 'dev',
    region: 'us-east-1',
    tables: { billing: { mode: BillingMode.PayPerRequest }, deletionProtection: false },
    kms: { deletionWindowDays: 7 },
    // Dev runs what prod runs wherever it costs nothing (log level, stream consumer), so the local
    // stack and the benchmarks see the behaviour that ships. LogLevel.Debug adds the consumer's
    // per-record lines for records that order nothing (covered, superseded, coalesced) and the API's request details.
    functions: {
      ordersApi: { memoryMb: 512, timeoutSeconds: 10, logLevel: LogLevel.Info },
      replenishmentConsumer: { memoryMb: 256, timeoutSeconds: 30, logLevel: LogLevel.Info },
    },
    logRetentionDays: 14,
    streamConsumer: {
      // TRIM_HORIZON: the mapping starts at the oldest record the stream still holds, so nothing
      // written while the mapping is being created is missed (LATEST can miss it).
      startingPosition: StartingPosition.TrimHorizon,
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      maximumRetryAttempts: 10,
      maximumRecordAgeSeconds: 21_600,
      // As in prod: two lanes per shard, each product's records stay in order within its lane.
      parallelizationFactor: 2,
    },
    api: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
    auth: {
      kind: AuthKind.Cognito,
      domainPrefix: 'shop-dev-orders',
      deletionProtection: false,
      storefront: { callbackUrls: ['http://localhost:5173/callback'], logoutUrls: ['http://localhost:5173/'] },
      tokenLifetimes: { customerAccessMinutes: 60, customerRefreshDays: 30, machineAccessMinutes: 60 },
    },
    alarms: { iteratorAgeSeconds: 60, api5xxPerFiveMinutes: 5 },
    state: { kind: 'local' },
  }),
  prod: defineStage({
    stage: 'prod',
    region: 'us-east-1',
    tables: { billing: { mode: BillingMode.PayPerRequest }, deletionProtection: true },
    kms: { deletionWindowDays: 30 },
    functions: {
      ordersApi: { memoryMb: 1024, timeoutSeconds: 10, logLevel: LogLevel.Info },
      replenishmentConsumer: { memoryMb: 512, timeoutSeconds: 30, logLevel: LogLevel.Info },
    },
    logRetentionDays: 90,
    streamConsumer: {
      startingPosition: StartingPosition.TrimHorizon,
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      maximumRetryAttempts: 10,
      // 6 h: a record that has failed for that long goes to the DLQ, which leaves 18 h of the
      // stream's 24 h retention to redrive it from the stream.
      maximumRecordAgeSeconds: 21_600,
      parallelizationFactor: 2,
    },
    api: { throttlingBurstLimit: 1_000, throttlingRateLimit: 500 },
    // Or the company's own issuer: { kind: AuthKind.Oidc, issuer: 'https://login.example.com', audience: ['shop-api'] }.
    auth: {
      kind: AuthKind.Cognito,
      domainPrefix: 'shop-prod-orders',
      deletionProtection: true,
      storefront: { callbackUrls: ['https://shop.example.com/callback'], logoutUrls: ['https://shop.example.com/'] },
      tokenLifetimes: { customerAccessMinutes: 30, customerRefreshDays: 30, machineAccessMinutes: 60 },
    },
    alarms: { iteratorAgeSeconds: 60, api5xxPerFiveMinutes: 1 },
    state: { kind: 's3', bucket: 'shop-terraform-state-prod', key: 'shop/prod/terraform.tfstate', region: 'us-east-1' },
  }),
} as const satisfies Record<string, StageConfig>;

export type StageName = keyof typeof STAGES;
