import { createHash } from 'node:crypto';
import {
  dynamoDbStreamArn,
  dynamoDbTableArn,
  iamPolicyArn,
  iamRoleArn,
  kmsAliasArn,
  kmsKeyArn,
  lambdaFunctionArn,
  lambdaInvokeArn,
  logGroupArn,
  s3BucketArn,
  snsTopicArn,
  sqsQueueArn,
  sqsQueueUrl,
  type AwsEnvironment,
} from './arns';
import { UnresolvableReferenceError } from './errors';
import type { TerraformReferenceResolver } from './expression';
import type { TerraformReference } from './template';
import { blockAt, literalAttribute, type TerraformBlock, type TerraformJson } from './terraform-json';

/** What the synth cannot say offline. */
export interface AwsReferenceResolverOptions {
  /**
   * A table's stream label (its `LatestStreamLabel`, the stream's creation time), needed to resolve
   * `stream_arn`. Locally: DynamoDB Local's DescribeTable. In tests: any fixed label.
   */
  readonly streamLabel?: (tableName: string, address: string) => string | undefined;
  /** A KMS key's id; by default a stable UUID derived from the key's address (AWS assigns a random one). */
  readonly kmsKeyId?: (address: string) => string;
}

type AttributeResolver = (ctx: { block: TerraformBlock; attribute: string; env: AwsEnvironment; options: AwsReferenceResolverOptions }) => string | undefined;

const name = (attribute: string) => (ctx: Parameters<AttributeResolver>[0]) => required(ctx, attribute);

/**
 * Per resource type, how AWS builds the attributes policies reference, from the declared arguments.
 * Only literal arguments are read; anything computed is reported, not guessed.
 */
const RESOURCE_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttributeResolver>>>> = {
  aws_dynamodb_table: {
    name: name('name'),
    id: name('name'),
    arn: (ctx) => dynamoDbTableArn(ctx.env, required(ctx, 'name')),
    stream_label: (ctx) => streamLabelOf(ctx),
    stream_arn: (ctx) => dynamoDbStreamArn(ctx.env, required(ctx, 'name'), streamLabelOf(ctx)),
  },
  aws_sqs_queue: {
    name: name('name'),
    arn: (ctx) => sqsQueueArn(ctx.env, required(ctx, 'name')),
    url: (ctx) => sqsQueueUrl(ctx.env, required(ctx, 'name')),
    id: (ctx) => sqsQueueUrl(ctx.env, required(ctx, 'name')),
  },
  aws_sns_topic: {
    name: name('name'),
    arn: (ctx) => snsTopicArn(ctx.env, required(ctx, 'name')),
    id: (ctx) => snsTopicArn(ctx.env, required(ctx, 'name')),
  },
  aws_kms_key: {
    key_id: (ctx) => kmsKeyIdOf(ctx),
    id: (ctx) => kmsKeyIdOf(ctx),
    arn: (ctx) => kmsKeyArn(ctx.env, kmsKeyIdOf(ctx)),
  },
  aws_kms_alias: {
    name: name('name'),
    arn: (ctx) => kmsAliasArn(ctx.env, required(ctx, 'name')),
  },
  aws_cloudwatch_log_group: {
    name: name('name'),
    id: name('name'),
    // Since AWS provider v4 the attribute has no trailing ":*"; policies add it themselves.
    arn: (ctx) => logGroupArn(ctx.env, required(ctx, 'name')),
  },
  aws_iam_role: {
    name: name('name'),
    id: name('name'),
    arn: (ctx) => iamRoleArn(ctx.env, required(ctx, 'name'), literalAttribute(ctx.block, 'path')),
  },
  aws_iam_policy: {
    name: name('name'),
    arn: (ctx) => iamPolicyArn(ctx.env, required(ctx, 'name'), literalAttribute(ctx.block, 'path')),
    id: (ctx) => iamPolicyArn(ctx.env, required(ctx, 'name'), literalAttribute(ctx.block, 'path')),
  },
  aws_lambda_function: {
    function_name: name('function_name'),
    id: name('function_name'),
    arn: (ctx) => lambdaArn(ctx),
    qualified_arn: (ctx) => `${lambdaArn(ctx)}:$LATEST`,
    invoke_arn: (ctx) => lambdaInvokeArn(ctx.env, lambdaArn(ctx)),
  },
  aws_s3_bucket: {
    bucket: name('bucket'),
    id: name('bucket'),
    arn: (ctx) => s3BucketArn(ctx.env, required(ctx, 'bucket')),
  },
};

