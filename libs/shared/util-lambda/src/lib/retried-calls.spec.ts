import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SdkMetric } from './metric-names';
import { reportRetriedCalls } from './retried-calls';

describe('reportRetriedCalls', () => {
  it('adds each call\'s retries to DynamoDBRetries and logs one line per call, with the error it ended with', () => {
    // Prepare
    const logger = new Logger({ serviceName: 'shop-function', logLevel: 'SILENT' });
    const metrics = new Metrics({ serviceName: 'shop-function', namespace: 'Shop' });
    const warn = jest.spyOn(logger, 'warn');
    const report = reportRetriedCalls({ logger, metrics });

    // Act
    report({ operation: 'TransactWriteItems', attempts: 3, retryDelayMs: 120, errorName: undefined });
    report({ operation: 'GetItem', attempts: 6, retryDelayMs: 900, errorName: 'ProvisionedThroughputExceededException' });

    // Assess
    const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
    expect(emf[SdkMetric.DynamoDBRetries]).toEqual([2, 5]);
    expect(warn).toHaveBeenCalledWith('DynamoDB call retried', { operation: 'TransactWriteItems', attempts: 3, retryDelayMs: 120 });
    expect(warn).toHaveBeenCalledWith('DynamoDB call retried', { operation: 'GetItem', attempts: 6, retryDelayMs: 900, error: 'ProvisionedThroughputExceededException' });
  });
});
