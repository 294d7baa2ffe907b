import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** An error answer in the shape of DynamoDB's JSON protocol. */
export interface AwsJsonErrorResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * DynamoDB's answer to a request IAM denies: HTTP 400, `application/x-amz-json-1.0`, a body
 * `{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: ... is not authorized
 * to perform: ..."}` (the authorization layer writes `Message` capitalised, unlike DynamoDB's own
 * errors), `x-amzn-RequestId` and `x-amz-crc32` of the body. DynamoDB sends no `x-amzn-ErrorType`;
 * the SDKs read the error code from `__type`.
 */
export function accessDeniedResponse(message: string, requestId: string = newRequestId()): AwsJsonErrorResponse {
  return jsonError(400, { __type: 'com.amazon.coral.service#AccessDeniedException', Message: message }, requestId);
}

/** The proxy's own refusal of an operation it cannot map (enforce mode): a distinct error code, never a fake AWS one. */
export function unsupportedOperationResponse(message: string, requestId: string = newRequestId()): AwsJsonErrorResponse {
  return jsonError(400, { __type: 'com.shop.localiam#UnsupportedOperationException', message }, requestId);
}

/**
 * The proxy's own refusal of a body it cannot parse as JSON (enforce mode): DynamoDB Local's parser
 * is more lenient (a byte order mark, UTF-16, trailing bytes after the object), so forwarding what
 * the proxy cannot read would let a request through unauthorized.
 */
export function unparseableRequestResponse(message: string, requestId: string = newRequestId()): AwsJsonErrorResponse {
  return jsonError(400, { __type: 'com.shop.localiam#UnparseableRequestException', message }, requestId);
}

/** DynamoDB request ids: 52 characters of [0-9A-Z]. */
export function newRequestId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...randomBytes(52)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function jsonError(statusCode: number, payload: Record<string, string>, requestId: string): AwsJsonErrorResponse {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  return {
    statusCode,
    headers: {
      'x-amzn-RequestId': requestId,
      'x-amz-crc32': String(crc32(body)),
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(body.length),
    },
    body,
  };
}
