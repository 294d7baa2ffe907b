import { orderSchema } from '@shop/orders-domain';
import type { z } from 'zod';
import { ErrorCode } from './error-codes';
import type { OperationId } from './routes';
import {
  HeaderParameter,
  PathParameter,
  placeOrderBodySchema,
  productViewSchema,
  putProductBodySchema,
  QueryParameter,
  replenishmentListSchema,
  settledReplenishmentSchema,
} from './schemas';

type ParameterSchemas = Readonly<Record<string, z.ZodType>>;

/** What one operation accepts and answers: the router validates with it, OpenAPI documents it. */
export interface OperationContract {
  readonly request: {
    /** Path parameters by name; each is required and validated after percent-decoding. */
    readonly path?: ParameterSchemas;
    /** Query string parameters by name; each validated as the string the client sent. */
    readonly query?: ParameterSchemas;
    readonly headers?: ParameterSchemas;
    /** A JSON body (`application/json`), required when present. */
    readonly body?: z.ZodType;
  };
  readonly success: {
    readonly status: 200 | 201;
    readonly description: string;
    readonly schema: z.ZodType;
  };
  /**
   * Errors specific to this operation. Every operation may also answer ROUTE_NOT_FOUND,
   * METHOD_NOT_ALLOWED, VALIDATION_FAILED, INTERNAL_ERROR and SERVICE_UNAVAILABLE; one with a
   * body also MALFORMED_JSON, PAYLOAD_TOO_LARGE and UNSUPPORTED_MEDIA_TYPE.
   */
  readonly errors: readonly ErrorCode[];
}

/**
 * The contract of every route in {@link ROUTES}, by operationId. `satisfies Record<OperationId, …>`
 * makes a route without a contract (or a contract without a route) a type error.
 */
export const OPERATIONS = {
  putProduct: {
    request: { path: { productId: PathParameter.productId }, body: putProductBodySchema },
    success: { status: 200, description: 'The product as stored (created or updated; what is on order is kept)', schema: productViewSchema },
    errors: [],
  },
  getProduct: {
    request: { path: { productId: PathParameter.productId } },
    success: { status: 200, description: 'The product, with what is on order and its inventory position', schema: productViewSchema },
    errors: [ErrorCode.ProductNotFound],
  },
  listReplenishments: {
    request: { path: { productId: PathParameter.productId }, query: { limit: QueryParameter.limit, nextToken: QueryParameter.nextToken } },
    success: { status: 200, description: "A page of the product's replenishment orders, newest first", schema: replenishmentListSchema },
    errors: [ErrorCode.ProductNotFound],
  },
  /** What the warehouse expects, without knowing product ids. Intended scope (issue 14): `shop/replenishments.read`. */
  listPendingReplenishments: {
    request: { query: { status: QueryParameter.status, limit: QueryParameter.limit, nextToken: QueryParameter.nextToken } },
    success: { status: 200, description: 'A page of the PENDING replenishment orders of every product, oldest first', schema: replenishmentListSchema },
    errors: [],
  },
  placeOrder: {
    request: { headers: { 'Idempotency-Key': HeaderParameter['Idempotency-Key'] }, body: placeOrderBodySchema },
    success: { status: 201, description: 'The order was placed and the stock decremented', schema: orderSchema },
    errors: [ErrorCode.ProductNotFound, ErrorCode.InsufficientStock, ErrorCode.IdempotencyKeyReused],
  },
  getOrder: {
    request: { path: { orderId: PathParameter.orderId } },
    success: { status: 200, description: 'The order', schema: orderSchema },
    errors: [ErrorCode.OrderNotFound],
  },
  receiveReplenishment: {
    request: { path: { replenishmentId: PathParameter.replenishmentId } },
    success: {
      status: 200,
      description: "The replenishment order, now RECEIVED, and the product's stock, on-order and position after adding its amount",
      schema: settledReplenishmentSchema,
    },
    errors: [ErrorCode.ReplenishmentNotFound, ErrorCode.ProductNotFound, ErrorCode.AlreadyReceived, ErrorCode.NotPending],
  },
  /**
   * A delivery that will not come: its amount leaves `onOrder`, and the consumer orders again if the
   * position is then below the threshold. Intended scope (issue 14): `shop/replenishments.receive`.
   */
  cancelReplenishment: {
    request: { path: { replenishmentId: PathParameter.replenishmentId } },
    success: {
      status: 200,
      description: "The replenishment order, now CANCELLED, and the product's stock, on-order and position after",
      schema: settledReplenishmentSchema,
    },
    errors: [ErrorCode.ReplenishmentNotFound, ErrorCode.ProductNotFound, ErrorCode.AlreadyReceived, ErrorCode.NotPending],
  },
} as const satisfies Record<OperationId, OperationContract>;

export type Operations = typeof OPERATIONS;

type InferParameters<T> = T extends ParameterSchemas ? { readonly [K in keyof T]: z.output<T[K]> } : Record<string, never>;

/** The validated input of an operation: decoded path parameters, headers and body. */
export interface OperationInput<Id extends OperationId> {
  readonly path: InferParameters<Operations[Id]['request'] extends { path: infer P } ? P : undefined>;
  readonly query: InferParameters<Operations[Id]['request'] extends { query: infer Q } ? Q : undefined>;
  readonly headers: InferParameters<Operations[Id]['request'] extends { headers: infer H } ? H : undefined>;
  readonly body: Operations[Id]['request'] extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;
}

/** The success body of an operation. */
export type OperationOutput<Id extends OperationId> = z.output<Operations[Id]['success']['schema']>;
