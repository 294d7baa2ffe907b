import { existsSync } from 'node:fs';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { LambdaDefaults } from '../constants';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import { checkAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import { hasInterpolation, isRecord, lambdaFunctionArn, lambdaInvokeArn, type TerraformBlock, type TerraformDocument } from '@shop/shared-util-terraform-json';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import { assertPlainResource, blockList, requiredString } from '../terraform/resource-checks';

/** A function as the synth declares it, with its environment resolved. */
export interface FunctionDefinition {
  readonly address: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly handler: string;
  readonly runtime: string;
  /** Absolute path of the deployment package (the TerraformAsset zip). */
  readonly archivePath: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /** `environment.variables` of the synth, every `${...}` resolved. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logging: { readonly format: 'Text' | 'JSON'; readonly applicationLogLevel?: string; readonly systemLogLevel?: string };
  readonly reservedConcurrency: number | undefined;
  readonly inert: readonly InertAttribute[];
}

/** Variables Lambda sets itself; a function configuration may not set them (AWS rejects it). */
export const RESERVED_ENVIRONMENT_VARIABLES = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
] as const;

const FUNCTION_POLICY: AttributePolicy = {
  applied: [
    'function_name', 'handler', 'runtime', 'filename', 'timeout', 'memory_size', 'environment', 'logging_config',
    'reserved_concurrent_executions', 'package_type',
    // Its DynamoDB calls go through the role's IAM proxy (tools/local-iam).
    'role',
  ],
  inert: {
    description: 'documentation only',
    source_code_hash: 'the archive itself is read',
    publish: 'versions are not emulated; $LATEST runs',
    architectures: 'the bundle is JavaScript and runs on this machine\'s architecture',
    tracing_config: 'X-Ray is not emulated; each invocation gets an unsampled trace header',
    kms_key_arn: 'environment variables are not encrypted locally',
    ephemeral_storage: '/tmp is not limited locally',
    dead_letter_config: 'applies to asynchronous invocations; the local stack invokes synchronously',
    vpc_config: 'there is no VPC locally',
    snap_start: 'applies to Java runtimes',
    code_signing_config_arn: 'code signing is checked at deployment',
    skip_destroy: 'Terraform lifecycle only',
    replace_security_groups_on_destroy: 'Terraform lifecycle only',
    replacement_security_group_ids: 'Terraform lifecycle only',
    recursive_loop: 'loop detection is not emulated',
  },
  unsupported: {
    layers: 'layer contents are not in the synth',
    image_uri: 'container images need Docker',
    image_config: 'container images need Docker',
    s3_bucket: 'the code must be a local archive (filename)',
    s3_key: 'the code must be a local archive (filename)',
    s3_object_version: 'the code must be a local archive (filename)',
    file_system_config: 'EFS is not emulated',
  },
};

/**
 * Reads every `aws_lambda_function`, registers its attributes (function_name, arn, invoke_arn)
 * with the resolver, then resolves each environment, so functions may refer to tables, queues
 * and one another.
 */
export function readFunctionDefinitions(synth: TerraformDocument, resolver: ReferenceResolver, region: string): FunctionDefinition[] {
  const resources = synth.resources('aws_lambda_function');
  for (const resource of resources) {
    const functionName = literal(resource, 'function_name');
    const arn = lambdaFunctionArn(localAwsEnvironment(region), functionName);
    resolver.register(resource.address, {
      id: functionName,
      function_name: functionName,
      arn,
      qualified_arn: `${arn}:$LATEST`,
      invoke_arn: lambdaInvokeArn(localAwsEnvironment(region), arn),
      qualified_invoke_arn: lambdaInvokeArn(localAwsEnvironment(region), `${arn}:$LATEST`),
      version: '$LATEST',
    });
  }
  return resources.map((resource) => readFunction(synth, resource, resolver));
}

function readFunction(synth: TerraformDocument, resource: TerraformBlock, resolver: ReferenceResolver): FunctionDefinition {
  assertPlainResource(resource);
  const inert = checkAttributes(resource, FUNCTION_POLICY);
  const packageType = resource.config['package_type'];
  if (packageType !== undefined && packageType !== 'Zip') {
    throw new UnsupportedAttributeError(resource.address, 'package_type', `only Zip packages run locally, not ${String(packageType)}`);
  }
  const functionName = literal(resource, 'function_name');
  const runtime = literal(resource, 'runtime');
  if (!/^nodejs\d+\.x$/.test(runtime)) throw new UnsupportedAttributeError(resource.address, 'runtime', `only Node.js runtimes run locally, not ${runtime}`);
  const archivePath = synth.resolvePath(literal(resource, 'filename'));
  if (!existsSync(archivePath)) {
    throw new InvalidResourceError(resource.address, `the deployment package ${archivePath} does not exist; synthesize again (npx nx run infra:synth)`);
  }
  const timeoutSeconds = integer(resource, 'timeout', LambdaDefaults.timeoutSeconds, 1, 900);
  const memorySizeMb = integer(resource, 'memory_size', LambdaDefaults.memorySizeMb, 128, 10_240);
  const reserved = resource.config['reserved_concurrent_executions'];
  if (reserved !== undefined && (typeof reserved !== 'number' || !Number.isInteger(reserved) || reserved < -1)) {
    throw new InvalidResourceError(resource.address, 'reserved_concurrent_executions must be an integer of -1 or more');
  }
  if (reserved === 0) {
    throw new UnsupportedAttributeError(resource.address, 'reserved_concurrent_executions', '0 throttles every invocation; throttling is not emulated');
  }
  return {
    address: resource.address,
    functionName,
    functionArn: resolver.attributesOf(resource.address)?.['arn'] as string,
    handler: literal(resource, 'handler'),
    runtime,
    archivePath,
    timeoutSeconds,
    memorySizeMb,
    environment: environment(resource, resolver),
    logging: logging(resource),
    reservedConcurrency: typeof reserved === 'number' && reserved > 0 ? reserved : undefined,
    inert,
  };
}

function environment(resource: TerraformBlock, resolver: ReferenceResolver): Record<string, string> {
  const [block] = blockList(resource, 'environment');
  const variables = block?.['variables'] ?? {};
  if (!isRecord(variables)) throw new InvalidResourceError(resource.address, 'environment.variables must be a map');
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if ((RESERVED_ENVIRONMENT_VARIABLES as readonly string[]).includes(name)) {
      throw new InvalidResourceError(resource.address, `environment variable ${name} is reserved by Lambda`);
    }
    if (typeof value !== 'string') throw new InvalidResourceError(resource.address, `environment variable ${name} must be a string`);
    resolved[name] = resolver.resolveString(value, `${resource.address}.environment.variables.${name}`);
  }
  return resolved;
}

function logging(resource: TerraformBlock): FunctionDefinition['logging'] {
  const [block] = blockList(resource, 'logging_config');
  if (!block) return { format: 'Text' };
  const format = block['log_format'] ?? 'Text';
  if (format !== 'Text' && format !== 'JSON') throw new InvalidResourceError(resource.address, 'logging_config.log_format must be Text or JSON');
  const level = (key: string): string | undefined => (typeof block[key] === 'string' ? (block[key] as string) : undefined);
  // log_group names where logs go in CloudWatch; locally they go to the console.
  return { format, applicationLogLevel: level('application_log_level'), systemLogLevel: level('system_log_level') };
}

function literal(resource: TerraformBlock, attribute: string): string {
  const value = requiredString(resource, attribute);
  if (hasInterpolation(value)) throw new InvalidResourceError(resource.address, `"${attribute}" must be a literal for the local stack, not ${value}`);
  return value;
}

function integer(resource: TerraformBlock, attribute: string, fallback: number, min: number, max: number): number {
  const value = resource.config[attribute] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidResourceError(resource.address, `"${attribute}" must be an integer from ${min} to ${max}`);
  }
  return value;
}
