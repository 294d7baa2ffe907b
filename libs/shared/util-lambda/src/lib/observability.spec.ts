import { createObservability, METRICS_NAMESPACE } from './observability';

describe('createObservability', () => {
  it('names the service in every structured log line', () => {
    // Prepare
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { logger } = createObservability('replenishment-consumer');
    // Act
    logger.info('replenishment written', { productId: 'p#1234' });
    spy.mockRestore();
    // Assess
    const line = JSON.parse(lines.join('').trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'INFO', message: 'replenishment written', service: 'replenishment-consumer', productId: 'p#1234' });
  });

  it('publishes metrics under the shop namespace unless told otherwise', () => {
    expect(METRICS_NAMESPACE).toBe('Shop');
    const { metrics } = createObservability('orders-api', 'Custom');
    expect(metrics).toBeDefined();
  });
});
