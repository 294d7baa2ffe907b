import { MAX_REQUEST_BODY_BYTES, NAMED_SCHEMAS } from '@shop/orders-api-contract';
import { httpEvent, jsonBody } from './support/http-event';
import { productBody, startTestApi, type TestApi } from './support/api';

/** Protocol errors and faults, through the Lambda handler, against DynamoDB Local. */
describe('orders API: protocol errors and faults', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['an unknown route', 404, 'ROUTE_NOT_FOUND', 'GET', '/customers/1', undefined],
    ['a wrong method', 405, 'METHOD_NOT_ALLOWED', 'DELETE', '/orders/1', undefined],
    ['malformed JSON', 400, 'MALFORMED_JSON', 'POST', '/orders', '{"productId": "p#1", "quantity": 1'],
    ['a body over 64 KiB', 413, 'PAYLOAD_TOO_LARGE', 'PUT', '/products/p1', JSON.stringify({ name: 'x'.repeat(MAX_REQUEST_BODY_BYTES) })],
  ])('answers %s with %d %s', async (_, status, code, method, path, body) => {
    // Act
    const response = await api.call(method, path, body === undefined ? {} : { body });

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    expect(jsonBody(response)).toEqual({ error: { code, message: expect.any(String) } });
    expect(NAMED_SCHEMAS.Error.safeParse(jsonBody(response)).success).toBe(true);
  });

  it.each([
    ['GET /products/{productId}', 'GET', '/products/p%23body'],
    ['POST /replenishments/{replenishmentId}/receive', 'POST', '/replenishments/none/receive'],
  ])('ignores a body on %s, which takes none, however large (below API Gateway\'s own limit)', async (_route, method, path) => {
    // Prepare
    await api.call('PUT', '/products/p%23body', { body: productBody() });
    const body = `not json ${'x'.repeat(2 * MAX_REQUEST_BODY_BYTES)}`;

    // Act
    const withBody = await api.call(method, path, { body, headers: { 'content-type': 'text/plain' } });
    const without = await api.call(method, path);

    // Assess
    expect(withBody.statusCode).toBe(without.statusCode);
    expect(withBody.body).toBe(without.body);
  });

  it('names the allowed methods on 405', async () => {
    const response = await api.call('POST', '/products/p1');
    expect(response.headers['allow']).toBe('GET, PUT');
  });

  it('answers 415 for a body that is not JSON, and writes nothing', async () => {
    // Act
    const response = await api.call('PUT', '/products/p%23form', {
      body: 'stock=1&reorderThreshold=1&amountToReplenish=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(response.statusCode).toBe(415);
    expect(jsonBody(response)['error']).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await api.call('GET', '/products/p%23form')).statusCode).toBe(404);
  });

  it('accepts a base64-encoded JSON body, as API Gateway may send it', async () => {
    const body = Buffer.from(JSON.stringify(productBody())).toString('base64');
    const response = await api.call('PUT', '/products/p%23b64', { body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
  });

  it("echoes API Gateway's request id as x-correlation-id on every response", async () => {
    // Prepare
    const event = httpEvent('GET', '/products/p%23nope');

    // Act
    const response = await api.handler(event);

    // Assess
    expect(response.headers['x-correlation-id']).toBe(event.requestContext.requestId);
  });
});

describe('orders API: a genuine fault', () => {
  it('answers 500 with a correlation id that the error log line carries too, and no internals', async () => {
    // Prepare: the orders table name points at a table that does not exist
    const api = await startTestApi({ logLevel: 'ERROR', tables: { orders: 'no-such-table' } });
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => written.push(String(chunk)) > 0;
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    const event = httpEvent('GET', '/orders/0190b3d2-7c1e-7a3b-9f00-123456789abc');

    try {
      // Act
      const response = await api.handler(event);

      // Assess
      const correlationId = event.requestContext.requestId;
      expect(response.statusCode).toBe(500);
      expect(jsonBody(response)).toEqual({
        error: { code: 'INTERNAL_ERROR', message: expect.stringContaining(correlationId), correlationId },
      });
      expect(response.body).not.toMatch(/ResourceNotFound|no-such-table|at |\.ts/);
      const logLines = written.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logLines).toEqual([
        expect.objectContaining({ level: 'ERROR', message: 'Unhandled fault', correlation_id: correlationId, error: expect.objectContaining({ name: 'ResourceNotFoundException' }) }),
      ]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      await api.close();
    }
  });
});
