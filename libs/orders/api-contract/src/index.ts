export { HttpMethod, ROUTES, routeKey } from './lib/routes';
export { allowsAny, grantedScopes, RESOURCE_SERVER_ID, Role, ROLE_SCOPES, Scope, SCOPE_DESCRIPTIONS, SCOPES, scopeName } from './lib/scopes';
export type { OperationId, Route, RouteDefinition } from './lib/routes';
export { ERROR_STATUS, ErrorCode, MAX_REQUEST_BODY_BYTES, RETRY_AFTER_SECONDS } from './lib/error-codes';
export {
  errorResponseSchema,
  gatewayErrorSchema,
  HeaderParameter,
  IssueLocation,
  NAMED_SCHEMAS,
  PathParameter,
  placeOrderBodySchema,
  productViewSchema,
  putProductBodySchema,
  QueryParameter,
  replenishmentListSchema,
  settledReplenishmentSchema,
  validationIssueSchema,
} from './lib/schemas';
export type {
  ErrorResponse,
  GatewayError,
  PlaceOrderBody,
  ProductView,
  PutProductBody,
  ReplenishmentList,
  SettledReplenishmentResponse,
  ValidationIssueDetail,
} from './lib/schemas';
export { OPERATIONS } from './lib/operations';
export type { OperationContract, OperationInput, OperationOutput, Operations } from './lib/operations';
export { createOpenApiDocument, SECURITY_SCHEME } from './lib/openapi';
export { OPERATION_EXAMPLES } from './lib/examples';
export type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiOptions } from './lib/openapi';
