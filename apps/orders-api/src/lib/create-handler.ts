import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DynamoProductRepository, DynamoReplenishmentRepository } from '@shop/inventory-data-access';
import { ErrorCode, OPERATIONS, ROUTES, type OperationId, type OperationInput } from '@shop/orders-api-contract';
import { DynamoOrderRepository } from '@shop/orders-data-access';
import type { TransactionRetryOptions, TransactionRetryPolicy } from '@shop/shared-data-access-dynamodb';
import { OrdersTable, ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';
import { createObservability, readConfig, traced, withObservability, type Observability } from '@shop/shared-util-lambda';
import { toHttpError } from './error-mapping';
import { authorizeCaller, type Caller } from './http/caller';
import type { HttpError } from './http/http-error';
import { toHttpRequest, type HttpRequest } from './http/request';
import { errorResponse, jsonResponse, type HttpResponse } from './http/response';
import { Router } from './http/router';
import { validateInput } from './http/validate-input';
import { OPERATION_HANDLERS } from './operations';
import { OrdersApiMetric } from '@shop/shared-util-lambda';
import type { ApiServices } from './services';

/** The service name in logs, metrics and traces (POWERTOOLS_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'orders-api';

/** Physical names of the three tables. */
export interface OrdersApiTables {
  readonly products: string;
  readonly orders: string;
  readonly replenishment: string;
}

export interface OrdersApiDependencies {
  /** The DynamoDB document client (see `createDocumentClient`); its endpoint comes from the SDK's standard variables. */
  readonly documentClient: DynamoDBDocumentClient;
  readonly tables: OrdersApiTables;
  /**
   * Defaults to `createObservability(SERVICE_NAME)` (Logger and Metrics; no Tracer). With a Tracer
   * from `@shop/shared-util-lambda/tracing`, each operation runs in its own `## <operationId>` subsegment.
   */
  readonly observability?: Observability;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
  /** Retries of transactions cancelled only by TransactionConflict. */
  readonly transactionRetry?: Partial<TransactionRetryPolicy>;
}

/** An API Gateway HTTP API (payload 2.0) Lambda handler. */
export type OrdersApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<HttpResponse>;

/**
 * The table names from the environment (PRODUCTS_TABLE_NAME, ORDERS_TABLE_NAME,
 * REPLENISHMENT_TABLE_NAME). Throws `ConfigurationError` naming every missing variable.
 *
 * @example
 * const tables = tableNamesFromEnv(); // at module scope: a misconfigured function fails its cold start
 */
export function tableNamesFromEnv(env: Record<string, string | undefined> = process.env): OrdersApiTables {
  const config = readConfig([ProductsTable.envVar, OrdersTable.envVar, ReplenishmentTable.envVar], env);
  return { products: config.PRODUCTS_TABLE_NAME, orders: config.ORDERS_TABLE_NAME, replenishment: config.REPLENISHMENT_TABLE_NAME };
}

/** The composition root: DynamoDB adapters behind the ports the operations use. */
function createServices(deps: OrdersApiDependencies, observability: Observability): ApiServices {
  const { documentClient, tables, transactionRetry } = deps;
  const { metrics } = observability;
  // Both transactional repositories report their lost races to the same metrics: every lost
  // race, and those tried again (not one that used the last attempt or came after time ran out).
  const conflictRetry: TransactionRetryOptions = {
    ...(transactionRetry && { retry: transactionRetry }),
    onTransactionConflict: (_attempt, retrying) => {
      metrics.addMetric(OrdersApiMetric.TransactionConflicts, MetricUnit.Count, 1);
      if (retrying) metrics.addMetric(OrdersApiMetric.TransactionRetries, MetricUnit.Count, 1);
    },
  };
  return {
    products: new DynamoProductRepository(documentClient, tables.products),
    orders: new DynamoOrderRepository(documentClient, { ordersTableName: tables.orders, productsTableName: tables.products }, conflictRetry),
    replenishments: new DynamoReplenishmentRepository(
      documentClient,
      { replenishmentTableName: tables.replenishment, productsTableName: tables.products },
      conflictRetry,
    ),
    metrics,
    now: deps.now ?? (() => new Date()),
  };
}

/**
 * Builds the orders API's Lambda handler from injected clients: the deployed function
 * (`main.ts`), tests and the local stack all use it.
 *
 * @example
 * const handler = createHandler({ documentClient: createDocumentClient(), tables: tableNamesFromEnv() });
 * const response = await handler(event, context);
 */
export function createHandler(deps: OrdersApiDependencies): OrdersApiHandler {
  const observability = deps.observability ?? createObservability(SERVICE_NAME);
  const { logger, tracer } = observability;
  const services = createServices(deps, observability);
  const router = new Router(ROUTES.map((route) => ({ route, target: route.operationId })));

  /** Validates and serves one operation, keeping its own input and output types. */
  const serve = async <Id extends OperationId>(operationId: Id, request: HttpRequest, rawParameters: Readonly<Record<string, string>>, caller: Caller) => {
    let input: OperationInput<Id>;
    try {
      input = validateInput(operationId, request, rawParameters);
    } catch (error) {
      if (operationId === 'placeOrder') services.metrics.addMetric(OrdersApiMetric.InvalidOrders, MetricUnit.Count, 1);
      throw error;
    }
    const handle = OPERATION_HANDLERS[operationId];
    const result = await traced(tracer, `## ${operationId}`, { operationId }, () => handle(input, services, caller));
    return jsonResponse(result.status ?? OPERATIONS[operationId].success.status, result.body, result.headers);
  };

  /**
   * Routes, authorizes and serves one request; reports the operation as soon as it is known (for
   * the log line). Authorization comes before anything about the request's content, as at API Gateway.
   */
  const dispatch = async (event: APIGatewayProxyEventV2, routed: (operationId: OperationId) => void): Promise<HttpResponse> => {
    const request = toHttpRequest(event);
    const { entry, rawParameters } = router.match(request.method, request.rawPath);
    routed(entry.target);
    const caller = authorizeCaller(event, entry.route);
    return serve(entry.target, request, rawParameters, caller);
  };

  /**
   * One request, answered whatever happens: its correlation id on every log line and on the
   * response, its error mapped to a response, and one `Request served` line. The Lambda plumbing
   * (context, cold start, metrics flush, tracing) is withObservability's.
   */
  const serveRequest = async (event: APIGatewayProxyEventV2, context: Context | undefined): Promise<HttpResponse> => {
    const startedAt = Date.now();
    const correlationId = event.requestContext?.requestId ?? context?.awsRequestId ?? randomUUID();
    logger.setCorrelationId(correlationId);
    let operationId: OperationId | undefined;
    let response: HttpResponse;
    try {
      response = await dispatch(event, (id) => (operationId = id));
    } catch (error) {
      response = errorToResponse(error, correlationId, logger);
    }
    response.headers['x-correlation-id'] = correlationId;
    logger.info('Request served', {
      operationId,
      method: event.requestContext?.http?.method,
      path: event.rawPath,
      statusCode: response.statusCode,
      durationMs: Date.now() - startedAt,
    });
    logger.resetKeys();
    return response;
  };

  return withObservability(serveRequest, observability);
}

/** What a mapped error stood for, by name (`TransactionConflictError`, `ProvisionedThroughputExceededException`, …). */
function causeOf(error: HttpError): string {
  const { cause } = error;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : 'no underlying error';
}

/** The response to a thrown error: its mapped HTTP error, or a 500 whose correlation id the log line carries too. */
function errorToResponse(error: unknown, correlationId: string, logger: Observability['logger']): HttpResponse {
  const httpError = toHttpError(error);
  if (httpError) {
    if (httpError.status >= 500) logger.warn(`Request refused with ${httpError.status} ${httpError.code}: ${causeOf(httpError)}`, { error });
    // Behind API Gateway's JWT authorizer these never reach the function: one that does means a route lost its authorizer or scope.
    if (httpError.code === ErrorCode.Unauthorized || httpError.code === ErrorCode.Forbidden) {
      logger.warn(`Request refused with ${httpError.status} ${httpError.code} by the function's own check: is the route's JWT authorizer configured?`);
    }
    return errorResponse(httpError);
  }
  logger.error('Unhandled fault', { error });
  return jsonResponse(500, {
    error: {
      code: ErrorCode.InternalError,
      message: `An unexpected error occurred; quote correlation id ${correlationId} when reporting it`,
      correlationId,
    },
  });
}
