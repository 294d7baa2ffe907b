/**
 * A whole synth in miniature, shaped like infra's: a products table with its stream, an SQS
 * on-failure queue, a consumer function on the stream (a fixture handler) and optionally an HTTP
 * API in front of an echo function. Tests override the mapping and environments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureArchive, lambdaFunction } from './function-fixtures';
import { streamTable, terraformJson, type Block, type ResourceBlocks } from './terraform-fixtures';

export interface FixtureStackOptions {
  readonly prefix: string;
  readonly stackDirectory: string;
  /** Attributes of the aws_lambda_event_source_mapping (merged over the defaults below). */
  readonly mapping?: Block;
  /** Extra environment of the consumer (FAIL_MODE, INVOCATION_LOG, …). */
  readonly consumerEnvironment?: Record<string, string>;
  readonly consumerOverrides?: Block;
  /** Adds an HTTP API (`$default` stage) whose routes all go to the echo function. */
  readonly apiRoutes?: readonly string[];
  readonly api?: Block;
  /**
   * A JWT authorizer on every route, shaped like infra's (Cognito issuer, app client audiences);
   * each route requires the scopes listed for its key (none when it is not listed).
   */
  readonly jwtAuthorizer?: { readonly audience: readonly string[]; readonly routeScopes: Readonly<Record<string, readonly string[]>> };
  /** The statements of the functions' role policy. Default: {@link STREAM_READ_STATEMENT}, what a stream consumer needs. */
  readonly roleStatements?: readonly Block[];
}

/** Lets the role read the products table's stream (what Lambda needs for the mapping). */
export const STREAM_READ_STATEMENT: Block = {
  Sid: 'ReadProductsStream',
  Effect: 'Allow',
  Action: ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'],
  Resource: '${aws_dynamodb_table.products.stream_arn}',
};

/** Writes `cdk.tf.json` and its asset archives into `stackDirectory`; returns the synth's path. */
export function writeFixtureStack(options: FixtureStackOptions): string {
  const { prefix, stackDirectory } = options;
  mkdirSync(stackDirectory, { recursive: true });
  const resource: ResourceBlocks = {
    aws_dynamodb_table: { products: streamTable(`${prefix}-products`) },
    aws_sqs_queue: { dlq: { name: `${prefix}-consumer-dlq`, message_retention_seconds: 1_209_600, sqs_managed_sse_enabled: true } },
    aws_iam_role: {
      fixture_role: {
        name: `${prefix}-role`,
        assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      },
    },
    aws_iam_role_policy: {
      fixture_policy: {
        name: `${prefix}-policy`,
        role: '${aws_iam_role.fixture_role.id}',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: options.roleStatements ?? [STREAM_READ_STATEMENT] }),
      },
    },
    aws_lambda_function: {
      consumer: lambdaFunction(
        `${prefix}-consumer`,
        fixtureArchive(stackDirectory, 'consumer-asset', 'stream-consumer.cjs'),
        { PRODUCTS_TABLE_NAME: '${aws_dynamodb_table.products.name}', ...options.consumerEnvironment },
        options.consumerOverrides,
      ),
    },
    aws_lambda_event_source_mapping: {
      consumer_mapping: {
        function_name: '${aws_lambda_function.consumer.arn}',
        event_source_arn: '${aws_dynamodb_table.products.stream_arn}',
        starting_position: 'TRIM_HORIZON',
        batch_size: 10,
        destination_config: { on_failure: { destination_arn: '${aws_sqs_queue.dlq.arn}' } },
        ...options.mapping,
      },
    },
  };
  if (options.apiRoutes) {
    Object.assign(resource, {
      aws_apigatewayv2_api: { http: { name: `${prefix}-api`, protocol_type: 'HTTP', ...options.api } },
      aws_apigatewayv2_stage: { default_stage: { api_id: '${aws_apigatewayv2_api.http.id}', name: '$default', auto_deploy: true } },
      aws_apigatewayv2_integration: {
        echo_integration: {
          api_id: '${aws_apigatewayv2_api.http.id}',
          integration_type: 'AWS_PROXY',
          integration_uri: '${aws_lambda_function.echo.invoke_arn}',
          payload_format_version: '2.0',
          timeout_milliseconds: 1000,
        },
      },
      aws_apigatewayv2_route: Object.fromEntries(
        options.apiRoutes.map((routeKey, i) => [
          `route_${i}`,
          {
            api_id: '${aws_apigatewayv2_api.http.id}',
            route_key: routeKey,
            target: 'integrations/${aws_apigatewayv2_integration.echo_integration.id}',
            ...(options.jwtAuthorizer && { authorization_type: 'JWT', authorizer_id: '${aws_apigatewayv2_authorizer.jwt.id}', authorization_scopes: options.jwtAuthorizer.routeScopes[routeKey] ?? [] }),
          },
        ]),
      ),
      ...(options.jwtAuthorizer && {
        aws_apigatewayv2_authorizer: {
          jwt: {
            api_id: '${aws_apigatewayv2_api.http.id}',
            name: `${prefix}-jwt`,
            authorizer_type: 'JWT',
            identity_sources: ['$request.header.Authorization'],
            jwt_configuration: { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_fixture', audience: options.jwtAuthorizer.audience },
          },
        },
      }),
      aws_lambda_permission: { api_invoke: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.echo.function_name}', principal: 'apigateway.amazonaws.com' } },
    });
    (resource['aws_lambda_function'] as Record<string, Block>)['echo'] = lambdaFunction(`${prefix}-echo`, fixtureArchive(stackDirectory, 'echo-asset', 'http-echo.cjs'), {
      PRODUCTS_TABLE_NAME: '${aws_dynamodb_table.products.name}',
    });
  }
  const synthPath = path.join(stackDirectory, 'cdk.tf.json');
  writeFileSync(synthPath, JSON.stringify(terraformJson(resource), null, 2));
  return synthPath;
}
