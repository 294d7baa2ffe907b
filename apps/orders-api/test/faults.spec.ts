import { DynamoDBClient, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler } from '../src/lib/create-handler';
import { httpEvent, jsonBody } from './support/http-event';
import { recordingObservability } from './support/observability';

/**
 * What DynamoDB Local cannot produce (it never reports TransactionConflict and does not throttle):
 * the handler over a mocked SDK client. Everything else is the production code path.
 */
const conflict = (): TransactionCanceledException =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]',
    $metadata: {},
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
  });

describe('orders API under contention and throttling', () => {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const mock = mockClient(documentClient);
  const build = () => {
    const recording = recordingObservability();
    const handler = createHandler({
      documentClient,
      tables: { products: 'products', orders: 'orders', replenishment: 'replenishment' },
      observability: recording.observability,
      transactionRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    return { handler, recording };
  };
  const placeOrder = httpEvent('POST', '/orders', { body: { productId: 'p#1234', quantity: 2 }, headers: { 'idempotency-key': 'k-conflict' } });

  beforeEach(() => mock.reset());

  it('retries a TransactionConflict and places the order (201), counting the conflict', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    const { handler, recording } = build();

    // Act
    const response = await handler(placeOrder);

    // Assess
    expect(response.statusCode).toBe(201);
    expect(jsonBody(response)).toMatchObject({ productId: 'p#1234', quantity: 2, status: 'PLACED' });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
    expect(recording.metricTotals()).toEqual({ TransactionConflicts: 1, TransactionRetries: 1, OrdersPlaced: 1 });
  });

  it('answers 503 with Retry-After when conflicts outlast the retries, and logs that it was a conflict', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(conflict());
    const { handler, recording } = build();
    const warn = jest.spyOn(recording.observability.logger, 'warn');

    // Act
    const response = await handler(placeOrder);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(jsonBody(response)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    // Three lost races, the last of which was not tried again.
    expect(recording.metricTotals()).toEqual({ TransactionConflicts: 3, TransactionRetries: 2 });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Request refused with 503 SERVICE_UNAVAILABLE: TransactionConflictError: /), expect.anything());
  });

  it('answers 503 with Retry-After when DynamoDB throttles, and logs that it was throttling', async () => {
    // Prepare
    const throttled = new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
    mock.on(TransactWriteCommand).rejects(throttled);
    mock.on(GetCommand).rejects(throttled);
    const { handler, recording } = build();
    const warn = jest.spyOn(recording.observability.logger, 'warn');

    // Act
    const order = await handler(placeOrder);
    const product = await handler(httpEvent('GET', '/products/p%231234'));

    // Assess
    for (const response of [order, product]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).not.toContain('Rate of requests');
    }
    expect(warn).toHaveBeenCalledWith(
      'Request refused with 503 SERVICE_UNAVAILABLE: ProvisionedThroughputExceededException: Rate of requests exceeds the allowed throughput',
      expect.anything(),
    );
  });
});
