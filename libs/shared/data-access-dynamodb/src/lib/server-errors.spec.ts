import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { isDynamoDbServerError } from './server-errors';

const withStatus = (name: string, httpStatusCode: number): Error => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

describe('isDynamoDbServerError', () => {
  it.each([
    ['InternalServerError', new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } })],
    ['ServiceUnavailable', withStatus('ServiceUnavailable', 503)],
    ['a gateway timeout', withStatus('Unknown', 504)],
  ])('is true for %s', (_, error) => {
    expect(isDynamoDbServerError(error)).toBe(true);
  });

  it.each([
    ['throttling', new ProvisionedThroughputExceededException({ message: 'x', $metadata: { httpStatusCode: 400 } })],
    ['a plain error', new Error('boom')],
    ['a non-error', 'InternalServerError'],
  ])('is false for %s', (_, error) => {
    expect(isDynamoDbServerError(error)).toBe(false);
  });
});
