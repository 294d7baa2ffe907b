/**
 * The orders API Lambda (API Gateway HTTP API, payload 2.0). Everything here runs once per
 * container: the table names are read (a missing variable fails the cold start, naming it), the
 * DynamoDB client and Powertools are created, and the handler is composed. The DynamoDB endpoint
 * comes only from the SDK's standard AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL.
 */
import { createObservability } from '@shop/shared-util-lambda';
import { createHandler, SERVICE_NAME, tableNamesFromEnv } from './lib/create-handler';
import { createOrdersApiDocumentClient } from './lib/retry-design';

const observability = createObservability(SERVICE_NAME);

export const handler = createHandler({
  documentClient: createOrdersApiDocumentClient(observability),
  tables: tableNamesFromEnv(),
  observability,
});
