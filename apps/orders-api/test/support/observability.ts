import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Observability } from '@shop/shared-util-lambda';

export interface RecordingObservability {
  readonly observability: Observability;
  /** Sum of each metric added since the start (published or not). */
  metricTotals(): Record<string, number>;
}

/**
 * Powertools Logger and Metrics that keep tests quiet: the logger logs nothing below `logLevel`
 * (default SILENT) and metrics are recorded instead of printed as EMF.
 */
export function recordingObservability(logLevel: 'SILENT' | 'ERROR' | 'INFO' = 'SILENT'): RecordingObservability {
  const logger = new Logger({ serviceName: 'orders-api-test', logLevel });
  const metrics = new Metrics({ serviceName: 'orders-api-test', namespace: 'ShopTest' });
  const totals: Record<string, number> = {};
  const addMetric = metrics.addMetric.bind(metrics);
  jest.spyOn(metrics, 'addMetric').mockImplementation((name, unit, value) => {
    totals[name] = (totals[name] ?? 0) + value;
    return addMetric(name, unit, value);
  });
  // The cold-start metric is published at once, by a Metrics instance of its own: keep it off stdout.
  jest.spyOn(metrics, 'captureColdStartMetric').mockImplementation(() => undefined);
  jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
    metrics.clearMetrics();
    return metrics;
  });
  return { observability: { logger, metrics }, metricTotals: () => ({ ...totals }) };
}
