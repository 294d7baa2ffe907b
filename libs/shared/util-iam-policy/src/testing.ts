/**
 * Test fixtures: a synthesized stack shaped like CDKTF's `cdk.tf.json` for the shop (three tables,
 * a stream, KMS, a DLQ, two functions with their roles), using every way a policy can be written:
 * an `aws_iam_policy_document` data source, a JSON string with references, `Fn.jsonencode`, and
 * an AWS managed policy.
 */
import { OrdersTable, ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';
import { terraformTableBlock } from '@shop/shared-table-design/testing';
import type { TerraformJson } from '@shop/shared-util-terraform-json';

interface ShopSynthFixtureOptions {
  /** The table the consumer's PutItem statement names: `replenishment` is right; `orders` is the wrong grant the access checks must catch. */
  readonly consumerWritesTo?: 'replenishment' | 'orders';
  /** Table names (default `shop-dev-<table>`), e.g. to use isolated test tables. */
  readonly tableNames?: Partial<Record<'products' | 'orders' | 'replenishment', string>>;
}

/** Names the fixture's roles and functions use. */
export const SHOP_FIXTURE = {
  consumerRole: 'shop-dev-replenishment-consumer',
  consumerFunction: 'shop-dev-replenishment-consumer',
  ordersApiRole: 'shop-dev-orders-api',
  ordersApiFunction: 'shop-dev-orders-api',
  dlq: 'shop-dev-replenishment-dlq',
} as const;

const meta = (path: string) => ({ '//': { metadata: { path: `shop-dev/${path}`, uniqueId: path.replaceAll('/', '_') } } });

/** A fresh synth object (safe to mutate in a test). */
export function shopSynthFixture(options: ShopSynthFixtureOptions = {}): TerraformJson {
  const names = {
    products: options.tableNames?.products ?? 'shop-dev-products',
    orders: options.tableNames?.orders ?? 'shop-dev-orders',
    replenishment: options.tableNames?.replenishment ?? 'shop-dev-replenishment',
  };
  const written = options.consumerWritesTo === 'orders' ? 'Tables_Orders_5E6F7A8B' : 'Tables_Replenishment_9C0D1E2F';
  return {
    data: {
      aws_caller_identity: { Current_0A1B2C3D: {} },
      aws_region: { Region_4E5F6A7B: {} },
      aws_iam_policy_document: {
        Consumer_Permissions_1A2B3C4D: {
          ...meta('Consumer/Permissions'),
          statement: [
            {
              sid: 'ReadProductsStream',
              actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
              resources: ['${aws_dynamodb_table.Tables_Products_1A2B3C4D.stream_arn}'],
            },
            { sid: 'ListStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] },
            { sid: 'WriteReplenishment', actions: ['dynamodb:PutItem'], resources: [`\${aws_dynamodb_table.${written}.arn}`] },
            { sid: 'SendToDlq', actions: ['sqs:SendMessage'], resources: ['${aws_sqs_queue.Consumer_Dlq_3C4D5E6F.arn}'] },
            { sid: 'UseTableKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['${aws_kms_key.Tables_Key_7A8B9C0D.arn}'] },
            {
              sid: 'WriteOwnLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [
                'arn:aws:logs:${data.aws_region.Region_4E5F6A7B.name}:${data.aws_caller_identity.Current_0A1B2C3D.account_id}:log-group:/aws/lambda/shop-dev-replenishment-consumer:*',
              ],
            },
            {
              sid: 'NeverDelete',
              effect: 'Deny',
              actions: ['dynamodb:DeleteItem'],
              resources: ['*'],
            },
          ],
        },
        Tables_KeyPolicy_3A4B5C6D: {
          statement: [
            {
              sid: 'AccountAdministers',
              actions: ['kms:*'],
              resources: ['*'],
              principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::${data.aws_caller_identity.Current_0A1B2C3D.account_id}:root'] }],
            },
          ],
        },
        Lambda_AssumeRole_5E6F7A8B: {
          statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
        },
      },
    },
    resource: {
      aws_kms_key: {
        Tables_Key_7A8B9C0D: { ...meta('Tables/Key'), enable_key_rotation: true, policy: '${data.aws_iam_policy_document.Tables_KeyPolicy_3A4B5C6D.json}' },
      },
      aws_dynamodb_table: {
        Tables_Products_1A2B3C4D: {
          ...meta('Tables/Products'),
          ...terraformTableBlock(ProductsTable, names.products),
          server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.Tables_Key_7A8B9C0D.arn}' },
        },
        Tables_Orders_5E6F7A8B: { ...meta('Tables/Orders'), ...terraformTableBlock(OrdersTable, names.orders) },
        Tables_Replenishment_9C0D1E2F: { ...meta('Tables/Replenishment'), ...terraformTableBlock(ReplenishmentTable, names.replenishment) },
      },
      aws_sqs_queue: { Consumer_Dlq_3C4D5E6F: { ...meta('Consumer/Dlq'), name: SHOP_FIXTURE.dlq, kms_master_key_id: '${aws_kms_key.Tables_Key_7A8B9C0D.arn}' } },
      aws_sqs_queue_policy: {
        Consumer_DlqPolicy_7B8C9D0E: {
          queue_url: '${aws_sqs_queue.Consumer_Dlq_3C4D5E6F.url}',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TlsOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 'sqs:*',
                Resource: '${aws_sqs_queue.Consumer_Dlq_3C4D5E6F.arn}',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          }),
        },
      },
      aws_iam_role: {
        Consumer_Role_2B3C4D5E: {
          ...meta('Consumer/Role'),
          name: SHOP_FIXTURE.consumerRole,
          assume_role_policy: '${data.aws_iam_policy_document.Lambda_AssumeRole_5E6F7A8B.json}',
        },
        OrdersApi_Role_6F7A8B9C: {
          ...meta('OrdersApi/Role'),
          name: SHOP_FIXTURE.ordersApiRole,
          assume_role_policy: '${data.aws_iam_policy_document.Lambda_AssumeRole_5E6F7A8B.json}',
        },
      },
      aws_iam_role_policy: {
        Consumer_Policy_0D1E2F3A: {
          name: 'replenishment-consumer',
          role: '${aws_iam_role.Consumer_Role_2B3C4D5E.name}',
          policy: '${data.aws_iam_policy_document.Consumer_Permissions_1A2B3C4D.json}',
        },
        OrdersApi_Policy_4B5C6D7E: {
          name: 'orders-api-data',
          role: '${aws_iam_role.OrdersApi_Role_6F7A8B9C.id}',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'Products',
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
                Resource: '${aws_dynamodb_table.Tables_Products_1A2B3C4D.arn}',
              },
              { Sid: 'Orders', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: '${aws_dynamodb_table.Tables_Orders_5E6F7A8B.arn}' },
              {
                Sid: 'ReplenishmentByProduct',
                Effect: 'Allow',
                Action: 'dynamodb:Query',
                Resource: '${aws_dynamodb_table.Tables_Replenishment_9C0D1E2F.arn}/index/byProductId',
              },
              {
                Sid: 'Replenishment',
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem'],
                Resource: '${aws_dynamodb_table.Tables_Replenishment_9C0D1E2F.arn}',
              },
            ],
          }),
        },
      },
      aws_iam_policy: {
        OrdersApi_Kms_8C9D0E1F: {
          name: 'shop-dev-orders-api-kms',
          path: '/shop/',
          policy:
            '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "UseTableKey", "Effect" = "Allow", "Action" = ["kms:Decrypt", "kms:GenerateDataKey"], "Resource" = aws_kms_key.Tables_Key_7A8B9C0D.arn}]})}',
        },
      },
      aws_iam_role_policy_attachment: {
        OrdersApi_Kms_Attachment_2A3B4C5D: { role: '${aws_iam_role.OrdersApi_Role_6F7A8B9C.name}', policy_arn: '${aws_iam_policy.OrdersApi_Kms_8C9D0E1F.arn}' },
        OrdersApi_Logs_Attachment_6E7F8A9B: {
          role: '${aws_iam_role.OrdersApi_Role_6F7A8B9C.name}',
          policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        },
      },
      aws_lambda_function: {
        Consumer_Function_4D5E6F7A: {
          function_name: SHOP_FIXTURE.consumerFunction,
          role: '${aws_iam_role.Consumer_Role_2B3C4D5E.arn}',
          handler: 'main.handler',
          runtime: 'nodejs24.x',
        },
        OrdersApi_Function_8B9C0D1E: {
          function_name: SHOP_FIXTURE.ordersApiFunction,
          role: '${aws_iam_role.OrdersApi_Role_6F7A8B9C.arn}',
          handler: 'main.handler',
          runtime: 'nodejs24.x',
        },
      },
    },
  };
}
