export { HttpMethod, ROUTES, routeKey } from './lib/routes';
export { allowsAny, grantedScopes, RESOURCE_SERVER_ID, Role, ROLE_SCOPES, Scope, SCOPE_DESCRIPTIONS, SCOPES, scopeName } from './lib/scopes';
export type { OperationId, Route, RouteDefinition } from './lib/routes';
export { ERROR_STATUS, ErrorCode, MAX_REQUEST_BODY_BYTES, RETRY_AFTER_SECONDS } from './lib/error-codes';
export { errorResponseSchema, IssueLocation, NAMED_SCHEMAS, placeOrderBodySchema, productViewSchema, putProductBodySchema, replenishmentListSchema, settledReplenishmentSchema } from './lib/schemas';
export type { ErrorResponse, ProductView, PutProductBody, ReplenishmentList, SettledReplenishmentResponse, ValidationIssueDetail } from './lib/schemas';
export { OPERATIONS } from './lib/operations';
export type { OperationContract, OperationInput, OperationOutput } from './lib/operations';
export { createOpenApiDocument } from './lib/openapi';
