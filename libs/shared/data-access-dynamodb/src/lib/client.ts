import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB document client with this project's marshalling rules. Create it once per Lambda
 * container (module scope), not per invocation. The endpoint comes only from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL`): there is no custom variable.
 *
 * @example
 * const documentClient = createDocumentClient();
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
