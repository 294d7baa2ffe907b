import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { extractRolePermissions, functionRoles, type PolicyDocument } from '@shop/shared-util-iam-policy';
import {
  chainResolvers,
  createAwsReferenceResolver,
  LOCAL_AWS_ENVIRONMENT,
  resourcesOfType,
  type AwsEnvironment,
  type TerraformJson,
  type TerraformReferenceResolver,
} from '@shop/shared-util-terraform-json';
import { IamMode } from './constants';
import { LocalIamError, StreamNotProvisionedError } from './errors';
import { startIamProxy, type IamProxy } from './iam-proxy';
import type { InProcessClient } from './proxy/in-process-authorization';
import { consoleLogger, type IamProxyLogger } from './logger';
import type { IamDecision } from './proxy/request-decision';

export interface FunctionIamProxiesOptions {
  /** The synthesized stack (`cdk.tf.json`), its tables already provisioned in DynamoDB Local. */
  readonly synth: TerraformJson;
  /** DynamoDB Local's endpoint. */
  readonly target: string;
  readonly mode?: IamMode;
  readonly environment?: AwsEnvironment;
  readonly logger?: IamProxyLogger;
  /** Consulted before the built-in resolver, e.g. when tables are provisioned under other names. */
  readonly resolve?: TerraformReferenceResolver;
  readonly awsManagedPolicies?: Readonly<Record<string, PolicyDocument>>;
  /** Told every request a function's proxy decided, with the function's name. */
  readonly onDecision?: (functionName: string, decision: IamDecision) => void;
}

/** One IAM proxy per Lambda function of the synth. */
export interface FunctionIamProxies {
  /** By function name (`function_name`). */
  readonly proxies: ReadonlyMap<string, IamProxy>;
  /** The endpoint a function's DynamoDB and DynamoDB Streams clients use (its event source mapping's too); DynamoDB Local itself when off. */
  endpointFor(functionName: string): string;
  /**
   * Makes a client of this process, whose endpoint is DynamoDB Local itself, authorized as the
   * function's role by its proxy before each request leaves ({@link IamProxy.authorizeInProcess});
   * nothing to do when off.
   */
  authorizeInProcess(functionName: string, client: InProcessClient): void;
  /** Stops every proxy. */
  stop(): Promise<void>;
}

/**
 * Reads every function's execution role from the synth and starts one IAM proxy per function in
 * front of DynamoDB Local, each evaluating as `assumed-role/<role>/<function name>` — what Lambda
 * presents. Stream ARNs in policies (`${aws_dynamodb_table.x.stream_arn}`) resolve to the streams
 * DynamoDB Local created (DescribeTable), so provision the tables first.
 *
 * @throws StreamNotProvisionedError when a streamed table is missing from DynamoDB Local
 * @example
 * const iam = await startFunctionIamProxies({ synth, target: ddb.endpoint, mode: parseIamMode(flag) });
 * env.AWS_ENDPOINT_URL_DYNAMODB = env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS = iam.endpointFor('shop-dev-orders-api');
 */
export async function startFunctionIamProxies(options: FunctionIamProxiesOptions): Promise<FunctionIamProxies> {
  if (options.mode === IamMode.Off) return direct(options);
  const environment = options.environment ?? LOCAL_AWS_ENVIRONMENT;
  const streamLabels = await localStreamLabels(options.synth, options.target, environment);
  const aws = createAwsReferenceResolver(options.synth, environment, { streamLabel: (table) => streamLabels.get(table) });
  const resolve = options.resolve ? chainResolvers(options.resolve, aws) : aws;
  const roles = extractRolePermissions(options.synth, { resolve, ...(options.awsManagedPolicies ? { awsManagedPolicies: options.awsManagedPolicies } : {}) });

  const proxies = new Map<string, IamProxy>();
  try {
    for (const { functionName, role } of functionRoles(options.synth, roles)) {
      const proxy = await startIamProxy({
        target: options.target,
        roleArn: role.roleArn,
        policies: role.policies,
        ...(role.permissionsBoundary ? { permissionsBoundary: role.permissionsBoundary } : {}),
        sessionName: functionName,
        mode: options.mode ?? IamMode.Enforce,
        environment,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.onDecision ? { onDecision: (decision: IamDecision) => options.onDecision?.(functionName, decision) } : {}),
      });
      proxies.set(functionName, proxy);
    }
  } catch (error) {
    await Promise.all([...proxies.values()].map((p) => p.stop()));
    throw error;
  }

  const proxyOf = (functionName: string): IamProxy => {
    const proxy = proxies.get(functionName);
    if (!proxy) throw new LocalIamError(`No IAM proxy for function ${functionName}; the synth has ${[...proxies.keys()].join(', ') || 'none'}`);
    return proxy;
  };
  return {
    proxies,
    endpointFor: (functionName) => proxyOf(functionName).endpoint,
    authorizeInProcess: (functionName, client) => proxyOf(functionName).authorizeInProcess(client),
    stop: async () => {
      await Promise.all([...proxies.values()].map((p) => p.stop()));
    },
  };
}

/**
 * `--iam off` is the escape hatch: no proxy, no policy reading (so a policy this tool cannot read
 * does not block it); every function talks to DynamoDB Local directly.
 */
function direct(options: FunctionIamProxiesOptions): FunctionIamProxies {
  const functionNames = resourcesOfType(options.synth, 'aws_lambda_function').map(({ config }) => String(config['function_name']));
  (options.logger ?? consoleLogger).info(`local-iam: off; functions reach DynamoDB Local directly at ${options.target}`, { mode: IamMode.Off });
  const checkKnown = (functionName: string): void => {
    if (!functionNames.includes(functionName)) throw new LocalIamError(`No function ${functionName}; the synth has ${functionNames.join(', ') || 'none'}`);
  };
  return {
    proxies: new Map(),
    endpointFor(functionName) {
      checkKnown(functionName);
      return options.target;
    },
    // Off: nothing to authorize, but a name the synth does not have is still an error.
    authorizeInProcess: (functionName) => checkKnown(functionName),
    stop: async () => undefined,
  };
}

/**
 * The label of each streamed table's current stream, read from DynamoDB Local. Only literal table
 * names are looked up; a computed name fails later, naming the reference.
 */
async function localStreamLabels(synth: TerraformJson, target: string, env: AwsEnvironment): Promise<Map<string, string>> {
  const names = resourcesOfType(synth, 'aws_dynamodb_table')
    .filter(({ config }) => config['stream_enabled'] === true && typeof config['name'] === 'string' && !String(config['name']).includes('${'))
    .map(({ config }) => String(config['name']));
  if (names.length === 0) return new Map();
  const client = new DynamoDBClient({ endpoint: target, region: env.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const labels = await Promise.all(
      names.map(async (tableName) => {
        const table = await client.send(new DescribeTableCommand({ TableName: tableName })).catch((error: unknown) => {
          throw new StreamNotProvisionedError(tableName, { cause: error });
        });
        const label = table.Table?.LatestStreamLabel;
        if (!label) throw new StreamNotProvisionedError(tableName);
        return [tableName, label] as const;
      }),
    );
    return new Map(labels);
  } finally {
    client.destroy();
  }
}
