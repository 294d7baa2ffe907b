import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from '../terraform/local-aws-environment';
import { pooledRandomBytes, randomHex } from '../random-ids';

/** What the HTTP server knows of a request. */
export interface IncomingRequest {
  readonly method: string;
  /** The path as sent, percent-encoding kept (without the stage prefix when there is one). */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Header names and values in the order received (Node's `rawHeaders`). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly receivedAt: Date;
}

export interface EventContext {
  readonly apiId: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|ecmascript|graphql)|application\/[\w.+-]+\+(json|xml))/i;

/**
 * Builds API Gateway's payload format 2.0 event for a request: lower-cased headers with repeated
 * headers joined by commas, cookies in their own list, query parameters decoded and joined by
 * commas, decoded path parameters, the body as text for textual content types and base64 for
 * everything else (binary, forms, compressed bodies), and a requestContext with http, requestId
 * and time as API Gateway writes them.
 */
export function proxyEventV2(request: IncomingRequest, context: EventContext): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] as string).toLowerCase();
    const value = request.rawHeaders[i + 1] as string;
    if (name === 'cookie') cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const requestId = pooledRandomBytes(10).toString('base64').replace(/=+$/, '') + '=';
  const host = headers['host'] ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']},${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= host.includes(':') ? (host.split(':').pop() as string) : '80';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(request.receivedAt.getTime() / 1000).toString(16)}-${randomHex(12)}`;

  const query = queryParameters(request.rawQueryString);
  const hasBody = request.body.length > 0;
  const textual = hasBody && !headers['content-encoding'] && TEXT_TYPES.test(headers['content-type'] ?? '');
  const stagePrefix = context.stage === '$default' ? '' : `/${context.stage}`;
  const path = `${stagePrefix}${request.rawPath}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: path,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(query && { queryStringParameters: query }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: context.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] as string,
      http: {
        method: request.method,
        path,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: apiGatewayTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(hasBody && { body: textual ? request.body.toString('utf8') : request.body.toString('base64') }),
    ...(context.pathParameters && { pathParameters: { ...context.pathParameters } }),
    isBase64Encoded: hasBody && !textual,
    ...(Object.keys(context.stageVariables).length > 0 && { stageVariables: { ...context.stageVariables } }),
  };
  return event;
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    result[key] = result[key] === undefined ? value : `${result[key]},${value}`;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's requestContext.time. */
export function apiGatewayTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
