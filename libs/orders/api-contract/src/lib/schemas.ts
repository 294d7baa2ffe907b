import { PageSize, productSchema, quantitySchema, ReplenishmentStatus, replenishmentOrderSchema } from '@shop/inventory-domain';
import { idempotencyKeySchema, orderQuantitySchema, orderSchema } from '@shop/orders-domain';
import { lazySchema } from '@shop/shared-util-schema';
import * as z from 'zod';
import { ErrorCode } from './error-codes';


/**
 * Request and response schemas of the orders API. The router validates requests with them and the
 * OpenAPI document is generated from them: nothing here is written twice. The product and the
 * replenishment order are the inventory domain's own schemas (one definition per model).
 *
 * Each schema is built on first use ({@link lazySchema}): the Lambda validates one route's request
 * per invocation and never needs the response schemas, which only the OpenAPI document and clients use.
 */

/** `PUT /products/{productId}` body: a product without its id (the id is in the path). */
export const putProductBodySchema = lazySchema(() => productSchema.omit({ productId: true }));
export type PutProductBody = z.infer<typeof putProductBodySchema>;

/** `POST /orders` body. */
export const placeOrderBodySchema = lazySchema(() =>
  z.strictObject({
    productId: productSchema.shape.productId,
    quantity: orderQuantitySchema,
  }),
);
export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;

/** What is on order and the inventory position, as every product answer shows them. */
const positionShape = () => ({
  onOrder: quantitySchema().describe('Units on order and not yet received: the sum of the PENDING replenishment amounts'),
  inventoryPosition: z.number().int().min(0).describe('stock + onOrder: what the reorder policy compares with reorderThreshold'),
});

/** A product as the API shows it: its definition, what is on order and its inventory position. */
export const productViewSchema = lazySchema(() => productSchema.extend(positionShape()));
export type ProductView = z.infer<typeof productViewSchema>;

/** A page of replenishment orders: `nextToken` is present when there may be more. */
export const replenishmentListSchema = lazySchema(() =>
  z.strictObject({
    items: z.array(replenishmentOrderSchema),
    nextToken: z.string().optional().describe('Pass as the nextToken query parameter to read the next page; absent on the last page'),
  }),
);
export type ReplenishmentList = z.infer<typeof replenishmentListSchema>;

/**
 * `POST /replenishments/{replenishmentId}/receive` and `…/cancel` response: the order, now
 * RECEIVED or CANCELLED, and the product's stock, on-order and position right after.
 */
export const settledReplenishmentSchema = lazySchema(() =>
  z.strictObject({
    ...replenishmentOrderSchema.shape,
    stock: productSchema.shape.stock,
    ...positionShape(),
  }),
);
export type SettledReplenishmentResponse = z.infer<typeof settledReplenishmentSchema>;

/** Where a validation problem was found. */
export const IssueLocation = { Path: 'path', Query: 'query', Header: 'header', Body: 'body' } as const;
export type IssueLocation = (typeof IssueLocation)[keyof typeof IssueLocation];

/** One problem with a request, in `error.details` of a 400 VALIDATION_FAILED. */
export const validationIssueSchema = lazySchema(() =>
  z.strictObject({
    in: z.enum([IssueLocation.Path, IssueLocation.Query, IssueLocation.Header, IssueLocation.Body]),
    /** Dotted path inside that location (`quantity`, `productId`); empty for the whole body. */
    path: z.string(),
    message: z.string(),
  }),
);
export type ValidationIssueDetail = z.infer<typeof validationIssueSchema>;

/** Every error response: `{"error":{"code","message"}}`, plus `details` (validation) or `correlationId` (faults). */
export const errorResponseSchema = lazySchema(() =>
  z.strictObject({
    error: z.strictObject({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.array(validationIssueSchema).optional(),
      correlationId: z.string().optional(),
    }),
  }),
);
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * What API Gateway itself answers, before or instead of the function: `{"message":"Unauthorized"}`
 * (no valid token), `{"message":"Forbidden"}` (a scope missing), `{"message":"Not Found"}` (no
 * route, or an empty path parameter), `{"message":"Too Many Requests"}` (throttling), 413 above its
 * payload limit, and 500/503 when the function fails or times out.
 */
export const gatewayErrorSchema = lazySchema(() => z.strictObject({ message: z.string() }));
export type GatewayError = z.infer<typeof gatewayErrorSchema>;

/** Path parameters. Ids arrive percent-encoded (`p%231234`) and are validated decoded. */
export const PathParameter = {
  productId: productSchema.shape.productId,
  /** Any string; one that is not an order id is simply not found (404). */
  orderId: lazySchema(() => z.string().min(1).max(1024)),
  replenishmentId: replenishmentOrderSchema.shape.replenishmentId,
} as const;

/** Query string parameters (`?limit=25&nextToken=…`), each optional unless said otherwise. */
export const QueryParameter = {
  limit: lazySchema(() =>
    z.coerce
      .number()
      .int()
      .min(1)
      .max(PageSize.Max)
      .describe(`Most items in the page (1 to ${PageSize.Max}, default ${PageSize.Default})`)
      .optional(),
  ),
  nextToken: lazySchema(() => z.string().min(1).max(2048).describe("The previous page's nextToken, unchanged").optional()),
  /** Only open orders can be listed across products. */
  status: lazySchema(() => z.literal(ReplenishmentStatus.Pending).describe('Which orders: only PENDING (what is on its way)')),
} as const;

/** Header parameters, by their canonical spelling (matched case-insensitively). */
export const HeaderParameter = {
  'Idempotency-Key': lazySchema(() =>
    idempotencyKeySchema
      .describe(
        'Makes the order safe to retry at any later time: the same key with the same body returns the first order (200) ' +
          'and decrements stock once; the same key with another body is refused (422). Keys are per caller (token `sub`): ' +
          "another caller's identical key places another order.",
      )
      .optional(),
  ),
} as const;

/** Schemas published under `components.schemas` of the OpenAPI document, by name. */
export const NAMED_SCHEMAS = {
  Product: productViewSchema,
  PutProductRequest: putProductBodySchema,
  PlaceOrderRequest: placeOrderBodySchema,
  Order: orderSchema,
  ReplenishmentOrder: replenishmentOrderSchema,
  ReplenishmentList: replenishmentListSchema,
  SettledReplenishment: settledReplenishmentSchema,
  ValidationIssue: validationIssueSchema,
  Error: errorResponseSchema,
  GatewayError: gatewayErrorSchema,
} as const satisfies Record<string, z.ZodType>;
