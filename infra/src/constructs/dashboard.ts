import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { EventSourceMappingMetric, METRICS_NAMESPACE, OrdersApiMetric, ReplenishmentMetric, SdkMetric } from '@shop/shared-util-lambda';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsMetric } from './aws-metrics';
import { pinAddress } from './policy-document';

/** One line of a widget: a metric, its dimensions and statistic. */
export interface DashboardMetric {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly label: string;
}

export interface DashboardWidget {
  readonly title: string;
  readonly metrics: readonly DashboardMetric[];
}

export interface DashboardProps {
  readonly dashboardName: string;
  readonly region: string;
  /** The `service` dimension Powertools gives each function's metrics (POWERTOOLS_SERVICE_NAME). */
  readonly services: { readonly ordersApi: string; readonly replenishmentConsumer: string };
  readonly functions: ReadonlyArray<{ readonly label: string; readonly functionName: string }>;
  readonly consumerFunctionName: string;
  readonly mappingUuid: string;
  readonly deadLetterQueueName: string;
  readonly apiId: string;
  readonly apiStageName: string;
}

const PERIOD_SECONDS = 60;
const WIDTH = 12;
const HEIGHT = 6;

/**
 * The on-call view of one stage: orders placed and refused, shortfalls decided and replenishments
 * ordered, transaction conflicts and retries, the consumer's lag, the mapping's event counts, the
 * DLQ, the API's errors and latency, and each function's errors, throttles and duration. Metric
 * names come from `@shop/shared-util-lambda` (what the code emits) and `AwsMetric` (what AWS
 * publishes); `widgets` is what the synth checks read.
 */
export class Dashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly widgets: readonly DashboardWidget[];

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const shop = (service: string, name: string, label: string): DashboardMetric => ({ namespace: METRICS_NAMESPACE, name, dimensions: { service }, stat: 'Sum', label });
    const { ordersApi, replenishmentConsumer } = props.services;
    const lambda = (functionName: string, name: string, stat: string, label: string): DashboardMetric => ({ namespace: AwsMetric.Lambda.namespace, name, dimensions: { FunctionName: functionName }, stat, label });
    const api = (name: string, stat: string, label: string): DashboardMetric => ({ namespace: AwsMetric.ApiGateway.namespace, name, dimensions: { ApiId: props.apiId, Stage: props.apiStageName }, stat, label });
    const mapping = (name: string): DashboardMetric => ({ namespace: AwsMetric.Lambda.namespace, name, dimensions: { EventSourceMappingUUID: props.mappingUuid }, stat: 'Sum', label: name });

    this.widgets = [
      {
        title: 'Orders placed and refused',
        metrics: [
          shop(ordersApi, OrdersApiMetric.OrdersPlaced, 'placed'),
          shop(ordersApi, OrdersApiMetric.OutOfStock, 'refused: out of stock'),
          shop(ordersApi, OrdersApiMetric.InvalidOrders, 'refused: invalid'),
        ],
      },
      {
        title: 'Shortfalls decided and replenishments ordered',
        metrics: [
          shop(replenishmentConsumer, ReplenishmentMetric.Transactions, 'shortfalls decided'),
          shop(replenishmentConsumer, ReplenishmentMetric.OrdersCreated, 'replenishments ordered'),
          shop(replenishmentConsumer, ReplenishmentMetric.SupersededDecisions, 'left to a later record'),
          shop(replenishmentConsumer, ReplenishmentMetric.CoalescedRecords, 'records coalesced in a batch'),
          shop(replenishmentConsumer, ReplenishmentMetric.FailedRecords, 'records failed'),
        ],
      },
      {
        title: 'Transactions: conflicts and retries; DynamoDB calls retried by the SDK',
        metrics: [
          shop(ordersApi, OrdersApiMetric.TransactionConflicts, 'orders: conflicts'),
          shop(ordersApi, OrdersApiMetric.TransactionRetries, 'orders: retried'),
          shop(replenishmentConsumer, ReplenishmentMetric.TransactionConflicts, 'replenishments: conflicts'),
          shop(ordersApi, SdkMetric.DynamoDBRetries, 'orders API: SDK retries'),
          shop(replenishmentConsumer, SdkMetric.DynamoDBRetries, 'consumer: SDK retries'),
        ],
      },
      { title: 'Consumer iterator age (ms)', metrics: [lambda(props.consumerFunctionName, AwsMetric.Lambda.IteratorAge, 'Maximum', 'iterator age')] },
      { title: 'Products stream mapping: events', metrics: Object.values(EventSourceMappingMetric).map(mapping) },
      {
        title: 'DLQ depth (messages)',
        metrics: [{ namespace: AwsMetric.Sqs.namespace, name: AwsMetric.Sqs.ApproximateNumberOfMessagesVisible, dimensions: { QueueName: props.deadLetterQueueName }, stat: 'Maximum', label: 'visible' }],
      },
      { title: 'API errors', metrics: [api(AwsMetric.ApiGateway.ClientErrors, 'Sum', '4xx'), api(AwsMetric.ApiGateway.ServerErrors, 'Sum', '5xx')] },
      { title: 'API latency (ms)', metrics: [api(AwsMetric.ApiGateway.Latency, 'p50', 'p50'), api(AwsMetric.ApiGateway.Latency, 'p99', 'p99')] },
      ...props.functions.flatMap(({ label, functionName }) => [
        { title: `${label}: errors and throttles`, metrics: [lambda(functionName, AwsMetric.Lambda.Errors, 'Sum', 'errors'), lambda(functionName, AwsMetric.Lambda.Throttles, 'Sum', 'throttles')] },
        { title: `${label}: duration (ms)`, metrics: [lambda(functionName, AwsMetric.Lambda.Duration, 'p50', 'p50'), lambda(functionName, AwsMetric.Lambda.Duration, 'p99', 'p99'), lambda(functionName, AwsMetric.Lambda.Duration, 'Maximum', 'max')] },
      ]),
    ];

    // jsonencode: the body holds references (API id, mapping UUID), which a JSON string cannot carry through CDKTF's HCL output.
    const body = {
      widgets: this.widgets.map((widget, index) => ({
        type: 'metric',
        x: (index % 2) * WIDTH,
        y: Math.floor(index / 2) * HEIGHT,
        width: WIDTH,
        height: HEIGHT,
        properties: {
          title: widget.title,
          region: props.region,
          view: 'timeSeries',
          period: PERIOD_SECONDS,
          metrics: widget.metrics.map((metric) => [metric.namespace, metric.name, ...Object.entries(metric.dimensions).flat(), { stat: metric.stat, label: metric.label }]),
        },
      })),
    };
    this.dashboard = pinAddress(new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: Fn.jsonencode(body) }), 'operations');
  }
}
