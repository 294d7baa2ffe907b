import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../testing';
import { withObservability } from './with-observability';

describe('withObservability', () => {
  const logger = new Logger({ serviceName: 'shop-function', logLevel: 'SILENT' });
  const metrics = new Metrics({ serviceName: 'shop-function', namespace: 'Shop' });
  const tracer = new Tracer({ serviceName: 'shop-function' });
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

  /** Log lines written to stdout while `work` runs, parsed. */
  const logLinesOf = async (work: () => Promise<unknown>): Promise<Record<string, unknown>[]> => {
    const lines: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter((l) => l.startsWith('{')));
      return true;
    });
    await work();
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  };

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

  it('publishes nothing, and warns of nothing, when the invocation stored no metric', async () => {
    // Prepare
    const quietMetrics = new Metrics({ serviceName: 'shop-function', namespace: 'Shop' });
    jest.spyOn(quietMetrics, 'captureColdStartMetric').mockImplementation(() => undefined);
    const publish = jest.spyOn(quietMetrics, 'publishStoredMetrics');
    const wrapped = withObservability(async () => 'read only', { logger, metrics: quietMetrics });

    // Act
    const lines = await logLinesOf(() => wrapped({}, lambdaContext()));

    // Assess
    expect(publish).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('puts the request id of the invocation in the log lines, with no tracer at all', async () => {
    // Prepare
    const visible = new Logger({ serviceName: 'shop-function', logLevel: 'INFO' });
    const wrapped = withObservability(async () => visible.info('inside'), { logger: visible, metrics });

    // Act
    const lines = await logLinesOf(() => wrapped({}, lambdaContext({ awsRequestId: 'req-42' })));

    // Assess
    expect(lines.find((l) => l['message'] === 'inside')).toMatchObject({ function_request_id: 'req-42', function_name: 'shop-function' });
  });

  it('serves a handler called without a context, as tests of an HTTP handler do', async () => {
    // Prepare
    const visible = new Logger({ serviceName: 'shop-function', logLevel: 'INFO' });
    const wrapped = withObservability(async (_event: object, context: Context | undefined) => {
      visible.info('inside');
      return context?.awsRequestId ?? 'no context';
    }, { logger: visible, metrics });

    // Act
    let result: string | undefined;
    const lines = await logLinesOf(async () => (result = await wrapped({}, undefined)));

    // Assess
    expect(result).toBe('no context');
    expect(lines.find((l) => l['message'] === 'inside')).not.toHaveProperty('function_request_id');
  });
});
