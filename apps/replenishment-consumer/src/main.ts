/**
 * Composition root of the replenishment consumer: the Lambda on the Products table's stream
 * (event source mapping with ReportBatchItemFailures). Everything here runs once per container:
 * config is read (a missing variable fails the cold start, naming it), the SDK client and
 * Powertools are created, and the handler is wired. The DynamoDB endpoint comes only from the
 * SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 *
 * No Powertools Tracer here, deliberately: it brings aws-xray-sdk-core (with semver and
 * cls-hooked), +131 kB (616 kB in all) and about a third more init time, past the function's
 * budget of 500 kB / 80 ms. Lambda's active tracing still records each invocation; to capture the
 * SDK calls as well, create a Tracer, `tracer.captureAWSv3Client(documentClient)` and pass it to
 * withObservability (figures in the inventory team's report).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoReplenishmentWriter } from '@shop/inventory-data-access';
import { createReplenishmentStreamHandler, withObservability } from '@shop/inventory-feature-replenishment';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { readConfig } from '@shop/shared-util-lambda';

const SERVICE_NAME = 'replenishment-consumer';

const config = readConfig([ReplenishmentTable.envVar]);
// The same settings as createObservability() in @shop/shared-util-lambda, minus its Tracer.
const logger = new Logger({ serviceName: SERVICE_NAME });
const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: 'Shop' });
const documentClient = createDocumentClient();

export const handler = withObservability(
  createReplenishmentStreamHandler({
    writer: new DynamoReplenishmentWriter(documentClient, config[ReplenishmentTable.envVar]),
    logger,
    metrics,
  }),
  { logger, metrics },
);
