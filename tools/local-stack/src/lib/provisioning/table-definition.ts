import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
  ScalarAttributeType,
  StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { InvalidResourceError } from '../errors';
import { checkAttributes, checkBlockAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import { hasInterpolation, type TerraformBlock, type TerraformDocument } from '@shop/shared-util-terraform-json';
import { assertPlainResource, blockList, requiredString } from '../terraform/resource-checks';

/** A table as the synth declares it, ready for CreateTable. */
export interface TableDefinition {
  /** `aws_dynamodb_table.<name>` */
  readonly address: string;
  readonly tableName: string;
  readonly input: CreateTableCommandInput;
  readonly inert: readonly InertAttribute[];
}

const TABLE_POLICY: AttributePolicy = {
  applied: [
    'name', 'billing_mode', 'hash_key', 'range_key', 'attribute', 'global_secondary_index', 'local_secondary_index',
    'stream_enabled', 'stream_view_type', 'read_capacity', 'write_capacity',
  ],
  inert: {
    point_in_time_recovery: 'DynamoDB Local has no point-in-time recovery',
    server_side_encryption: 'DynamoDB Local does not encrypt',
    ttl: 'DynamoDB Local never expires items',
    deletion_protection_enabled: 'the local stack never deletes tables',
    table_class: 'storage class changes cost only',
    on_demand_throughput: 'DynamoDB Local does not throttle',
    warm_throughput: 'DynamoDB Local does not throttle',
  },
  unsupported: {
    replica: 'global tables need several regions',
    restore_source_name: 'restores need backups',
    restore_source_table_arn: 'restores need backups',
    restore_date_time: 'restores need backups',
    restore_to_latest_time: 'restores need backups',
    import_table: 'imports read from S3',
    global_table_witness: 'global tables need several regions',
  },
};

const INDEX_POLICY: AttributePolicy = {
  applied: ['name', 'hash_key', 'range_key', 'projection_type', 'non_key_attributes', 'read_capacity', 'write_capacity', 'key_schema'],
  inert: { on_demand_throughput: 'DynamoDB Local does not throttle', warm_throughput: 'DynamoDB Local does not throttle' },
};

/** Reads every `aws_dynamodb_table` of the synth. Table names must be literals. */
export function readTableDefinitions(synth: TerraformDocument): TableDefinition[] {
  return synth.resources('aws_dynamodb_table').map(readTableDefinition);
}

/** Reads one `aws_dynamodb_table` into a CreateTable input, refusing what AWS would refuse. */
export function readTableDefinition(resource: TerraformBlock): TableDefinition {
  assertPlainResource(resource);
  const inert = checkAttributes(resource, TABLE_POLICY);
  if (TABLE_POLICY.applied.some((attribute) => hasInterpolation(resource.config[attribute]))) {
    throw new InvalidResourceError(resource.address, 'table attributes must be literals (the local stack resolves references only in functions, mappings and routes)');
  }
  const tableName = requiredString(resource, 'name');
  const billingMode = (resource.config['billing_mode'] as string | undefined) ?? 'PROVISIONED';
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') {
    throw new InvalidResourceError(resource.address, `billing_mode must be PROVISIONED or PAY_PER_REQUEST, not ${billingMode}`);
  }
  const provisioned = billingMode === 'PROVISIONED';
  const attributeDefinitions = blockList(resource, 'attribute').map((a, i): AttributeDefinition => {
    const type = a['type'];
    if (typeof a['name'] !== 'string' || (type !== 'S' && type !== 'N' && type !== 'B')) {
      throw new InvalidResourceError(resource.address, `attribute[${i}] needs a name and a type of S, N or B`);
    }
    return { AttributeName: a['name'], AttributeType: type as ScalarAttributeType };
  });
  const gsis = blockList(resource, 'global_secondary_index').map((block, i): GlobalSecondaryIndex => {
    const address = `${resource.address}.global_secondary_index[${i}]`;
    inert.push(...checkBlockAttributes(address, block, INDEX_POLICY));
    return {
      IndexName: indexName(address, block),
      KeySchema: indexKeySchema(address, block, true),
      Projection: projection(address, block),
      ...(provisioned && { ProvisionedThroughput: throughput(address, block) }),
    };
  });
  const lsis = blockList(resource, 'local_secondary_index').map((block, i): LocalSecondaryIndex => {
    const address = `${resource.address}.local_secondary_index[${i}]`;
    inert.push(...checkBlockAttributes(address, block, INDEX_POLICY));
    return {
      IndexName: indexName(address, block),
      KeySchema: keySchema(address, requiredString(resource, 'hash_key'), block['range_key']),
      Projection: projection(address, block),
    };
  });
  const streamEnabled = resource.config['stream_enabled'] === true;
  const streamViewType = resource.config['stream_view_type'] as StreamViewType | undefined;
  if (streamEnabled && !streamViewType) {
    throw new InvalidResourceError(resource.address, 'stream_enabled needs a stream_view_type');
  }
  if (!streamEnabled && streamViewType) {
    throw new InvalidResourceError(resource.address, 'stream_view_type is set but stream_enabled is not true');
  }
  const input: CreateTableCommandInput = {
    TableName: tableName,
    BillingMode: billingMode,
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(resource.address, requiredString(resource, 'hash_key'), resource.config['range_key']),
    ...(provisioned && { ProvisionedThroughput: throughput(resource.address, resource.config) }),
    ...(gsis.length > 0 && { GlobalSecondaryIndexes: gsis }),
    ...(lsis.length > 0 && { LocalSecondaryIndexes: lsis }),
    ...(streamEnabled && { StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType } }),
  };
  assertKeysDeclared(resource.address, input);
  return { address: resource.address, tableName, input, inert };
}

