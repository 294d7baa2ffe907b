import { HttpError } from './http-error';
import type { HttpRequest } from './request';
import { validateInput } from './validate-input';

const request = (body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'POST',
  rawPath: '/orders',
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
});

const validationDetails = (attempt: () => unknown): unknown => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof HttpError && error.code === 'VALIDATION_FAILED') return error.extras.details;
    throw error;
  }
  throw new Error('expected VALIDATION_FAILED');
};

describe('validateInput', () => {
  it('returns decoded path parameters, headers by canonical name, and the parsed body', () => {
    // Act
    const input = validateInput('putProduct', request({ stock: 5, reorderThreshold: 2, amountToReplenish: 10 }), {
      productId: 'p%231234%20%F0%9F%93%A6',
    });

    // Assess
    expect(input).toEqual({ path: { productId: 'p#1234 📦' }, query: {}, headers: {}, body: { stock: 5, reorderThreshold: 2, amountToReplenish: 10 } });
    expect(validateInput('placeOrder', request({ productId: 'p1', quantity: 1 }, { 'idempotency-key': 'k-1' }), {}).headers).toEqual({
      'Idempotency-Key': 'k-1',
    });
  });

  it('reports every problem, in path, header and body, at once', () => {
    // Act
    const details = validationDetails(() =>
      validateInput('placeOrder', request({ productId: '', quantity: 0, extra: true }, { 'idempotency-key': 'bad key' }), {}),
    );

    // Assess
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'header', path: 'Idempotency-Key' }),
        expect.objectContaining({ in: 'body', path: 'productId' }),
        expect.objectContaining({ in: 'body', path: 'quantity' }),
        expect.objectContaining({ in: 'body', path: '' }),
      ]),
    );
  });

  it('reports malformed percent-encoding in a path parameter as a validation problem', () => {
    expect(validationDetails(() => validateInput('getProduct', request(undefined), { productId: 'p%E0%A4%A' }))).toEqual([
      { in: 'path', path: 'productId', message: 'Malformed percent-encoding' },
    ]);
  });

  it('rejects a body that is JSON but not an object', () => {
    expect(validationDetails(() => validateInput('placeOrder', request([1, 2]), {}))).toEqual([
      expect.objectContaining({ in: 'body', path: '' }),
    ]);
  });

  it('ignores the body of an operation that takes none', () => {
    const input = validateInput('receiveReplenishment', { ...request(undefined), headers: { 'content-type': 'text/plain' }, body: Buffer.from('x') }, { replenishmentId: 'r1' });
    expect(input).toEqual({ path: { replenishmentId: 'r1' }, query: {}, headers: {}, body: undefined });
  });
});
