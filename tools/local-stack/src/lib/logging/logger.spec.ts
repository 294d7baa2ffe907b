import { formatStatus } from '../stack/status-reporter';
import { MappingMetrics, EsmMetric } from '../esm/mapping-metrics';
import { logFunctionLine } from './function-log';
import { createLogger } from './logger';

const capture = (format: 'pretty' | 'json', level: 'debug' | 'info' = 'info') => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ format, level, sink: { writeLine: (line) => lines.push(line) }, component: 'fn:api' }) };
};

describe('logging', () => {
  it('writes one JSON object per line, or a readable line for people', () => {
    // Prepare
    const json = capture('json');
    const pretty = capture('pretty');

    // Act
    json.logger.info('batch done', { records: 3 });
    pretty.logger.warn('batch failed', { records: 3, error: 'boom' });
    json.logger.debug('hidden below the level');

    // Assess
    expect(json.lines).toHaveLength(1);
    expect(JSON.parse(json.lines[0] as string)).toEqual({ time: expect.any(String), level: 'info', component: 'fn:api', message: 'batch done', records: 3 });
    expect(pretty.lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}fn:api\s+batch failed {2}records=3 error=boom$/);
  });

  it('keeps a function\'s structured log level and message, without the keys every line repeats', () => {
    // Prepare
    const { lines, logger } = capture('json', 'debug');
    const powertools = JSON.stringify({ level: 'ERROR', message: 'Replenishment failed', service: 'consumer', cold_start: true, function_request_id: 'r1', productId: 'p#1' });
    const emf = JSON.stringify({ _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: 'OrdersPlaced' }] }] }, OrdersPlaced: 1 });

    // Act
    logFunctionLine(logger, { functionName: 'api', requestId: 'r1', stream: 'stdout', line: powertools });
    logFunctionLine(logger, { functionName: 'api', requestId: 'r1', stream: 'stdout', line: emf });
    logFunctionLine(logger, { functionName: 'api', requestId: 'r1', stream: 'stderr', line: 'plain text' });

    // Assess
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { time: expect.any(String), level: 'error', component: 'fn:api', message: 'Replenishment failed', requestId: 'r1', productId: 'p#1' },
      { time: expect.any(String), level: 'debug', component: 'fn:api', message: 'metrics', requestId: 'r1', OrdersPlaced: 1 },
      { time: expect.any(String), level: 'warn', component: 'fn:api', message: 'plain text', requestId: 'r1' },
    ]);
  });

  it('summarises each mapping in the status line: records in, invocations, failures, iterator age', () => {
    // Prepare
    const metrics = new MappingMetrics();
    metrics.add(EsmMetric.PolledEventCount, 12);
    metrics.add(EsmMetric.InvokedEventCount, 10);
    metrics.add(EsmMetric.FilteredOutEventCount, 2);
    metrics.recordInvocation(false);
    metrics.recordInvocation(true);
    metrics.setIteratorAge(1500);
    const status = { uuid: 'u', address: 'a', functionName: 'consumer', eventSourceArn: 'arn', state: 'polling', problem: undefined, activeShards: 1, metrics: metrics.snapshot(), eventCountMetrics: true, faults: undefined } as const;

    // Act
    const line = formatStatus([status]);
    const failed = formatStatus([{ ...status, state: 'failed', problem: 'PROBLEM: AccessDeniedException: no' }]);
    const faulty = formatStatus([{ ...status, faults: { injectedFailures: 3, duplicatedBatches: 2, delayedInvocations: 5, droppedConnections: 1 } }]);

    // Assess
    expect(line).toBe('⇄ consumer: in 12 · filtered 2 · invoked 10 (2 calls, 1 failed) · failed 0 · dropped 0 · dlq 0 · age 1.5 s');
    expect(failed).toBe('⇄ consumer: FAILED PROBLEM: AccessDeniedException: no');
    expect(faulty).toContain('faults: 3 failed, 2 doubled, 5 delayed, 1 dropped connections');
  });
});
