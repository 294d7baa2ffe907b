import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ErrorCode, MAX_REQUEST_BODY_BYTES } from '@shop/orders-api-contract';
import { HttpError } from './http-error';

/** The parts of an API Gateway HTTP API (payload 2.0) request the router looks at. */
export interface HttpRequest {
  readonly method: string;
  /** Still percent-encoded: segments are decoded one by one, after splitting on `/`. */
  readonly rawPath: string;
  /** Lower-case names (API Gateway already lower-cases them; direct invocations may not). */
  readonly headers: Readonly<Record<string, string>>;
  /** Query string parameters, decoded (API Gateway joins repeated ones with commas). */
  readonly query: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

/** The request of an HTTP API event. A named stage's prefix (`/prod/orders`) is removed from the path. */
export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const { stage } = event.requestContext;
  const stagePrefix = stage && stage !== '$default' ? `/${stage}` : undefined;
  const rawPath = stagePrefix && event.rawPath.startsWith(`${stagePrefix}/`) ? event.rawPath.slice(stagePrefix.length) : event.rawPath;
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), value]])),
  );
  const body =
    event.body === undefined || event.body === null ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]])));
  return { method: event.requestContext.http.method.toUpperCase(), rawPath, headers, query, body };
}

/** Throws 413 when the body is larger than {@link MAX_REQUEST_BODY_BYTES}. */
export function assertBodySize(request: HttpRequest): void {
  if (request.body && request.body.length > MAX_REQUEST_BODY_BYTES) {
    throw new HttpError(ErrorCode.PayloadTooLarge, `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
  }
}

/** `application/json` or a `+json` type such as `application/merge-patch+json`, parameters ignored. */
function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType !== undefined && /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body of a request: 415 unless the content type is JSON, 400 MALFORMED_JSON unless the
 * body is well-formed UTF-8 JSON. Its shape is checked afterwards, against the contract's schema.
 */
export function readJsonBody(request: HttpRequest): unknown {
  if (!isJsonMediaType(request.headers['content-type'])) {
    throw new HttpError(ErrorCode.UnsupportedMediaType, 'The request body must be JSON, sent with Content-Type: application/json');
  }
  try {
    return JSON.parse(utf8.decode(request.body ?? Buffer.alloc(0)));
  } catch (error) {
    throw new HttpError(ErrorCode.MalformedJson, 'The request body is not well-formed JSON', { cause: error });
  }
}
