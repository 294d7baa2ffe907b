/**
 * TransactionConflict cannot be produced by DynamoDB Local (it serializes transactions), so this
 * one behaviour is tested with a mocked client; everything else runs against DynamoDB Local.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ReplenishmentAlreadyReceivedError, ReplenishmentStatus } from '@shop/inventory-domain';
import { pendingReplenishment, seedProduct } from '@shop/inventory-domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { ProductAttribute } from './attributes';
import { DynamoReplenishmentRepository } from './dynamo-replenishment-repository';
import { toProductItem } from './product-item';
import { toReplenishmentItem } from './replenishment-item';

const tables = { replenishmentTableName: 'replenishment', productsTableName: 'products' };
const order = pendingReplenishment();

const cancelled = (...reasons: { Code: string; Item?: Record<string, unknown> }[]): TransactionCanceledException =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${reasons.map((r) => r.Code).join(', ')}]`,
    $metadata: {},
    CancellationReasons: reasons.map(({ Code, Item }) => ({ Code, ...(Item && { Item: marshall(Item) }) })),
  });

describe('DynamoReplenishmentRepository.receive under TransactionConflict', () => {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const mock = mockClient(documentClient);
  const conflicts: number[] = [];
  const repository = new DynamoReplenishmentRepository(documentClient, tables, {
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    onTransactionConflict: (attempt) => conflicts.push(attempt),
  });

  beforeEach(() => {
    conflicts.length = 0;
    mock.reset();
    mock
      .on(GetCommand, { TableName: tables.replenishmentTableName })
      .resolves({ Item: toReplenishmentItem(order) })
      .on(GetCommand, { TableName: tables.productsTableName })
      .resolves({ Item: toProductItem(seedProduct({ stock: 40 })) });
  });

  it('retries with the same idempotency token while the only reason is TransactionConflict', async () => {
    // Prepare
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled({ Code: 'TransactionConflict' }, { Code: 'None' }))
      .rejectsOnce(cancelled({ Code: 'None' }, { Code: 'TransactionConflict' }))
      .resolves({});

    // Act
    const result = await repository.receive(order.replenishmentId, '2026-02-01T08:00:00.000Z');

    // Assess
    expect(result.stock).toBe(40);
    expect(result.replenishment.status).toBe(ReplenishmentStatus.Received);
    const tokens = mock.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^[\w-]{36}$/);
    expect(conflicts).toEqual([1, 2]);
  });

  it('gives up after maxAttempts and rethrows the cancellation', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled({ Code: 'TransactionConflict' }, { Code: 'None' }));

    // Act
    const attempt = repository.receive(order.replenishmentId, '2026-02-01T08:00:00.000Z');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(conflicts).toEqual([1, 2, 3]);
  });

  it('does not retry when a condition failed alongside a conflict', async () => {
    // Prepare
    const received = { ...toReplenishmentItem(order), status: ReplenishmentStatus.Received, receivedAt: '2026-02-01T07:00:00.000Z' };
    mock.on(TransactWriteCommand).rejects(cancelled({ Code: 'ConditionalCheckFailed', Item: received }, { Code: 'TransactionConflict' }));

    // Act
    const attempt = repository.receive(order.replenishmentId, '2026-02-01T08:00:00.000Z');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ReplenishmentAlreadyReceivedError);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('does not retry other failures', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(new Error('socket hang up'));

    // Act
    const attempt = repository.receive(order.replenishmentId, '2026-02-01T08:00:00.000Z');

    // Assess
    await expect(attempt).rejects.toThrow('socket hang up');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(mock.commandCalls(GetCommand, { Key: { [ProductAttribute.ProductId]: order.productId } })).toHaveLength(0);
  });
});
