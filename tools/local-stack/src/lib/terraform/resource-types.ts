import { UnsupportedAttributeError } from '../errors';
import type { TerraformDocument } from '@shop/shared-util-terraform-json';

/** Resource types the stack builds something from. */
export const EMULATED_RESOURCE_TYPES = [
  'aws_dynamodb_table',
  'aws_lambda_function',
  'aws_lambda_event_source_mapping',
  'aws_sqs_queue',
  'aws_apigatewayv2_api',
  'aws_apigatewayv2_route',
  'aws_apigatewayv2_integration',
  'aws_apigatewayv2_stage',
  // JWT authorizers run locally against the stack's own issuer (src/lib/auth).
  'aws_apigatewayv2_authorizer',
  // Read by the local IAM proxies (tools/local-iam): each function's DynamoDB calls are checked.
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
] as const;

const RESOURCE_POLICY = 'resource policies are not evaluated locally (infra tests check them)';
const LOCAL_ISSUER = 'the local stack signs tokens with its own issuer (npm run token); its clients\' ids are their Terraform names';
const NO_METRICS = 'CloudWatch is not emulated; the status line shows the mapping metrics';

/** Resource types that change nothing a request or a stream record would notice locally. */
export const INERT_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_lambda_permission: RESOURCE_POLICY,
  aws_sqs_queue_policy: RESOURCE_POLICY,
  aws_dynamodb_resource_policy: RESOURCE_POLICY,
  aws_kms_key: 'nothing is encrypted locally',
  aws_kms_alias: 'nothing is encrypted locally',
  aws_kms_key_policy: 'nothing is encrypted locally',
  aws_cloudwatch_log_group: 'function logs go to the console',
  aws_cloudwatch_metric_alarm: NO_METRICS,
  aws_cloudwatch_composite_alarm: NO_METRICS,
  aws_cloudwatch_dashboard: NO_METRICS,
  aws_sns_topic: 'notifications (alarm actions) are not sent locally',
  aws_sns_topic_policy: RESOURCE_POLICY,
  aws_sns_topic_subscription: 'notifications (alarm actions) are not sent locally',
  aws_sqs_queue_redrive_allow_policy: 'SQS redrive is not emulated',
  aws_lambda_function_event_invoke_config: 'applies to asynchronous invocations; the local stack invokes synchronously',
  aws_appautoscaling_target: 'DynamoDB Local does not throttle',
  aws_appautoscaling_policy: 'DynamoDB Local does not throttle',
  aws_dynamodb_contributor_insights: NO_METRICS,
  aws_apigatewayv2_domain_name: 'the local API is served on localhost',
  aws_cognito_user_pool: LOCAL_ISSUER,
  aws_cognito_user_pool_client: LOCAL_ISSUER,
  aws_cognito_user_pool_domain: LOCAL_ISSUER,
  aws_cognito_resource_server: LOCAL_ISSUER,
  aws_apigatewayv2_api_mapping: 'the local API is served on localhost',
};

/** Resource types that would change behaviour but are not emulated. */
const UNSUPPORTED_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_apigatewayv2_vpc_link: 'private integrations are not emulated',
  aws_dynamodb_table_item: 'seed items through the API instead',
  aws_dynamodb_kinesis_streaming_destination: 'Kinesis is not emulated',
  aws_lambda_alias: 'versions and aliases are not emulated',
  aws_lambda_layer_version: 'layer contents are not in the synth',
  aws_lambda_function_url: 'function URLs are not emulated',
};

/** An inert resource type present in the synth, to report once at start-up. */
export interface InertResource {
  readonly type: string;
  readonly count: number;
  readonly reason: string;
}

/**
 * Sorts every resource type of the synth: emulated, inert (reported), or refused. An unknown
 * type stops the stack with a message naming it, so infra cannot add behaviour the local stack
 * silently lacks.
 */
export function classifyResourceTypes(synth: TerraformDocument): InertResource[] {
  const inert: InertResource[] = [];
  for (const type of synth.resourceTypes()) {
    if ((EMULATED_RESOURCE_TYPES as readonly string[]).includes(type)) continue;
    const count = synth.resources(type).length;
    const reason = INERT_RESOURCE_TYPES[type];
    if (reason !== undefined) {
      inert.push({ type, count, reason });
      continue;
    }
    const address = synth.resources(type)[0]?.address ?? type;
    throw new UnsupportedAttributeError(
      address,
      'resource type',
      UNSUPPORTED_RESOURCE_TYPES[type] ?? `${type} is unknown to the local stack; add it to tools/local-stack/src/lib/terraform/resource-types.ts as emulated, inert or unsupported`,
    );
  }
  return inert;
}
