import type { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ProductsTable, ReplenishmentTable, type TableDesign } from '@shop/shared-table-design';
import type { Statement } from './policy-document';

/**
 * What each function's code does with data, and nothing more. Every data action names an exact
 * ARN; KMS is usable only through the service that needs it (`kms:ViaService`).
 *
 * DynamoDB has no IAM action for TransactWriteItems/TransactGetItems: each item of a transaction is
 * authorized with its own action (Put/Update/ConditionCheck/Delete/GetItem), which is why the
 * orders API's transactions need no more than the item actions below.
 */
export interface DataAccessProps {
  readonly region: string;
  readonly keyArn: string;
  readonly products: DynamodbTable;
  readonly orders: DynamodbTable;
  readonly replenishment: DynamodbTable;
}

/** `<table arn>/index/<name>`, refusing an index the table design does not declare. */
export function indexArn(table: DynamodbTable, design: TableDesign, indexName: string): string {
  if (!design.globalSecondaryIndexes.some((index) => index.indexName === indexName)) {
    throw new Error(`Table ${design.id} has no index "${indexName}" in the table design`);
  }
  return `${table.arn}/index/${indexName}`;
}

/** All the consumer may name in an update of a product: its key and what replenishment maintains. */
export const CONSUMER_PRODUCT_ATTRIBUTES = [ProductsTable.partitionKey.name, ...Object.values(ProductsTable.replenishmentAttributes)];

const tableKeyViaDynamoDb = (props: Pick<DataAccessProps, 'region' | 'keyArn'>): Statement => ({
  Sid: 'TableKeyViaDynamoDB',
  Effect: 'Allow',
  Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
  Resource: [props.keyArn],
  Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${props.region}.amazonaws.com` } },
});

/**
 * The orders API: products (get, update of the definition, stock decrement in the order
 * transaction, stock increment and onOrder decrement on receive or cancel), orders (put in the
 * transaction, get), replenishments (get, status update on receive or cancel, newest-first listing
 * through `byProductId`, oldest-first listing of open orders through `openByCreatedAt`).
 */
export function ordersApiStatements(props: DataAccessProps): Statement[] {
  return [
    {
      Sid: 'ProductsReadWrite',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: [props.products.arn],
    },
    { Sid: 'OrdersReadWrite', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [props.orders.arn] },
    {
      Sid: 'ReplenishmentsReadReceive',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: [props.replenishment.arn],
    },
    {
      Sid: 'ReplenishmentListings',
      Effect: 'Allow',
      Action: ['dynamodb:Query'],
      Resource: [indexArn(props.replenishment, ReplenishmentTable, 'byProductId'), indexArn(props.replenishment, ReplenishmentTable, 'openByCreatedAt')],
    },
    tableKeyViaDynamoDb(props),
  ];
}

/**
 * The replenishment consumer: reads the Products stream (as the event source mapping does, with
 * this role), and in one transaction puts a replenishment order and raises the product's `onOrder`
 * — an UpdateItem that may name only the key and the attributes the replenishment process
 * maintains (`onOrder`, `version`, `lastChange`: `dynamodb:Attributes`, which must be present:
 * `Null` false), so it can never write `stock` or the policy. It decides from the stream record's
 * image, so it never reads a product: no GetItem. Through the mapping's on-failure destination it sends
 * failed-batch metadata to its DLQ.
 */
export function replenishmentConsumerStatements(props: DataAccessProps & { readonly deadLetterQueue: SqsQueue }): Statement[] {
  return [
    {
      // ListStreams takes no resource in IAM, so on the stream ARN it grants nothing: the mapping is
      // given the stream ARN and does not need it, and the role cannot enumerate other streams.
      Sid: 'ReadProductsStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: [props.products.streamArn],
    },
    { Sid: 'CreateReplenishments', Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [props.replenishment.arn] },
    {
      Sid: 'RaiseOnOrder',
      Effect: 'Allow',
      Action: ['dynamodb:UpdateItem'],
      Resource: [props.products.arn],
      Condition: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': CONSUMER_PRODUCT_ATTRIBUTES },
        Null: { 'dynamodb:Attributes': 'false' },
      },
    },
    { Sid: 'SendFailedBatchesToDlq', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [props.deadLetterQueue.arn] },
    tableKeyViaDynamoDb(props),
    {
      Sid: 'DlqKeyViaSqs',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [props.keyArn],
      Condition: { StringEquals: { 'kms:ViaService': `sqs.${props.region}.amazonaws.com` } },
    },
  ];
}