const DATA_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, (env: AwsEnvironment) => string>>>> = {
  aws_caller_identity: { account_id: (env) => env.account, id: (env) => env.account },
  aws_region: { name: (env) => env.region, region: (env) => env.region, id: (env) => env.region },
  aws_partition: { partition: (env) => env.partition, id: (env) => env.partition, dns_suffix: () => 'amazonaws.com' },
};

/**
 * Resolves the references IAM policies make (`${aws_dynamodb_table.x.arn}`, `.stream_arn`,
 * `${aws_sqs_queue.x.arn}`, `${aws_kms_key.x.arn}`, log groups, roles, functions,
 * `${data.aws_caller_identity.x.account_id}`, `${data.aws_region.x.name}`, ...) the way AWS builds
 * those values, for the given account and region. Returns `undefined` for anything else, so it
 * chains after a caller's own resolver.
 *
 * @example
 * const resolve = createAwsReferenceResolver(synth, LOCAL_AWS_ENVIRONMENT, { streamLabel: () => '2024-01-01T00:00:00.000' });
 */
export function createAwsReferenceResolver(
  synth: TerraformJson,
  env: AwsEnvironment,
  options: AwsReferenceResolverOptions = {},
): TerraformReferenceResolver {
  return (reference: TerraformReference) => {
    if (reference.kind === 'data') return DATA_ATTRIBUTES[reference.type]?.[reference.attribute]?.(env);
    if (reference.kind !== 'resource') return undefined;
    const resolver = RESOURCE_ATTRIBUTES[reference.type]?.[reference.attribute];
    if (!resolver) return undefined;
    const block = blockAt(synth, reference.address);
    if (!block) throw new UnresolvableReferenceError(reference.expression, `${reference.address} is not declared in the synth`);
    return resolver({ block, attribute: reference.attribute, env, options });
  };
}

function required(ctx: Parameters<AttributeResolver>[0], attribute: string): string {
  const value = literalAttribute(ctx.block, attribute);
  if (value === undefined) {
    throw new UnresolvableReferenceError(`${ctx.block.address}.${ctx.attribute}`, `${ctx.block.address} declares no literal ${attribute} (AWS would generate one)`);
  }
  return value;
}

function streamLabelOf(ctx: Parameters<AttributeResolver>[0]): string {
  const tableName = required(ctx, 'name');
  if (ctx.block.config['stream_enabled'] !== true) {
    throw new UnresolvableReferenceError(`${ctx.block.address}.${ctx.attribute}`, `${ctx.block.address} has no stream (stream_enabled is not true)`);
  }
  const label = ctx.options.streamLabel?.(tableName, ctx.block.address);
  if (!label) {
    throw new UnresolvableReferenceError(`${ctx.block.address}.${ctx.attribute}`, `no stream label for table ${tableName}; pass streamLabel`);
  }
  return label;
}

function kmsKeyIdOf(ctx: Parameters<AttributeResolver>[0]): string {
  if (ctx.options.kmsKeyId) return ctx.options.kmsKeyId(ctx.block.address);
  const hex = createHash('sha256').update(ctx.block.address).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function lambdaArn(ctx: Parameters<AttributeResolver>[0]): string {
  return lambdaFunctionArn(ctx.env, required(ctx, 'function_name'));
}
