export { HttpMethod, ROUTES, routeKey } from './lib/routes';
export type { OperationId, Route, RouteDefinition } from './lib/routes';
export { ERROR_STATUS, ErrorCode, MAX_REQUEST_BODY_BYTES, RETRY_AFTER_SECONDS } from './lib/error-codes';
export {
  errorResponseSchema,
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
  PlaceOrderBody,
  ProductView,
  PutProductBody,
  ReplenishmentList,
  SettledReplenishmentResponse,
  ValidationIssueDetail,
} from './lib/schemas';
export { OPERATIONS } from './lib/operations';
export type { OperationContract, OperationInput, OperationOutput, Operations } from './lib/operations';
export { createOpenApiDocument } from './lib/openapi';
export type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiOptions } from './lib/openapi';
