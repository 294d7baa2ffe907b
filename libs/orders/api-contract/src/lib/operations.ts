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
  /** What the operation does and its rules, for the OpenAPI document (Markdown). */
  readonly description: string;
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
   * Errors specific to this operation. Every operation may also answer UNAUTHORIZED, FORBIDDEN,
   * ROUTE_NOT_FOUND, METHOD_NOT_ALLOWED, VALIDATION_FAILED, INTERNAL_ERROR and SERVICE_UNAVAILABLE;
   * one with a body also MALFORMED_JSON, PAYLOAD_TOO_LARGE and UNSUPPORTED_MEDIA_TYPE.
   */
  readonly errors: readonly ErrorCode[];
}

/**
 * The contract of every route in {@link ROUTES}, by operationId. `satisfies Record<OperationId, …>`
 * makes a route without a contract (or a contract without a route) a type error.
 */
export const OPERATIONS = {
  putProduct: {
    description:
      'Creates the product or updates its definition: stock, reorder threshold, amount to replenish and name (a name left out ' +
      'is removed). What is on order is kept. If the inventory position (stock + on order) is then below the reorder ' +
      'threshold, the replenishment consumer orders the smallest number of lots that brings it back, once.',
    request: { path: { productId: PathParameter.productId }, body: putProductBodySchema },
    success: { status: 200, description: 'The product as stored (created or updated; what is on order is kept)', schema: productViewSchema },
    errors: [],
  },
  getProduct: {
    description: 'Reads a product with its stock and replenishment policy.',
    request: { path: { productId: PathParameter.productId } },
    success: { status: 200, description: 'The product, with what is on order and its inventory position', schema: productViewSchema },
    errors: [ErrorCode.ProductNotFound],
  },
  listReplenishments: {
    description:
      "Lists the product's replenishment orders (PENDING, RECEIVED and CANCELLED), newest first, a page at a time: `limit` orders (default 25, at most 100) and a `nextToken` while more remain. An unknown product is 404, not an empty list.",
    request: { path: { productId: PathParameter.productId }, query: { limit: QueryParameter.limit, nextToken: QueryParameter.nextToken } },
    success: { status: 200, description: "A page of the product's replenishment orders, newest first", schema: replenishmentListSchema },
    errors: [ErrorCode.ProductNotFound],
  },
  /** What the warehouse expects, without knowing product ids. Intended scope: `shop/replenishments.read`. */
  listPendingReplenishments: {
    description:
      'Lists what is on its way for the warehouse, without knowing product ids: the PENDING replenishment orders of every ' +
      'product, oldest first (a sparse index holds only open orders), a page at a time: `limit` orders (default 25, at most ' +
      '100) and a `nextToken` while more remain. `status` must be PENDING.',
    request: { query: { status: QueryParameter.status, limit: QueryParameter.limit, nextToken: QueryParameter.nextToken } },
    success: { status: 200, description: 'A page of the PENDING replenishment orders of every product, oldest first', schema: replenishmentListSchema },
    errors: [],
  },
  placeOrder: {
    description:
      'Places an order for the caller (the `sub` of their token becomes its `ownerId`): the stock is decremented and the order ' +
      'written in one DynamoDB transaction that never takes stock below zero. With an `Idempotency-Key`, the same caller sending ' +
      'the same key and body again gets the first order back (200, `Idempotent-Replayed: true`) and stock is decremented once; ' +
      'the same key with another body is 422. Keys are scoped per caller: two callers who use the same key place two orders.',
    request: { headers: { 'Idempotency-Key': HeaderParameter['Idempotency-Key'] }, body: placeOrderBodySchema },
    success: { status: 201, description: 'The order was placed and the stock decremented', schema: orderSchema },
    errors: [ErrorCode.ProductNotFound, ErrorCode.InsufficientStock, ErrorCode.IdempotencyKeyReused],
  },
  getOrder: {
    description:
      "Reads one of the caller's own orders. Another caller's order is 404 ORDER_NOT_FOUND, exactly like an id that does not exist.",
    request: { path: { orderId: PathParameter.orderId } },
    success: { status: 200, description: 'The order', schema: orderSchema },
    errors: [ErrorCode.OrderNotFound],
  },
  receiveReplenishment: {
    description:
      "Adds a PENDING replenishment order's amount to the product's stock and marks it RECEIVED, in one transaction. A second " +
      'receive is 409 ALREADY_RECEIVED and changes nothing.',
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
   * position is then below the threshold. Intended scope: `shop/replenishments.receive`.
   */
  cancelReplenishment: {
    description:
      'Cancels a PENDING replenishment order that will not come: status CANCELLED and the product\'s on-order amount down by ' +
      'its amount, once, in one transaction. If the inventory position is then below the reorder threshold, the consumer ' +
      'orders again. A RECEIVED or CANCELLED order is 409 and nothing changes.',
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
