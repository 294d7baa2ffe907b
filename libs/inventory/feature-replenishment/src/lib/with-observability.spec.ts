import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { lambdaContext } from '../testing';
import { withObservability } from './with-observability';

describe('withObservability', () => {
  const logger = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'replenishment-consumer', namespace: 'Shop' });
  const tracer = new Tracer({ serviceName: 'replenishment-consumer' });
  let published: string[];

  beforeEach(() => {
    published = [];
    // EMF goes to stdout on Lambda; here the flushed blobs are collected instead of printed.
    jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
      published.push(JSON.stringify(metrics.serializeMetrics()));
      metrics.clearMetrics();
      return metrics;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('returns the result and flushes the metrics', async () => {
    // Prepare
    const wrapped = withObservability(async (event: { n: number }) => {
      metrics.addMetric('Seen', MetricUnit.Count, event.n);
      return { ok: event.n };
    }, { logger, metrics, tracer });

    // Act
    const result = await wrapped({ n: 3 }, lambdaContext());

    // Assess
    expect(result).toEqual({ ok: 3 });
    expect(published.some((blob) => blob.includes('"Seen":3'))).toBe(true);
  });

  it('still flushes the metrics, and logs the error, when the handler throws', async () => {
    // Prepare
    const error = jest.spyOn(logger, 'error');
    const wrapped = withObservability(async () => {
      metrics.addMetric('BeforeFailure', MetricUnit.Count, 1);
      throw new Error('table gone');
    }, { logger, metrics, tracer });

    // Act
    const attempt = wrapped({}, lambdaContext());

    // Assess
    await expect(attempt).rejects.toThrow('table gone');
    expect(error).toHaveBeenCalledWith('Invocation failed', { error: expect.objectContaining({ message: 'table gone' }) });
    expect(published.some((blob) => blob.includes('"BeforeFailure":1'))).toBe(true);
  });

  it('puts the request id of the invocation in the log lines, with no tracer at all', async () => {
    // Prepare
    const lines: string[] = [];
    const visible = new Logger({ serviceName: 'replenishment-consumer', logLevel: 'INFO' });
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const wrapped = withObservability(async () => visible.info('inside'), { logger: visible, metrics });

    // Act
    await wrapped({}, lambdaContext({ awsRequestId: 'req-42' }));

    // Assess
    const line = JSON.parse(lines.find((l) => l.includes('"inside"')) ?? '{}');
    expect(line).toMatchObject({ message: 'inside', function_request_id: 'req-42', function_name: 'replenishment-consumer' });
  });
});
