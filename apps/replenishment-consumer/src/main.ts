/**
 * Composition root of the replenishment consumer: the Lambda on the Products table's stream
 * (event source mapping with ReportBatchItemFailures). Everything here runs once per container:
 * config is read (a missing variable fails the cold start, naming it), the SDK client and
 * Powertools are created, and the handler is wired. The DynamoDB endpoint comes only from the
 * SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 *
 * No Powertools Tracer here, deliberately (+131 kB and a third more init time, past the budget of
 * 500 kB): Lambda's active tracing still records each invocation. To capture the SDK calls as
 * well, `createTracer` from `@shop/shared-util-lambda/tracing`, `tracer.captureAWSv3Client(...)`.
 */
import { DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import { createReplenishmentStreamHandler, withObservability } from '@shop/inventory-feature-replenishment';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { createObservability, readConfig } from '@shop/shared-util-lambda';

const SERVICE_NAME = 'replenishment-consumer';

const config = readConfig([ReplenishmentTable.envVar]);
const { logger, metrics } = createObservability(SERVICE_NAME);
const documentClient = createDocumentClient();

export const handler = withObservability(
  createReplenishmentStreamHandler({
    writer: new DynamoReplenishmentWriter(documentClient, config[ReplenishmentTable.envVar]),
    logger,
    metrics,
  }),
  { logger, metrics },
);
