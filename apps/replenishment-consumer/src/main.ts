/**
 * Composition root of the replenishment consumer: the Lambda on the Products table's stream
 * (event source mapping with ReportBatchItemFailures). At import, once per container: config is
 * read (a missing variable fails the cold start, naming it), Powertools is created and the
 * handler is wired. The DynamoDB client is created on the first order transaction, not at import:
 * most records are decided from their image alone with no request, and module init has a budget
 * (80 ms) that the client's construction alone takes a good part of. It is then kept for the container's life. The DynamoDB endpoint
 * comes only from the SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 *
 * No Powertools Tracer here, deliberately (+131 kB and a third more init time, past the budget of
 * 500 kB): Lambda's active tracing still records each invocation. To capture the SDK calls as
 * well, `createTracer` from `@shop/shared-util-lambda/tracing`, `tracer.captureAWSv3Client(...)`.
 */
import { DynamoProductReplenisher } from '@shop/inventory-data-access';
import type { ProductReplenisher } from '@shop/inventory-domain';
import { createReplenishmentStreamHandler } from '@shop/inventory-feature-replenishment';
import { ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';
import { createObservability, readConfig, withObservability } from '@shop/shared-util-lambda';
import { createConsumerDocumentClient, reportTransactionConflicts } from './retry-design';

const SERVICE_NAME = 'replenishment-consumer';

const config = readConfig([ReplenishmentTable.envVar, ProductsTable.envVar]);
const { logger, metrics } = createObservability(SERVICE_NAME);
const tables = { replenishmentTableName: config[ReplenishmentTable.envVar], productsTableName: config[ProductsTable.envVar] };

let replenisher: ProductReplenisher | undefined;
/** The replenisher, with its SDK client created on the first image that shows a shortfall. */
const lazyReplenisher: ProductReplenisher = {
  orderOnce: (order) => (replenisher ??= new DynamoProductReplenisher(createConsumerDocumentClient({ logger, metrics }), tables, reportTransactionConflicts(metrics))).orderOnce(order),
};

export const handler = withObservability(
  createReplenishmentStreamHandler({
    replenisher: lazyReplenisher,
    logger,
    metrics,
  }),
  { logger, metrics },
);
