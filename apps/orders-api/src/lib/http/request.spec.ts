import { MAX_REQUEST_BODY_BYTES } from '@shop/orders-api-contract';
import { httpEvent } from '../../../test/support/http-event';
import { assertBodySize, readJsonBody, toHttpRequest, type HttpRequest } from './request';

const request = (body: string | Buffer | undefined, contentType?: string): HttpRequest => ({
  method: 'POST',
  rawPath: '/orders',
  query: {},
  headers: contentType === undefined ? {} : { 'content-type': contentType },
  body: typeof body === 'string' ? Buffer.from(body) : body,
});

describe('toHttpRequest', () => {
  it('decodes a base64 body and lower-cases header names', () => {
    // Prepare
    const event = httpEvent('post', '/orders', {
      body: Buffer.from('{"a":1}').toString('base64'),
      isBase64Encoded: true,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
    });

    // Act
    const parsed = toHttpRequest(event);

    // Assess
    expect(parsed.method).toBe('POST');
    expect(parsed.body?.toString()).toBe('{"a":1}');
    expect(parsed.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'k1' });
  });

  it('removes a named stage from the path but not from a path that merely starts alike', () => {
    expect(toHttpRequest(httpEvent('GET', '/prod/orders/1', { stage: 'prod' })).rawPath).toBe('/orders/1');
    expect(toHttpRequest(httpEvent('GET', '/production/x', { stage: 'prod' })).rawPath).toBe('/production/x');
    expect(toHttpRequest(httpEvent('GET', '/orders/1')).rawPath).toBe('/orders/1');
  });
});

describe('assertBodySize', () => {
  it('accepts exactly the limit and refuses one byte more with 413', () => {
    expect(() => assertBodySize(request(Buffer.alloc(MAX_REQUEST_BODY_BYTES)))).not.toThrow();
    expect(() => assertBodySize(request(Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1)))).toThrow(
      expect.objectContaining({ status: 413, code: 'PAYLOAD_TOO_LARGE' }),
    );
  });
});

describe('readJsonBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json'])(
    'accepts content type %j',
    (contentType) => {
      expect(readJsonBody(request('{"quantity":1}', contentType))).toEqual({ quantity: 1 });
    },
  );

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data; boundary=x'])(
    'answers 415 for content type %j',
    (contentType) => {
      expect(() => readJsonBody(request('{}', contentType))).toThrow(expect.objectContaining({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }));
    },
  );

  it.each([
    ['an empty body', ''],
    ['truncated JSON', '{"quantity":'],
    ['a trailing comma', '{"a":1,}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
  ])('answers 400 MALFORMED_JSON for %s, without parser internals', (_, body) => {
    expect(() => readJsonBody(request(body as string, 'application/json'))).toThrow(
      expect.objectContaining({ status: 400, code: 'MALFORMED_JSON', message: 'The request body is not well-formed JSON' }),
    );
  });
});
