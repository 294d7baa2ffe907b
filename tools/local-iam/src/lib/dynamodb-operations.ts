import { dynamoDbIndexArn, type AwsEnvironment } from '@shop/shared-util-terraform-json';
import type { AuthorizationRequirement } from './authorization-requirement';
import { tableResourceArn } from './dynamodb-arns';
import { MalformedRequestError } from './errors';
import { requestAttributes } from './request-attributes';

type Body = Readonly<Record<string, unknown>>;
type Mapper = (body: Body, env: AwsEnvironment, operation: string) => AuthorizationRequirement[];

/** Item-level actions of transaction members, as AWS authorizes each one. */
const TRANSACT_WRITE_ACTIONS = { Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem' } as const;

/** The same-named action on the table in `TableName`, with the item-level condition keys. */
const onTable: Mapper = (body, env, operation) => [
  {
    action: `dynamodb:${operation}`,
    resource: tableResourceArn(tableName(body, operation, 'TableName'), env),
    context: { ...requestKeys(body), ...attributesKey(operation, body) },
    source: 'TableName',
  },
];

/** Query and Scan: on the index when `IndexName` is given (`table/T/index/I`), else on the table. */
const onTableOrIndex: Mapper = (body, env, operation) => {
  const table = tableName(body, operation, 'TableName');
  const index = body['IndexName'] === undefined ? undefined : scalarString(body['IndexName']);
  if (body['IndexName'] !== undefined && index === undefined) throw new MalformedRequestError(operation, 'IndexName is not a string');
  const resource = index ? dynamoDbIndexArn(env, tableNameOf(table), index) : tableResourceArn(table, env);
  return [{ action: `dynamodb:${operation}`, resource, context: { ...requestKeys(body), ...attributesKey(operation, body) }, source: index ? 'IndexName' : 'TableName' }];
};

/** BatchGetItem / BatchWriteItem: the batch action once per table in `RequestItems`. */
const perRequestedTable: Mapper = (body, env, operation) => {
  const items = body['RequestItems'];
  if (!items || typeof items !== 'object' || Array.isArray(items)) throw new MalformedRequestError(operation, 'RequestItems is not a map of tables');
  return Object.keys(items).map((table) => ({
    action: `dynamodb:${operation}`,
    resource: tableResourceArn(table, env),
    context: requestKeys(body),
    source: `RequestItems.${table}`,
  }));
};

/** TransactGetItems: GetItem per member, with `dynamodb:EnclosingOperation`. */
const perTransactGet: Mapper = (body, env, operation) =>
  transactItems(body, operation).map((item, i) => {
    const get = item['Get'];
    if (!get || typeof get !== 'object') throw new MalformedRequestError(operation, `TransactItems[${i}] has no Get`);
    return {
      action: 'dynamodb:GetItem',
      resource: tableResourceArn(tableName(get as Body, operation, `TransactItems[${i}].Get.TableName`), env),
      context: { ...requestKeys(body), 'dynamodb:EnclosingOperation': operation },
      source: `TransactItems[${i}].Get`,
    };
  });

/** TransactWriteItems: PutItem / UpdateItem / DeleteItem / ConditionCheckItem per member, with `dynamodb:EnclosingOperation`. */
const perTransactWrite: Mapper = (body, env, operation) =>
  transactItems(body, operation).map((item, i) => {
    const kinds = Object.keys(TRANSACT_WRITE_ACTIONS).filter((kind) => item[kind] !== undefined) as (keyof typeof TRANSACT_WRITE_ACTIONS)[];
    const [kind] = kinds;
    if (kinds.length !== 1 || !kind) throw new MalformedRequestError(operation, `TransactItems[${i}] must have exactly one of Put, Update, Delete, ConditionCheck`);
    const member = item[kind] as Body;
    return {
      action: TRANSACT_WRITE_ACTIONS[kind],
      resource: tableResourceArn(tableName(member, operation, `TransactItems[${i}].${kind}.TableName`), env),
      context: { ...requestKeys(body), ...attributesKey(TRANSACT_WRITE_ACTIONS[kind].slice('dynamodb:'.length), member), 'dynamodb:EnclosingOperation': operation },
      source: `TransactItems[${i}].${kind}`,
    };
  });

/** Tagging takes the resource's ARN. */
const onResourceArn: Mapper = (body, env, operation) => [
  { action: `dynamodb:${operation}`, resource: tableResourceArn(tableName(body, operation, 'ResourceArn'), env), context: {}, source: 'ResourceArn' },
];

/** Actions without resource-level permissions are authorized on `*` (IAM service authorization reference). */
const onAccount: Mapper = (_body, _env, operation) => [{ action: `dynamodb:${operation}`, resource: '*', context: {}, source: 'account' }];

/**
 * `DynamoDB_20120810.<Operation>` → the IAM (action, resource) pairs AWS authorizes for it. Operations
 * missing here (PartiQL, backups, exports, global tables...) are not mapped; the proxy refuses them
 * in enforce mode rather than guess.
 */
export const DYNAMODB_OPERATIONS: Readonly<Record<string, Mapper>> = {
  GetItem: onTable,
  PutItem: onTable,
  UpdateItem: onTable,
  DeleteItem: onTable,
  Query: onTableOrIndex,
  Scan: onTableOrIndex,
  BatchGetItem: perRequestedTable,
  BatchWriteItem: perRequestedTable,
  TransactGetItems: perTransactGet,
  TransactWriteItems: perTransactWrite,
  DescribeTable: onTable,
  CreateTable: onTable,
  UpdateTable: onTable,
  DeleteTable: onTable,
  DescribeTimeToLive: onTable,
  UpdateTimeToLive: onTable,
  DescribeContinuousBackups: onTable,
  UpdateContinuousBackups: onTable,
  TagResource: onResourceArn,
  UntagResource: onResourceArn,
  ListTagsOfResource: onResourceArn,
  ListTables: onAccount,
  DescribeLimits: onAccount,
  DescribeEndpoints: onAccount,
};

/** `dynamodb:Attributes` for the item-level operations AWS supplies it for; absent otherwise (see {@link requestAttributes}). */
function attributesKey(operation: string, body: Body): Record<string, readonly string[]> {
  if (!ATTRIBUTE_OPERATIONS.has(operation)) return {};
  const attributes = requestAttributes(operation as Parameters<typeof requestAttributes>[0], body);
  return attributes ? { 'dynamodb:Attributes': attributes } : {};
}
const ATTRIBUTE_OPERATIONS: ReadonlySet<string> = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan']);

/** Condition keys read from the request: `dynamodb:ReturnValues`, `ReturnConsumedCapacity`, `Select`. */
function requestKeys(body: Body): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const name of ['ReturnValues', 'ReturnConsumedCapacity', 'Select'] as const) {
    const value = body[name];
    if (typeof value === 'string') keys[`dynamodb:${name}`] = value;
  }
  return keys;
}

function transactItems(body: Body, operation: string): Body[] {
  const items = body['TransactItems'];
  if (!Array.isArray(items) || items.length === 0) throw new MalformedRequestError(operation, 'TransactItems is not a non-empty list');
  return items.map((item, i) => {
    if (!item || typeof item !== 'object') throw new MalformedRequestError(operation, `TransactItems[${i}] is not an object`);
    return item as Body;
  });
}

function tableName(body: Body, operation: string, field: string): string {
  const value = scalarString(body[field.split('.').pop() as string]);
  if (value === undefined || value === '') throw new MalformedRequestError(operation, `${field} is missing`);
  return value;
}

/** DynamoDB Local's JSON reader turns a number or boolean into a string where it expects one (`"TableName": 12345` names table `12345`): so does the mapping. */
function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A table ARN passed as TableName → its name (index ARNs are built from the name). */
function tableNameOf(tableNameOrArn: string): string {
  return tableNameOrArn.startsWith('arn:') ? (tableNameOrArn.split(':table/')[1] ?? tableNameOrArn) : tableNameOrArn;
}
