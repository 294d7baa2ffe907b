import type * as z from 'zod';
import { ERROR_STATUS, ErrorCode, MAX_REQUEST_BODY_BYTES, RETRY_AFTER_SECONDS } from './error-codes';
import type { OperationContract } from './operations';
import type { RouteDefinition } from './routes';
import { NAMED_SCHEMAS } from './schemas';

/** A JSON Schema object as it appears in the document. */
export type JsonSchema = Record<string, unknown>;
type OpenApiObject = Record<string, unknown>;

export const JSON_MEDIA_TYPE = 'application/json';

/** Codes the function may answer on any operation, and those only an operation with a body may answer. */
const COMMON_ERRORS = [ErrorCode.Unauthorized, ErrorCode.Forbidden, ErrorCode.ValidationFailed, ErrorCode.InternalError, ErrorCode.ServiceUnavailable] as const;
const BODY_ERRORS = [ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType] as const;

/** Where API Gateway answers by itself, by status: what it says and when. */
const GATEWAY_ANSWERS: Readonly<Record<number, { readonly message: string; readonly when: string }>> = {
  401: { message: 'Unauthorized', when: "API Gateway's JWT authorizer: no token, or one that is malformed, expired, not yet valid, badly signed, or from another issuer or audience" },
  403: { message: 'Forbidden', when: "API Gateway's JWT authorizer: the token lacks the operation's scope" },
  404: { message: 'Not Found', when: 'API Gateway: an empty path parameter matches no route' },
  413: { message: 'Request Entity Too Large', when: "API Gateway: the body exceeds its payload limit (10 MB)" },
  429: { message: 'Too Many Requests', when: "API Gateway: the stage's throttling limits were exceeded" },
  500: { message: 'Internal Server Error', when: 'API Gateway: the function failed to answer' },
  503: { message: 'Service Unavailable', when: 'API Gateway: the function did not answer in time' },
};

/** Response headers the API sends, by name. */
const header = {
  correlationId: { description: 'The request id, also in the log lines (absent on answers of API Gateway itself).', schema: { type: 'string' } },
  location: { description: 'Path of the order.', schema: { type: 'string' } },
  replayed: { description: 'Present on a replay of an Idempotency-Key.', schema: { type: 'string', const: 'true' } },
  retryAfter: { description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS}); sent by the function's SERVICE_UNAVAILABLE.`, schema: { type: 'integer' } },
  wwwAuthenticate: { description: 'From the function: `Bearer`, or the missing scope as `Bearer error="insufficient_scope", scope="…"`.', schema: { type: 'string' } },
} as const;

/**
 * Every response of one operation: its success (and, with an Idempotency-Key, the 200 replay),
 * the function's errors in the `Error` envelope, and API Gateway's own answers in `GatewayError`,
 * each status once (`oneOf` where both can answer it), with the headers actually sent.
 */
export function responsesOf(route: RouteDefinition, contract: OperationContract, schemaOf: (schema: z.ZodType) => JsonSchema, example: unknown): Record<string, OpenApiObject> {
  const ref = (name: keyof typeof NAMED_SCHEMAS): JsonSchema => schemaOf(NAMED_SCHEMAS[name]);
  const success = { schema: schemaOf(contract.success.schema), example };
  const responses: Record<string, OpenApiObject> = {
    [contract.success.status]: {
      description: contract.success.description,
      headers: { 'x-correlation-id': header.correlationId, ...(contract.success.status === 201 && { Location: header.location }) },
      content: { [JSON_MEDIA_TYPE]: success },
    },
  };
  if (contract.request.headers && 'Idempotency-Key' in contract.request.headers) {
    responses['200'] = {
      description: 'A replay: the same caller sent the same Idempotency-Key and body again. The first order; stock was decremented once.',
      headers: { 'x-correlation-id': header.correlationId, Location: header.location, 'Idempotent-Replayed': header.replayed },
      content: { [JSON_MEDIA_TYPE]: success },
    };
  }

  const codes = [...contract.errors, ...COMMON_ERRORS, ...(contract.request.body ? BODY_ERRORS : [])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const gatewayStatuses = Object.keys(GATEWAY_ANSWERS)
    .map(Number)
    .filter((status) => status !== 404 || route.path.includes('{'));
  const statuses = [...new Set([...byStatus.keys(), ...gatewayStatuses])].sort((a, b) => a - b);

  for (const status of statuses) {
    const own = byStatus.get(status);
    const gateway = gatewayStatuses.includes(status) ? GATEWAY_ANSWERS[status] : undefined;
    const lines = [
      ...(own ? [`The function: ${own.join(', ')} in the \`Error\` envelope.`] : []),
      ...(gateway ? [`${gateway.when}: \`{"message":"${gateway.message}"}\`.`] : []),
      ...(status === 413 && !contract.request.body ? [`This operation takes no body and ignores one; only API Gateway refuses a body, above its limit.`] : []),
      ...(status === 413 && contract.request.body ? [`The function refuses a body above ${MAX_REQUEST_BODY_BYTES} bytes.`] : []),
    ];
    const schemas = [...(own ? [ref('Error')] : []), ...(gateway ? [ref('GatewayError')] : [])];
    const firstCode = own?.[0];
    const headers = {
      ...(own && { 'x-correlation-id': header.correlationId }),
      ...(status === 503 && own && { 'Retry-After': header.retryAfter }),
      ...((status === 401 || status === 403) && own && { 'WWW-Authenticate': header.wwwAuthenticate }),
    };
    responses[String(status)] = {
      description: lines.join(' '),
      ...(Object.keys(headers).length > 0 && { headers }),
      content: {
        [JSON_MEDIA_TYPE]: {
          schema: schemas.length === 1 ? schemas[0] : { oneOf: schemas },
          // The usual answer: the authorizer's and the throttle's come from API Gateway, the rest from the function.
          example:
            gateway && (!firstCode || status === 401 || status === 403)
              ? { message: gateway.message }
              : { error: { code: firstCode, message: `An example ${firstCode ?? ''} message` } },
        },
      },
    };
  }
  return responses;
}
