import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { EventSourceMappingMetric, OrdersApiMetric, ReplenishmentMetric } from '@shop/shared-util-lambda';
import { STAGES } from '../config/stages';
import type { DashboardWidget } from '../constructs/dashboard';
import { dashboardMetricProblems } from '../synth-checks/dashboard-metrics';
import { emittedShopMetrics } from '../testing/emitted-metrics';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

describe.each(Object.values(STAGES).map((config) => [config.stage, config] as const))('the %s stage\'s operations view', (stage, config) => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthStage(config);
  });

  it('switches the mapping\'s EventCount metrics on and alarms on failed invokes and dropped events', () => {
    // Assess
    expect(synth.text).toHaveResourceWithProperties(LambdaEventSourceMapping, { metrics_config: { metrics: ['EventCount'] } });
    for (const [name, metric] of [
      ['mapping-failed-invokes', EventSourceMappingMetric.FailedInvokeEventCount],
      ['mapping-dropped-events', EventSourceMappingMetric.DroppedEventCount],
    ]) {
      expect(synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `shop-${stage}-replenishment-consumer-${name}`,
        namespace: 'AWS/Lambda',
        metric_name: metric,
        dimensions: { EventSourceMappingUUID: '${aws_lambda_event_source_mapping.products_stream_to_replenishment_consumer.uuid}' },
        threshold: 0,
        comparison_operator: 'GreaterThanThreshold',
        alarm_actions: ['${aws_sns_topic.alarms.arn}'],
      });
    }
  });

  it('has one dashboard whose every widget charts a metric something publishes', () => {
    // Prepare
    const { widgets } = synth.stack.dashboard;
    // Act
    const problems = dashboardMetricProblems(widgets, emittedShopMetrics(), synth.json);
    // Assess
    expect(synth.text).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: `shop-${stage}` });
    expect(problems).toEqual([]);
    const charted = new Set(widgets.flatMap((widget) => widget.metrics.map((metric) => metric.name)));
    for (const name of [...Object.values(OrdersApiMetric), ...Object.values(ReplenishmentMetric), ...Object.values(EventSourceMappingMetric)]) expect(charted).toContain(name);
    for (const name of ['IteratorAge', 'ApproximateNumberOfMessagesVisible', '4xx', '5xx', 'Latency', 'Errors', 'Throttles', 'Duration']) expect(charted).toContain(name);
  });

  it('fails the check on a widget whose metric nothing emits, misspelt or without EventCount', () => {
    // Prepare
    const broken: DashboardWidget[] = [
      { title: 'typo', metrics: [{ namespace: 'Shop', name: 'OrderPlaced', dimensions: { service: 'orders-api' }, stat: 'Sum', label: 'x' }] },
      { title: 'wrong service', metrics: [{ namespace: 'Shop', name: OrdersApiMetric.OrdersPlaced, dimensions: { service: 'replenishment-consumer' }, stat: 'Sum', label: 'x' }] },
      { title: 'aws typo', metrics: [{ namespace: 'AWS/Lambda', name: 'Error', dimensions: { FunctionName: 'f' }, stat: 'Sum', label: 'x' }] },
      { title: 'esm', metrics: [{ namespace: 'AWS/Lambda', name: EventSourceMappingMetric.DroppedEventCount, dimensions: { EventSourceMappingUUID: 'u' }, stat: 'Sum', label: 'x' }] },
    ];
    const withoutEventCounts = JSON.parse(synth.text.replaceAll('"EventCount"', '"Other"')) as typeof synth.json;
    // Act
    const problems = dashboardMetricProblems(broken, emittedShopMetrics(), withoutEventCounts);
    // Assess
    expect(problems.map(({ widget, problem }) => `${widget}: ${problem}`)).toEqual([
      'typo: no code emits it under service "orders-api"',
      'wrong service: no code emits it under service "replenishment-consumer"',
      'aws typo: not a metric AWS publishes in AWS/Lambda',
      'esm: no event source mapping has metrics_config EventCount',
    ]);
  });
});
