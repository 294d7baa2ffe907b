/**
 * The table design as test fixtures need it: the CreateTable input an integration test sends to
 * DynamoDB Local, and the `aws_dynamodb_table` block infra synthesizes. Derived here, so a test
 * never writes a table's keys or indexes by hand. Not part of the production entry point.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keyAttributes, type TableDesign } from './lib/table-design';

/**
 * CreateTable input derived from the design (the same facts infra synthesizes).
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput(ReplenishmentTable, 'test-1234-replenishment')));
 */
export function createTableInput(table: TableDesign, tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes(table).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' as const },
          ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        Projection: { ProjectionType: gsi.projection },
      })),
    }),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
  };
}

/** The design-derived attributes of a synthesized `aws_dynamodb_table` block (snake_case, as in `cdk.tf.json`). */
interface TerraformTableBlock {
  readonly name: string;
  readonly billing_mode: 'PAY_PER_REQUEST';
  readonly hash_key: string;
  readonly range_key?: string;
  readonly attribute: readonly { readonly name: string; readonly type: string }[];
  readonly global_secondary_index: readonly { readonly name: string; readonly hash_key: string; readonly range_key?: string; readonly projection_type: string }[];
  readonly stream_enabled: boolean;
  readonly stream_view_type?: string;
}

/**
 * The `aws_dynamodb_table` block infra synthesizes for a table, as far as the design decides it
 * (keys, indexes, stream); add encryption or recovery settings with a spread.
 *
 * @example
 * const replenishment = { ...terraformTableBlock(ReplenishmentTable, 'shop-dev-replenishment'), point_in_time_recovery: { enabled: true } };
 */
export function terraformTableBlock(table: TableDesign, tableName: string): TerraformTableBlock {
  return {
    name: tableName,
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: table.partitionKey.name,
    ...(table.sortKey && { range_key: table.sortKey.name }),
    attribute: keyAttributes(table).map((a) => ({ name: a.name, type: a.type })),
    global_secondary_index: table.globalSecondaryIndexes.map((gsi) => ({
      name: gsi.indexName,
      hash_key: gsi.partitionKey.name,
      ...(gsi.sortKey && { range_key: gsi.sortKey.name }),
      projection_type: gsi.projection,
    })),
    stream_enabled: table.stream !== undefined,
    ...(table.stream && { stream_view_type: table.stream }),
  };
}
