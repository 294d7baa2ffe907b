/** Error names DynamoDB gives its own failures (HTTP 500 and 503). */
const SERVER_ERROR_NAMES: ReadonlySet<string> = new Set(['InternalServerError', 'ServiceUnavailable']);

/**
 * True when DynamoDB failed on its side (HTTP 5xx: `InternalServerError`, `ServiceUnavailable`, a
 * gateway error) and the SDK's retries did not get past it. AWS documents these as retryable, but
 * unlike throttling a write that met one may or may not have been applied: a retry is safe only
 * when the write is idempotent (a `ClientRequestToken`, a condition on the item's id).
 *
 * @example
 * if (isDynamoDbServerError(error)) return serviceUnavailable({ retryAfterSeconds: 1 });
 */
export function isDynamoDbServerError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return SERVER_ERROR_NAMES.has(error.name) || (status !== undefined && status >= 500);
}
