import { isRecord } from '@shop/shared-util-terraform-json';

/** What the server writes back. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

/** API Gateway's own answers when the integration does not give one. */
export const GatewayResponses = {
  notFound: (): HttpResponse => gatewayError(404, 'Not Found'),
  internalError: (): HttpResponse => gatewayError(500, 'Internal Server Error'),
  serviceUnavailable: (): HttpResponse => gatewayError(503, 'Service Unavailable'),
  payloadTooLarge: (): HttpResponse => gatewayError(413, 'Request Entity Too Large'),
  /** The JWT authorizer refused the token; the reason goes where AWS puts it, in `www-authenticate`. */
  unauthorized: (description: string): HttpResponse => {
    const response = gatewayError(401, 'Unauthorized');
    return { ...response, headers: { ...response.headers, 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description.replace(/["\\]/g, '')}"` } };
  },
  /** A valid token without one of the route's scopes. */
  forbidden: (): HttpResponse => gatewayError(403, 'Forbidden'),
} as const;

/** A function's response that API Gateway cannot turn into an HTTP response. */
export class MalformedProxyResponseError extends Error {
  constructor(readonly problem: string) {
    super(`Malformed Lambda proxy response: ${problem}`);
    this.name = 'MalformedProxyResponseError';
  }
}

/**
 * Interprets a payload format 2.0 response as API Gateway does. An object with a `statusCode` is
 * a full response (headers, `cookies` as set-cookie headers, a text or base64 body); anything
 * else is the body of a 200 `application/json` response.
 */
export function toHttpResponse(payload: unknown): HttpResponse {
  if (!isRecord(payload) || payload['statusCode'] === undefined) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(payload ?? null)) };
  }
  const statusCode = payload['statusCode'];
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedProxyResponseError(`statusCode ${JSON.stringify(statusCode)} is not an HTTP status`);
  }
  const headers: Record<string, string | string[]> = {};
  const given = payload['headers'] ?? {};
  if (!isRecord(given)) throw new MalformedProxyResponseError('headers must be an object');
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new MalformedProxyResponseError(`header ${name} must be a string`);
    }
    headers[name.toLowerCase()] = String(value);
  }
  const cookies = payload['cookies'];
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) throw new MalformedProxyResponseError('cookies must be a list of strings');
    if (cookies.length > 0) headers['set-cookie'] = cookies;
  }
  const body = payload['body'];
  if (body !== undefined && body !== null && typeof body !== 'string') throw new MalformedProxyResponseError('body must be a string');
  const text = (body as string | undefined | null) ?? '';
  return { statusCode, headers, body: payload['isBase64Encoded'] === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}

function gatewayError(statusCode: number, message: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ message })) };
}
