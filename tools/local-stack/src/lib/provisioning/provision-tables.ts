import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { InvalidResourceError, LocalStackError, TableDefinitionMismatchError, TableNotProvisionedError } from '../errors';
import { dynamoDbStreamArn, dynamoDbTableArn } from '@shop/shared-util-terraform-json';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import { tableDifferences } from './compare-tables';
import type { TableDefinition } from './table-definition';

/** A table that exists in DynamoDB Local as the synth declares it. */
export interface ProvisionedTable {
  readonly address: string;
  readonly tableName: string;
  /** AWS-shaped: `arn:aws:dynamodb:<region>:000000000000:table/<name>` */
  readonly tableArn: string;
  readonly stream?: {
    /** AWS-shaped: `<tableArn>/stream/<label>` (what events and DLQ messages carry) */
    readonly arn: string;
    readonly label: string;
    /** What DynamoDB Local answers to (region `ddblocal`). */
    readonly localArn: string;
    readonly viewType: string;
  };
  /** false when the table already existed with the same definition (a re-run). */
  readonly created: boolean;
}

/**
 * Creates every declared table in DynamoDB Local, or checks that an existing one matches its
 * declaration. Re-running is a no-op; a table that exists with another definition is a
 * {@link TableDefinitionMismatchError} listing each difference, and nothing is changed.
 *
 * With `createMissing: false` it only checks (tools that join a running stack): a missing table is
 * a {@link TableNotProvisionedError}.
 *
 * DynamoDB Local treats table names case-insensitively (creating `Products` next to `products`
 * fails with an internal error), so such pairs are refused up front.
 *
 * @example
 * const tables = await provisionTables(client, readTableDefinitions(synth), synth.region());
 */
export async function provisionTables(
  client: DynamoDBClient,
  definitions: readonly TableDefinition[],
  region: string,
  options: { readonly createMissing?: boolean } = {},
): Promise<ProvisionedTable[]> {
  assertDistinctIgnoringCase(definitions);
  const existing = await listTableNames(client);
  // Check everything before creating anything, so a mismatch leaves DynamoDB Local untouched.
  const plans = await Promise.all(
    definitions.map(async (definition) => {
      const clash = existing.find((name) => name !== definition.tableName && name.toLowerCase() === definition.tableName.toLowerCase());
      if (clash) {
        throw new TableDefinitionMismatchError(definition.tableName, [`DynamoDB Local already holds "${clash}", and it compares table names ignoring case`]);
      }
      if (!existing.includes(definition.tableName)) {
        if (options.createMissing === false) {
          throw new TableNotProvisionedError(definition.tableName);
        }
        return { definition, current: undefined };
      }
      const current = await describe(client, definition.tableName);
      const differences = tableDifferences(definition.input, current);
      if (differences.length > 0) throw new TableDefinitionMismatchError(definition.tableName, differences);
      return { definition, current };
    }),
  );
  const provisioned: ProvisionedTable[] = [];
  for (const { definition, current } of plans) {
    let description = current;
    if (!description) {
      try {
        await client.send(new CreateTableCommand(definition.input));
      } catch (cause) {
        throw new LocalStackError(`${definition.address}: DynamoDB Local refused CreateTable for ${definition.tableName}: ${(cause as Error).message}`, { cause });
      }
      description = await waitUntilActive(client, definition.tableName);
    }
    provisioned.push(toProvisioned(definition, description, region, current === undefined));
  }
  return provisioned;
}

/** Registers each table's attributes (name, arn, stream_arn, …) for `${aws_dynamodb_table.x.*}` references. */
export function registerTableAttributes(resolver: ReferenceResolver, tables: readonly ProvisionedTable[]): void {
  for (const table of tables) {
    resolver.register(table.address, {
      id: table.tableName,
      name: table.tableName,
      arn: table.tableArn,
      ...(table.stream && { stream_arn: table.stream.arn, stream_label: table.stream.label }),
    });
  }
}

function toProvisioned(definition: TableDefinition, description: TableDescription, region: string, created: boolean): ProvisionedTable {
  const label = description.LatestStreamLabel;
  const localArn = description.LatestStreamArn;
  const viewType = description.StreamSpecification?.StreamViewType;
  return {
    address: definition.address,
    tableName: definition.tableName,
    tableArn: dynamoDbTableArn(localAwsEnvironment(region), definition.tableName),
    ...(label && localArn && viewType && { stream: { arn: dynamoDbStreamArn(localAwsEnvironment(region), definition.tableName, label), label, localArn, viewType } }),
    created,
  };
}

function assertDistinctIgnoringCase(definitions: readonly TableDefinition[]): void {
  const seen = new Map<string, TableDefinition>();
  for (const definition of definitions) {
    const other = seen.get(definition.tableName.toLowerCase());
    if (other) {
      throw new InvalidResourceError(
        definition.address,
        `table name "${definition.tableName}" collides with "${other.tableName}" (${other.address}): DynamoDB Local compares names ignoring case`,
      );
    }
    seen.set(definition.tableName.toLowerCase(), definition);
  }
}

async function listTableNames(client: DynamoDBClient): Promise<string[]> {
  const names: string[] = [];
  let ExclusiveStartTableName: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
    names.push(...(page.TableNames ?? []));
    ExclusiveStartTableName = page.LastEvaluatedTableName;
  } while (ExclusiveStartTableName);
  return names;
}

async function describe(client: DynamoDBClient, TableName: string): Promise<TableDescription> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  if (!Table) throw new LocalStackError(`DescribeTable returned nothing for ${TableName}`);
  return Table;
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 10_000): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, tableName);
    const indexesActive = (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new LocalStackError(`Table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
