import { ErrorCode, IssueLocation, OPERATIONS, type OperationContract, type OperationId, type OperationInput, type ValidationIssueDetail } from '@shop/orders-api-contract';
import { validationIssues, type SchemaIssues } from '@shop/shared-util-schema';
import { HttpError } from './http-error';
import { assertBodySize, readJsonBody, type HttpRequest } from './request';

function issuesOf(error: SchemaIssues, location: ValidationIssueDetail['in'], prefix: readonly PropertyKey[] = []): ValidationIssueDetail[] {
  return validationIssues(error, prefix).map((issue) => ({ in: location, ...issue }));
}

/**
 * Validates a request against an operation's contract: path parameters (percent-decoded here),
 * query parameters, headers and JSON body. Every problem is reported at once in one 400
 * VALIDATION_FAILED; a body larger than MAX_REQUEST_BODY_BYTES is 413, one that is not JSON 415 or
 * 400 MALFORMED_JSON, before that. An operation without a body ignores one, as API Gateway forwards
 * it (its own limit aside).
 */
export function validateInput<Id extends OperationId>(operationId: Id, request: HttpRequest, rawParameters: Readonly<Record<string, string>>): OperationInput<Id> {
  const contract: OperationContract = OPERATIONS[operationId];
  if (contract.request.body) assertBodySize(request);
  const body = contract.request.body ? readJsonBody(request) : undefined;
  const issues: ValidationIssueDetail[] = [];
  const path: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(contract.request.path ?? {})) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawParameters[name] ?? '');
    } catch {
      issues.push({ in: IssueLocation.Path, path: name, message: 'Malformed percent-encoding' });
      continue;
    }
    const result = schema.safeParse(decoded);
    if (result.success) path[name] = result.data;
    else issues.push(...issuesOf(result.error, IssueLocation.Path, [name]));
  }
  const query: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(contract.request.query ?? {})) {
    const result = schema.safeParse(request.query[name]);
    if (result.success) query[name] = result.data;
    else issues.push(...issuesOf(result.error, IssueLocation.Query, [name]));
  }
  const headers: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(contract.request.headers ?? {})) {
    const result = schema.safeParse(request.headers[name.toLowerCase()]);
    if (result.success) headers[name] = result.data;
    else issues.push(...issuesOf(result.error, IssueLocation.Header, [name]));
  }
  let validBody: unknown;
  if (contract.request.body) {
    const result = contract.request.body.safeParse(body);
    if (result.success) validBody = result.data;
    else issues.push(...issuesOf(result.error, IssueLocation.Body));
  }
  if (issues.length > 0) {
    throw new HttpError(ErrorCode.ValidationFailed, 'The request is invalid; see details', { details: issues });
  }
  // Every field was just parsed by the schema OperationInput<Id> is inferred from.
  return { path, query, headers, body: validBody } as OperationInput<Id>;
}
