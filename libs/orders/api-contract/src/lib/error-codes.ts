/** Every `error.code` the orders API answers with. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  ProductNotFound: 'PRODUCT_NOT_FOUND',
  OrderNotFound: 'ORDER_NOT_FOUND',
  ReplenishmentNotFound: 'REPLENISHMENT_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  InsufficientStock: 'INSUFFICIENT_STOCK',
  AlreadyReceived: 'ALREADY_RECEIVED',
  NotPending: 'NOT_PENDING',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  InternalError: 'INTERNAL_ERROR',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status of each error code: one table for the router and the OpenAPI document. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  REPLENISHMENT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INSUFFICIENT_STOCK: 409,
  ALREADY_RECEIVED: 409,
  NOT_PENDING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>;

/** Largest request body accepted, in bytes (after base64 decoding). Larger → 413. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 1;
