import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionInProgressException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { OrderStatus, requestFingerprint, TransactionConflictError, type OrderPlacement } from '@shop/orders-domain';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoOrderRepository } from './dynamo-order-repository';

/**
 * What DynamoDB Local cannot produce (it serialises transactions, so it never reports
 * TransactionConflict): a mocked client, and nothing else mocked.
 */
const cancelled = (...codes: string[]): TransactionCanceledException =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const placement: OrderPlacement = {
  order: { orderId: '0190b3d2-7c1e-7a3b-9f00-123456789abc', productId: 'p#1234', quantity: 2, status: OrderStatus.Placed, createdAt: '2026-01-31T12:00:00.000Z', ownerId: 'alice' },
  clientRequestToken: '0190b3d2-7c1e-7a3b-9f00-123456789abc',
  requestFingerprint: requestFingerprint({ productId: 'p#1234', quantity: 2 }),
};

describe('DynamoOrderRepository under contention and throttling', () => {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const mock = mockClient(documentClient);
  const conflicts: number[] = [];
  const repository = (maxAttempts = 4): DynamoOrderRepository =>
    new DynamoOrderRepository(
      documentClient,
      { ordersTableName: 'orders', productsTableName: 'products' },
      { retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 2 }, onTransactionConflict: (attempt) => conflicts.push(attempt) },
    );

  beforeEach(() => {
    mock.reset();
    conflicts.length = 0;
  });

  it('retries a transaction cancelled only by TransactionConflict, with the same token, until it commits', async () => {
    // Prepare
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    const outcome = await repository().place(placement);

    // Assess
    expect(outcome).toEqual({ status: 'placed', order: placement.order });
    const calls = mock.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.args[0].input.ClientRequestToken))).toEqual(new Set([placement.clientRequestToken]));
    expect(conflicts).toEqual([1, 2]);
  });

  it('gives up after maxAttempts with TransactionConflictError', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'TransactionConflict'));

    // Act
    const attempt = repository(3).place(placement);

    // Assess
    await expect(attempt).rejects.toThrow(TransactionConflictError);
    await expect(attempt).rejects.toMatchObject({ attempts: 3, productId: 'p#1234' });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(conflicts).toEqual([1, 2, 3]);
  });

  it('retries while a request with the same token is still in progress', async () => {
    // Prepare
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(new TransactionInProgressException({ message: 'in progress', $metadata: {} }))
      .resolves({});

    // Act
    const outcome = await repository().place(placement);

    // Assess
    expect(outcome.status).toBe('placed');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('does not retry a cancellation that is not only a conflict', async () => {
    // Prepare
    const throttled = cancelled('ThrottlingError', 'TransactionConflict');
    mock.on(TransactWriteCommand).rejects(throttled);

    // Act
    const attempt = repository().place(placement);

    // Assess
    await expect(attempt).rejects.toBe(throttled);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('lets throttling the SDK already retried surface unchanged', async () => {
    // Prepare
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    mock.on(TransactWriteCommand).rejects(throttled);

    // Act
    const attempt = repository().place(placement);

    // Assess
    await expect(attempt).rejects.toBe(throttled);
    expect(conflicts).toEqual([]);
  });
});
