import type { FunctionDefinition } from './function-definition';

/** How the local stack reaches AWS's stand-ins. */
export interface LocalEndpoints {
  readonly region: string;
  /**
   * Where the function reaches DynamoDB and DynamoDB Streams (`AWS_ENDPOINT_URL_DYNAMODB`,
   * `AWS_ENDPOINT_URL_DYNAMODB_STREAMS`, the only way the handlers find it): its role's IAM proxy
   * in front of DynamoDB Local, or DynamoDB Local itself with `--iam off`.
   */
  readonly dynamodbEndpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * The complete environment of a function instance: what Lambda sets in every execution
 * environment, then the synthesized variables, then the local endpoint. Nothing of the host's
 * environment leaks in except PATH, so a handler sees locally what it sees on Lambda.
 */
export function lambdaEnvironment(definition: FunctionDefinition, codeDirectory: string, endpoints: LocalEndpoints): Record<string, string> {
  const runtimeEnvironment: Record<string, string> = {
    AWS_REGION: endpoints.region,
    AWS_DEFAULT_REGION: endpoints.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.functionName}`,
    AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    _HANDLER: definition.handler,
    LAMBDA_TASK_ROOT: codeDirectory,
    LANG: 'en_US.UTF-8',
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    ...(definition.logging.format === 'JSON' && {
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_LOG_LEVEL: definition.logging.applicationLogLevel ?? 'INFO',
    }),
  };
  return {
    ...runtimeEnvironment,
    ...definition.environment,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodbEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodbEndpoint,
  };
}
