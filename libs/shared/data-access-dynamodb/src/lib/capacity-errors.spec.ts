import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { isTemporaryCapacityError } from './capacity-errors';

const cancelled = (...codes: string[]): TransactionCanceledException =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

const named = (name: string): Error => Object.assign(new Error(name), { name });

describe('isTemporaryCapacityError', () => {
  it.each([
    ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'x', $metadata: {} })],
    ['ThrottlingException', named('ThrottlingException')],
    ['RequestLimitExceeded', named('RequestLimitExceeded')],
    ['TransactionInProgressException', named('TransactionInProgressException')],
    ['a cancellation by conflicts only', cancelled('TransactionConflict', 'None')],
    ['a cancellation by throttling', cancelled('None', 'ThrottlingError')],
    ['a cancellation by exhausted capacity', cancelled('ProvisionedThroughputExceeded', 'None')],
  ])('is true for %s', (_, error) => {
    expect(isTemporaryCapacityError(error)).toBe(true);
  });

  it.each([
    ['a failed condition', cancelled('ConditionalCheckFailed', 'None')],
    ['a failed condition next to a conflict', cancelled('ConditionalCheckFailed', 'TransactionConflict')],
    ['ConditionalCheckFailedException', new ConditionalCheckFailedException({ message: 'x', $metadata: {} })],
    ['a plain error', new Error('boom')],
    ['a non-error', 'ThrottlingException'],
  ])('is false for %s', (_, error) => {
    expect(isTemporaryCapacityError(error)).toBe(false);
  });
});