function indexName(address: string, block: Record<string, unknown>): string {
  if (typeof block['name'] !== 'string' || block['name'] === '') throw new InvalidResourceError(address, 'an index needs a name');
  return block['name'];
}

function indexKeySchema(address: string, block: Record<string, unknown>, global: boolean): KeySchemaElement[] {
  const keySchemaBlocks = block['key_schema'];
  if (keySchemaBlocks !== undefined) {
    // provider 6.x: key_schema { attribute_name, key_type } blocks instead of hash_key/range_key
    const list = Array.isArray(keySchemaBlocks) ? keySchemaBlocks : [keySchemaBlocks];
    return list.map((k: Record<string, unknown>) => ({ AttributeName: String(k['attribute_name']), KeyType: k['key_type'] as 'HASH' | 'RANGE' }));
  }
  if (global && typeof block['hash_key'] !== 'string') throw new InvalidResourceError(address, 'a global secondary index needs a hash_key');
  return keySchema(address, block['hash_key'] as string, block['range_key']);
}

function keySchema(address: string, hashKey: string, rangeKey: unknown): KeySchemaElement[] {
  if (rangeKey !== undefined && typeof rangeKey !== 'string') throw new InvalidResourceError(address, 'range_key must be a string');
  return [{ AttributeName: hashKey, KeyType: 'HASH' }, ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: 'RANGE' as const }] : [])];
}

function projection(address: string, block: Record<string, unknown>): Projection {
  const type = block['projection_type'];
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
    throw new InvalidResourceError(address, 'projection_type must be ALL, KEYS_ONLY or INCLUDE');
  }
  const nonKey = block['non_key_attributes'];
  if (type === 'INCLUDE') {
    if (!Array.isArray(nonKey) || nonKey.length === 0) throw new InvalidResourceError(address, 'INCLUDE needs non_key_attributes');
    return { ProjectionType: type, NonKeyAttributes: nonKey.map(String) };
  }
  if (Array.isArray(nonKey) && nonKey.length > 0) throw new InvalidResourceError(address, `non_key_attributes only go with INCLUDE, not ${type}`);
  return { ProjectionType: type };
}

function throughput(address: string, block: Readonly<Record<string, unknown>>): ProvisionedThroughput {
  const read = block['read_capacity'];
  const write = block['write_capacity'];
  if (typeof read !== 'number' || typeof write !== 'number' || read < 1 || write < 1) {
    throw new InvalidResourceError(address, 'PROVISIONED billing needs read_capacity and write_capacity of at least 1');
  }
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

/** AWS insists that attribute definitions are exactly the key attributes of the table and indexes. */
function assertKeysDeclared(address: string, input: CreateTableCommandInput): void {
  const declared = new Map((input.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const used = new Set(
    [input.KeySchema, ...(input.GlobalSecondaryIndexes ?? []).map((g) => g.KeySchema), ...(input.LocalSecondaryIndexes ?? []).map((l) => l.KeySchema)]
      .flatMap((schema) => schema ?? [])
      .map((k) => k.AttributeName as string),
  );
  const missing = [...used].filter((name) => !declared.has(name));
  const unused = [...declared.keys()].filter((name) => !used.has(name as string));
  if (missing.length > 0) throw new InvalidResourceError(address, `key attribute(s) without an attribute block: ${missing.join(', ')}`);
  if (unused.length > 0) throw new InvalidResourceError(address, `attribute block(s) not used by any key: ${unused.join(', ')} (AWS rejects them)`);
}
