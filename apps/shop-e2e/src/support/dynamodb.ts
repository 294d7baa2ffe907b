import { DynamoDBClient, paginateScan, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS } from '@shop/tools-dynamodb-local';
import type { StackEndpoints } from '@shop/tools-local-stack';

/** Clients on the stack's DynamoDB Local, as an administrator (no IAM proxy): for checks the API cannot make. */
export function dynamoClients(endpoints: Pick<StackEndpoints, 'dynamodbEndpoint' | 'region'>): { ddb: DynamoDBClient; streams: DynamoDBStreamsClient } {
  const config = { endpoint: endpoints.dynamodbEndpoint, region: endpoints.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 5 };
  return { ddb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

export type Item = Record<string, AttributeValue>;

/** Every item of a table (consistent reads). */
export async function scanTable(ddb: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan({ client: ddb }, { TableName: tableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
  return items;
}

/** The content of some tables, each as a sorted list of canonical JSON items: equal snapshots mean equal tables. */
export async function snapshotTables(ddb: DynamoDBClient, tableNames: readonly string[]): Promise<Record<string, string[]>> {
  const entries = await Promise.all(tableNames.map(async (name) => [name, (await scanTable(ddb, name)).map(canonicalJson).sort()] as const));
  return Object.fromEntries(entries);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
