import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { EventSourceMappingMetric } from '@shop/shared-util-lambda';
import { Construct } from 'constructs';
import { AwsMetric } from './aws-metrics';
import { pinAddress } from './policy-document';

export interface AlarmsProps {
  readonly namePrefix: string;
  readonly kmsKeyArn: string;
  readonly consumerFunctionName: string;
  readonly deadLetterQueueName: string;
  /** The Products stream mapping, whose EventCount metrics carry its UUID. */
  readonly mappingUuid: string;
  readonly apiId: string;
  readonly apiStageName: string;
  readonly iteratorAgeSeconds: number;
  readonly api5xxPerFiveMinutes: number;
  readonly emailSubscribers: readonly string[];
}

type AlarmSettings = Pick<
  CloudwatchMetricAlarmConfig,
  'namespace' | 'metricName' | 'dimensions' | 'statistic' | 'period' | 'evaluationPeriods' | 'threshold' | 'comparisonOperator' | 'alarmDescription'
>;

/**
 * The alarms that say the system is failing its promise, all to one (encrypted) SNS topic:
 * the consumer falling behind (IteratorAge), giving up on a batch (DLQ not empty), failing
 * (Errors), the mapping failing to invoke it or dropping events (its EventCount metrics), and the
 * API failing its callers (5xx).
 */
export class Alarms extends Construct {
  readonly topic: SnsTopic;
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = pinAddress(new SnsTopic(this, 'topic', { name: `${props.namePrefix}-alarms`, kmsMasterKeyId: props.kmsKeyArn }), 'alarms');
    props.emailSubscribers.forEach((email, index) =>
      pinAddress(new SnsTopicSubscription(this, `email-${index}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }), `alarms_email_${index}`),
    );

    const alarm = (address: string, name: string, settings: AlarmSettings): CloudwatchMetricAlarm =>
      pinAddress(
        new CloudwatchMetricAlarm(this, address, {
          alarmName: `${props.namePrefix}-${name}`,
          ...settings,
          treatMissingData: 'notBreaching',
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
        address,
      );

    this.alarms = [
      alarm('consumer_iterator_age', 'replenishment-consumer-iterator-age', {
        alarmDescription: `The replenishment consumer is more than ${props.iteratorAgeSeconds} s behind the Products stream`,
        namespace: AwsMetric.Lambda.namespace,
        metricName: AwsMetric.Lambda.IteratorAge,
        dimensions: { FunctionName: props.consumerFunctionName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 5,
        threshold: props.iteratorAgeSeconds * 1000,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      alarm('dlq_visible_messages', 'replenishment-consumer-dlq-not-empty', {
        alarmDescription: 'The stream mapping gave up on a batch: redrive it from the stream within 24 h',
        namespace: AwsMetric.Sqs.namespace,
        metricName: AwsMetric.Sqs.ApproximateNumberOfMessagesVisible,
        dimensions: { QueueName: props.deadLetterQueueName },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      alarm('consumer_errors', 'replenishment-consumer-errors', {
        alarmDescription: 'The replenishment consumer failed invocations',
        namespace: AwsMetric.Lambda.namespace,
        metricName: AwsMetric.Lambda.Errors,
        dimensions: { FunctionName: props.consumerFunctionName },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      alarm('mapping_failed_invokes', 'replenishment-consumer-mapping-failed-invokes', {
        alarmDescription: 'The Products stream mapping could not invoke the consumer or the invocation failed (retried; the DLQ follows when retries run out)',
        namespace: AwsMetric.Lambda.namespace,
        metricName: EventSourceMappingMetric.FailedInvokeEventCount,
        dimensions: { EventSourceMappingUUID: props.mappingUuid },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      alarm('mapping_dropped_events', 'replenishment-consumer-mapping-dropped-events', {
        alarmDescription: 'The Products stream mapping dropped events (retries or record age exhausted): check the DLQ and redrive within 24 h',
        namespace: AwsMetric.Lambda.namespace,
        metricName: EventSourceMappingMetric.DroppedEventCount,
        dimensions: { EventSourceMappingUUID: props.mappingUuid },
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      alarm('api_5xx', 'orders-api-5xx', {
        alarmDescription: `The orders API answered ${props.api5xxPerFiveMinutes} or more 5xx in 5 minutes`,
        namespace: AwsMetric.ApiGateway.namespace,
        metricName: AwsMetric.ApiGateway.ServerErrors,
        dimensions: { ApiId: props.apiId, Stage: props.apiStageName },
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: props.api5xxPerFiveMinutes,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    ];
  }
}
