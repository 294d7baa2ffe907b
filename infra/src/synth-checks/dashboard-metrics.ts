import { EVENT_COUNT_METRICS, EventSourceMappingMetric, METRICS_NAMESPACE } from '@shop/shared-util-lambda';
import { awsMetricNames } from '../constructs/aws-metrics';
import type { DashboardWidget } from '../constructs/dashboard';
import { resourcesOfType, type TerraformJson } from '@shop/shared-util-terraform-json';

/** A dashboard line that charts a metric nothing publishes. */
export interface DashboardMetricProblem {
  readonly widget: string;
  readonly metric: string;
  readonly problem: string;
}

/** The shop's own metrics the code emits, by the `service` dimension they are emitted under. */
export type EmittedMetrics = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Every widget line whose metric would stay empty: a shop metric no code emits under that service,
 * an event source mapping metric while no mapping's `metrics_config` asks for EventCount, or an
 * AWS metric that is not one AWS publishes (see `AwsMetric`).
 *
 * @example
 * ```ts
 * expect(dashboardMetricProblems(stack.dashboard.widgets, emittedShopMetrics(), json)).toEqual([]);
 * ```
 */
export function dashboardMetricProblems(widgets: readonly DashboardWidget[], emitted: EmittedMetrics, json: TerraformJson): DashboardMetricProblem[] {
  const eventCountsOn = resourcesOfType(json, 'aws_lambda_event_source_mapping').some(({ config }) => {
    const metricsConfig = config['metrics_config'] as { metrics?: unknown } | undefined;
    return Array.isArray(metricsConfig?.metrics) && metricsConfig.metrics.includes(EVENT_COUNT_METRICS);
  });
  const esmMetrics: readonly string[] = Object.values(EventSourceMappingMetric);
  const problems: DashboardMetricProblem[] = [];
  for (const widget of widgets) {
    for (const metric of widget.metrics) {
      const report = (problem: string) => problems.push({ widget: widget.title, metric: `${metric.namespace} ${metric.name}`, problem });
      if (metric.namespace === METRICS_NAMESPACE) {
        const service = metric.dimensions['service'] ?? '';
        if (!emitted.get(service)?.has(metric.name)) report(`no code emits it under service ${JSON.stringify(service)}`);
      } else if ('EventSourceMappingUUID' in metric.dimensions) {
        if (!esmMetrics.includes(metric.name)) report('not an event source mapping metric');
        else if (!eventCountsOn) report(`no event source mapping has metrics_config ${EVENT_COUNT_METRICS}`);
      } else if (!awsMetricNames(metric.namespace).includes(metric.name)) {
        report(`not a metric AWS publishes in ${metric.namespace}`);
      }
    }
  }
  return problems;
}
