/**
 * Composition root of the replenishment consumer: the Lambda on the Products table's stream
 * (event source mapping with ReportBatchItemFailures). Everything here runs once per container:
 * config is read (a missing variable fails the cold start, naming it), the SDK client and
 * Powertools are created, and the handler is wired. The DynamoDB endpoint comes only from the
 * SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 */
import { DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import { createReplenishmentStreamHandler, withObservability } from '@shop/inventory-feature-replenishment';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { createObservability, readConfig } from '@shop/shared-util-lambda';

const config = readConfig([ReplenishmentTable.envVar]);
const observability = createObservability('replenishment-consumer');
const documentClient = createDocumentClient();
// The document client shares its DynamoDBClient's middleware stack: capturing it traces every call.
observability.tracer.captureAWSv3Client(documentClient);

export const handler = withObservability(
  createReplenishmentStreamHandler({
    writer: new DynamoReplenishmentWriter(documentClient, config[ReplenishmentTable.envVar]),
    logger: observability.logger,
    metrics: observability.metrics,
  }),
  observability,
);
