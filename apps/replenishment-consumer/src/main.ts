/**
 * Composition root of the replenishment consumer: the Lambda on the Products table's stream
 * (event source mapping with ReportBatchItemFailures). At import, once per container: config is
 * read (a missing variable fails the cold start, naming it), Powertools is created and the
 * handler is wired. The DynamoDB client is created on the first write, not at import: most
 * batches hold no crossing, and module init has a budget (80 ms) that the client's construction
 * alone takes a good part of. It is then kept for the container's life. The DynamoDB endpoint
 * comes only from the SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 *
 * No Powertools Tracer here, deliberately (+131 kB and a third more init time, past the budget of
 * 500 kB): Lambda's active tracing still records each invocation. To capture the SDK calls as
 * well, `createTracer` from `@shop/shared-util-lambda/tracing`, `tracer.captureAWSv3Client(...)`.
 */
import { DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import type { ReplenishmentWriter } from '@shop/inventory-domain';
import { createReplenishmentStreamHandler, withObservability } from '@shop/inventory-feature-replenishment';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { createObservability, readConfig } from '@shop/shared-util-lambda';

const SERVICE_NAME = 'replenishment-consumer';

const config = readConfig([ReplenishmentTable.envVar]);
const { logger, metrics } = createObservability(SERVICE_NAME);
const replenishmentTableName = config[ReplenishmentTable.envVar];

let writer: ReplenishmentWriter | undefined;
/** The Replenishment table writer, with its SDK client created on the first crossing. */
const lazyWriter: ReplenishmentWriter = {
  createOnce: (order) => (writer ??= new DynamoReplenishmentWriter(createDocumentClient(), replenishmentTableName)).createOnce(order),
};

export const handler = withObservability(
  createReplenishmentStreamHandler({
    writer: lazyWriter,
    logger,
    metrics,
  }),
  { logger, metrics },
);
