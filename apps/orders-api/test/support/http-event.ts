import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SCOPES } from '@shop/orders-api-contract';

/** The caller API Gateway's JWT authorizer verified: their `sub` and the scopes their token grants. */
export interface TestCaller {
  readonly sub: string;
  readonly scopes: readonly string[];
}

/** The default caller: one that holds every scope, so a test about something else is not refused. */
export const TRUSTED_CALLER: TestCaller = { sub: 'test-caller', scopes: SCOPES };

export interface HttpEventOptions {
  /** A value to send as JSON; a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly isBase64Encoded?: boolean;
  readonly stage?: string;
  /** Defaults to {@link TRUSTED_CALLER}; `null` sends the event without any authorizer context. */
  readonly caller?: TestCaller | null;
  /** Query string parameters, sent decoded in `queryStringParameters` and encoded in `rawQueryString`. */
  readonly query?: Record<string, string>;
}

/**
 * An API Gateway HTTP API (payload format 2.0) event, as API Gateway sends it: lower-case header
 * names, `rawPath` still percent-encoded, JSON content type when there is a body, and the JWT
 * authorizer's result (string-valued claims with a space-separated `scope`, as Cognito's access
 * tokens carry it).
 *
 * @example
 * await handler(httpEvent('PUT', '/products/p%231234', { body: { stock: 5, reorderThreshold: 2, amountToReplenish: 10 } }));
 */
export function httpEvent(method: string, rawPath: string, options: HttpEventOptions = {}): APIGatewayProxyEventV2 {
  const body = options.body === undefined || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers = {
    ...(body !== undefined && { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const stage = options.stage ?? '$default';
  const caller = options.caller === undefined ? TRUSTED_CALLER : options.caller;
  const authorizer = caller && {
    jwt: {
      claims: { sub: caller.sub, scope: caller.scopes.join(' '), iss: 'https://issuer.test', token_use: 'access' },
      scopes: [...caller.scopes],
    },
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    ...(options.query && { queryStringParameters: options.query }),
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage,
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(authorizer && { authorizer }),
    },
    isBase64Encoded: options.isBase64Encoded ?? false,
    ...(body !== undefined && { body }),
  };
  return event;
}

/** The parsed JSON body of a handler response. */
export const jsonBody = <T = Record<string, unknown>>(response: { body: string }): T => JSON.parse(response.body) as T;
