import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorResponse } from '@shop/orders-api-contract';
import type { HttpError } from './http-error';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

/** A JSON response. */
export function jsonResponse(statusCode: number, body: unknown, headers: Readonly<Record<string, string>> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** The response of an {@link HttpError}: `{"error":{"code","message"[,"details"]}}`. */
export function errorResponse(error: HttpError): HttpResponse {
  const body: ErrorResponse = {
    error: { code: error.code, message: error.message, ...(error.extras.details && { details: [...error.extras.details] }) },
  };
  return jsonResponse(error.status, body, error.extras.headers);
}
