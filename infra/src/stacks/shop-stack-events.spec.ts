import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { ROUTES, routeKey } from '@shop/orders-api-contract';
import { STAGES } from '../config/stages';
import { ACCESS_LOG_FORMAT } from '../constructs/http-api';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

// Mapping, DLQ, IAM, API and alarms of the dev stage.
describe('ShopStack (dev) events, access and operations', () => {
  let dev: SynthesizedStage;
  const topic = ['${aws_sns_topic.alarms.arn}'];
  beforeAll(() => {
    dev = synthStage(STAGES.dev);
  });

  describe('Products stream → consumer mapping', () => {
    it('reads from the start of the stream with partial batch responses, bisect, bounded retries and record age', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(LambdaEventSourceMapping, {
        event_source_arn: '${aws_dynamodb_table.products.stream_arn}',
        function_name: '${aws_lambda_function.replenishment_consumer.arn}',
        starting_position: 'TRIM_HORIZON',
        batch_size: 100,
        maximum_batching_window_in_seconds: 0,
        parallelization_factor: 2,
        bisect_batch_on_function_error: true,
        maximum_retry_attempts: 10,
        maximum_record_age_in_seconds: 21_600,
        function_response_types: ['ReportBatchItemFailures'],
        metrics_config: { metrics: ['EventCount'] },
        depends_on: ['aws_iam_role_policy.replenishment_consumer'],
      });
    });

    it('sends failed batches to the DLQ and keeps only INSERT and MODIFY records not written by the consumer itself', () => {
      // Assess: two filters, ORed by Lambda: a mark other than the consumer's, or no mark at all.
      expect(dev.text).toHaveResourceWithProperties(LambdaEventSourceMapping, {
        destination_config: { on_failure: { destination_arn: '${aws_sqs_queue.replenishment_consumer_dlq.arn}' } },
        filter_criteria: {
          filter: [
            { pattern: '{"eventName":["INSERT","MODIFY"],"dynamodb":{"NewImage":{"lastChange":{"S":[{"anything-but":["replenishment-order"]}]}}}}' },
            { pattern: '{"eventName":["INSERT","MODIFY"],"dynamodb":{"NewImage":{"lastChange":{"S":[{"exists":false}]}}}}' },
          ],
        },
      });
    });
  });

  describe('dead-letter queue', () => {
    it('is KMS-encrypted with 14 days of retention', () => {
      expect(dev.text).toHaveResourceWithProperties(SqsQueue, {
        name: 'shop-dev-replenishment-consumer-dlq',
        message_retention_seconds: 1_209_600,
        kms_master_key_id: '${aws_kms_key.data_key.arn}',
      });
    });

    it('refuses every request that is not over TLS', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(SqsQueuePolicy, {
        queue_url: '${aws_sqs_queue.replenishment_consumer_dlq.url}',
        policy: '${data.aws_iam_policy_document.replenishment_consumer_dlq.json}',
      });
      expect(dev.text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          {
            sid: 'DenyInsecureTransport',
            effect: 'Deny',
            principals: [{ type: '*', identifiers: ['*'] }],
            actions: ['sqs:*'],
            resources: ['${aws_sqs_queue.replenishment_consumer_dlq.arn}'],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      });
    });
  });

  describe('roles', () => {
    it.each(['orders_api', 'replenishment_consumer'])('gives %s its own role, assumable by Lambda only, with one inline policy', (address) => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(IamRole, { assume_role_policy: `\${data.aws_iam_policy_document.${address}_trust.json}` });
      expect(dev.text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
        statement: [
          { sid: 'ServiceAssumesRole', effect: 'Allow', principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }], actions: ['sts:AssumeRole'] },
        ],
      });
      expect(dev.text).toHaveResourceWithProperties(IamRolePolicy, {
        role: `\${aws_iam_role.${address}.name}`,
        policy: `\${data.aws_iam_policy_document.${address}.json}`,
      });
    });

    it('attaches no managed policy to any role', () => {
      expect(Object.keys(dev.json.resource ?? {}).filter((type) => type.includes('policy_attachment'))).toEqual([]);
    });
  });

  describe('HTTP API', () => {
    it('proxies to the orders API with payload format 2.0', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(Apigatewayv2Api, { name: 'shop-dev-orders-api', protocol_type: 'HTTP' });
      expect(dev.text).toHaveResourceWithProperties(Apigatewayv2Integration, {
        api_id: '${aws_apigatewayv2_api.orders_api.id}',
        integration_type: 'AWS_PROXY',
        integration_method: 'POST',
        integration_uri: '${aws_lambda_function.orders_api.invoke_arn}',
        payload_format_version: '2.0',
        timeout_milliseconds: 11_000,
      });
    });

    it('has exactly one route per contract route, each to the integration behind the JWT authorizer with its scope', () => {
      // Prepare
      const routes = Object.values(dev.json.resource?.['aws_apigatewayv2_route'] ?? {});

      // Assess
      expect(routes.map((route) => route['route_key']).sort()).toEqual(ROUTES.map(routeKey).sort());
      for (const route of ROUTES) {
        expect(dev.text).toHaveResourceWithProperties(Apigatewayv2Route, {
          route_key: routeKey(route),
          operation_name: route.operationId,
          target: 'integrations/${aws_apigatewayv2_integration.orders_api.id}',
          authorization_type: 'JWT',
          authorizer_id: '${aws_apigatewayv2_authorizer.orders_api.id}',
          authorization_scopes: [route.scope],
        });
      }
    });

    it('serves the $default stage with access logs and throttling', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(Apigatewayv2Stage, {
        name: '$default',
        auto_deploy: true,
        access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.orders_api_access.arn}', format: ACCESS_LOG_FORMAT },
        default_route_settings: { throttling_burst_limit: 100, throttling_rate_limit: 50, detailed_metrics_enabled: true },
      });
      expect(dev.text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/apigateway/shop-dev-orders-api', retention_in_days: 14 });
      expect(Object.keys(JSON.parse(ACCESS_LOG_FORMAT) as object)).toEqual(expect.arrayContaining(['requestId', 'routeKey', 'status', 'integrationError']));
    });

    it('lets only this API invoke the function', () => {
      expect(dev.text).toHaveResourceWithProperties(LambdaPermission, {
        action: 'lambda:InvokeFunction',
        function_name: '${aws_lambda_function.orders_api.function_name}',
        principal: 'apigateway.amazonaws.com',
        source_arn: '${aws_apigatewayv2_api.orders_api.execution_arn}/*/*',
      });
    });
  });

  describe('alarms', () => {
    it('publish to one KMS-encrypted topic', () => {
      expect(dev.text).toHaveResourceWithProperties(SnsTopic, { name: 'shop-dev-alarms', kms_master_key_id: '${aws_kms_key.data_key.arn}' });
    });

    it.each([
      ['consumer IteratorAge', 'AWS/Lambda', 'IteratorAge', { FunctionName: '${aws_lambda_function.replenishment_consumer.function_name}' }, 'Maximum', 60_000, 'GreaterThanThreshold'],
      ['DLQ visible messages > 0', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: '${aws_sqs_queue.replenishment_consumer_dlq.name}' }, 'Maximum', 0, 'GreaterThanThreshold'],
      ['consumer errors', 'AWS/Lambda', 'Errors', { FunctionName: '${aws_lambda_function.replenishment_consumer.function_name}' }, 'Sum', 0, 'GreaterThanThreshold'],
      [
        'API 5xx',
        'AWS/ApiGateway',
        '5xx',
        { ApiId: '${aws_apigatewayv2_api.orders_api.id}', Stage: '${aws_apigatewayv2_stage.orders_api.name}' },
        'Sum',
        5,
        'GreaterThanOrEqualToThreshold',
      ],
    ] as const)('alarms on %s', (_name, namespace, metricName, dimensions, statistic, threshold, comparisonOperator) => {
      expect(dev.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        namespace,
        metric_name: metricName,
        dimensions,
        statistic,
        threshold,
        comparison_operator: comparisonOperator,
        treat_missing_data: 'notBreaching',
        alarm_actions: topic,
        ok_actions: topic,
      });
    });
  });
});
