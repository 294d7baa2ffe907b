import { z } from 'zod';
import { describeIssue, validationIssues } from '@shop/shared-util-schema';
import { authConfigSchema } from './auth-config';
import { StageConfigError } from './errors';

export const StartingPosition = { TrimHorizon: 'TRIM_HORIZON', Latest: 'LATEST' } as const;
export type StartingPosition = (typeof StartingPosition)[keyof typeof StartingPosition];

export const BillingMode = { PayPerRequest: 'PAY_PER_REQUEST', Provisioned: 'PROVISIONED' } as const;
export type BillingMode = (typeof BillingMode)[keyof typeof BillingMode];

export const LogLevel = { Debug: 'DEBUG', Info: 'INFO', Warn: 'WARN', Error: 'ERROR' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const integer = (min: number, max: number) => z.number().int().min(min).max(max);

const autoscaledCapacity = z
  .object({
    min: integer(1, 40_000),
    max: integer(1, 40_000),
    /** Target tracking keeps consumed/provisioned near this percentage. */
    targetUtilizationPercent: integer(20, 90),
  })
  .refine((capacity) => capacity.min <= capacity.max, { message: 'min must not exceed max' });

const billing = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal(BillingMode.PayPerRequest) }),
  z.object({ mode: z.literal(BillingMode.Provisioned), read: autoscaledCapacity, write: autoscaledCapacity }),
]);

const lambdaSettings = z.object({
  memoryMb: integer(128, 10_240),
  timeoutSeconds: integer(1, 900),
  logLevel: z.enum([LogLevel.Debug, LogLevel.Info, LogLevel.Warn, LogLevel.Error]),
});

// The limits are AWS's (see ANCHORS.md); retries and record age must be bounded here, never -1,
// so a poison record reaches the DLQ instead of blocking its shard for 24 hours.
const streamConsumer = z.object({
  startingPosition: z.enum([StartingPosition.TrimHorizon, StartingPosition.Latest]).default(StartingPosition.TrimHorizon),
  batchSize: integer(1, 10_000),
  maximumBatchingWindowSeconds: integer(0, 300),
  maximumRetryAttempts: integer(0, 10_000),
  // AWS accepts up to 604800 s, but DynamoDB Streams keep records only 24 h.
  maximumRecordAgeSeconds: integer(60, 86_400),
  parallelizationFactor: integer(1, 10),
});

const stateBackend = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('local'),
    /** State file, relative to infra/ (never absolute: the config is the same on every machine). Default `terraform.<stack>.tfstate`. */
    path: z.string().regex(/^[^/]/, 'must be relative to infra/').optional(),
  }),
  z.object({
    kind: z.literal('s3'),
    bucket: z.string().min(3).max(63),
    key: z.string().min(1),
    region: z.string().min(1),
    /** S3-native locking (Terraform ≥ 1.10) instead of a DynamoDB lock table. */
    useLockfile: z.boolean().default(true),
  }),
]);

export const stageConfigSchema = z
  .object({
    /** Short lowercase stage name; resources are named `shop-<stage>-…`. */
    stage: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, 'use 2-12 lowercase letters or digits'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name'),
    tables: z.object({ billing, deletionProtection: z.boolean() }),
    kms: z.object({ deletionWindowDays: integer(7, 30) }),
    functions: z.object({ ordersApi: lambdaSettings, replenishmentConsumer: lambdaSettings }),
    logRetentionDays: z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), 'not a CloudWatch Logs retention period'),
    streamConsumer,
    api: z.object({ throttlingBurstLimit: integer(1, 5_000), throttlingRateLimit: z.number().min(1).max(10_000) }),
    /** Who issues the tokens every route requires. */
    auth: authConfigSchema,
    alarms: z.object({
      /** Alarm when the consumer's oldest unprocessed record is older than this. */
      iteratorAgeSeconds: integer(1, 86_400),
      /** Alarm when the API answers this many 5xx within 5 minutes. */
      api5xxPerFiveMinutes: integer(1, 1_000_000),
      emailSubscribers: z.array(z.email()).default([]),
    }),
    state: stateBackend,
  })
  .strict();

export type StageConfigInput = z.input<typeof stageConfigSchema>;
export type StageConfig = z.output<typeof stageConfigSchema>;

/**
 * Validates a stage's settings once, at synth, with every problem listed.
 *
 * @example
 * ```ts
 * export const dev = defineStage({ stage: 'dev', region: 'us-east-1', … });
 * ```
 */
export function defineStage(input: StageConfigInput): StageConfig {
  const result = stageConfigSchema.safeParse(input);
  if (!result.success) {
    throw new StageConfigError(
      typeof input.stage === 'string' ? input.stage : '?',
      validationIssues(result.error).map((issue) => describeIssue(issue, '(stage)')),
    );
  }
  return result.data;
}

/** `shop-dev`: the stack name and the prefix of every physical name in the stage. */
export const stackName = (config: Pick<StageConfig, 'stage'>): string => `shop-${config.stage}`;
