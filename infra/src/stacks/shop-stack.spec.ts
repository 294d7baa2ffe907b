import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { keyAttributes, TABLES, type TableDesign } from '@shop/shared-table-design';
import { AssetType, TerraformAsset } from 'cdktf';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../config/bundles';
import { STAGES } from '../config/stages';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

// Tables, key, functions and state of the dev stage. Mapping, DLQ, API and alarms: shop-stack-events.spec.ts.
describe('ShopStack (dev)', () => {
  let dev: SynthesizedStage;
  beforeAll(() => {
    dev = synthStage(STAGES.dev);
  });

  describe('tables', () => {
    it.each(TABLES.map((design) => [design.id, design as TableDesign] as const))('builds %s from the table design', (_id, design) => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(DynamodbTable, {
        name: `shop-dev-${design.baseName}`,
        hash_key: design.partitionKey.name,
        attribute: keyAttributes(design).map(({ name, type }) => ({ name, type })),
        billing_mode: 'PAY_PER_REQUEST',
        server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.data_key.arn}' },
        point_in_time_recovery: { enabled: true },
        deletion_protection_enabled: false,
        stream_enabled: design.stream !== undefined,
      });
    });

    it('streams NEW_AND_OLD_IMAGES from Products, the table that holds the stock, and from no other table', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(DynamodbTable, {
        name: 'shop-dev-products',
        hash_key: 'productId',
        stream_enabled: true,
        stream_view_type: 'NEW_AND_OLD_IMAGES',
      });
      const streaming = Object.values(dev.json.resource?.['aws_dynamodb_table'] ?? {}).filter((table) => table['stream_enabled'] === true);
      expect(streaming.map((table) => table['name'])).toEqual(['shop-dev-products']);
    });

    it('keys Orders by orderId and Replenishment by replenishmentId with the byProductId and sparse openByCreatedAt indexes', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(DynamodbTable, { name: 'shop-dev-orders', hash_key: 'orderId' });
      expect(dev.text).toHaveResourceWithProperties(DynamodbTable, {
        name: 'shop-dev-replenishment',
        hash_key: 'replenishmentId',
        global_secondary_index: [
          { name: 'byProductId', hash_key: 'productId', range_key: 'createdAt', projection_type: 'ALL' },
          { name: 'openByCreatedAt', hash_key: 'openStatus', range_key: 'createdAt', projection_type: 'ALL' },
        ],
      });
    });
  });

  describe('encryption key', () => {
    it('is customer managed with rotation on and an alias named after the stage', () => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 7 });
      expect(dev.text).toHaveResourceWithProperties(KmsAlias, { name: 'alias/shop-dev-data', target_key_id: '${aws_kms_key.data_key.key_id}' });
    });
  });

  describe('functions', () => {
    const tableEnvironment = {
      PRODUCTS_TABLE_NAME: '${aws_dynamodb_table.products.name}',
      ORDERS_TABLE_NAME: '${aws_dynamodb_table.orders.name}',
      REPLENISHMENT_TABLE_NAME: '${aws_dynamodb_table.replenishment.name}',
    };

    it.each([
      ['orders_api', 'shop-dev-orders-api', 'orders-api', 512, 10],
      ['replenishment_consumer', 'shop-dev-replenishment-consumer', 'replenishment-consumer', 256, 30],
    ] as const)('deploys %s from its bundle on arm64 with X-Ray, its log group and its settings', (address, functionName, service, memory, timeout) => {
      // Assess
      expect(dev.text).toHaveResourceWithProperties(LambdaFunction, {
        function_name: functionName,
        runtime: 'nodejs24.x',
        architectures: ['arm64'],
        handler: 'main.handler',
        memory_size: memory,
        timeout,
        role: `\${aws_iam_role.${address}.arn}`,
        tracing_config: { mode: 'Active' },
        logging_config: { log_format: 'JSON', log_group: `\${aws_cloudwatch_log_group.${address}.name}`, application_log_level: 'INFO' },
        environment: {
          variables: { ...tableEnvironment, POWERTOOLS_SERVICE_NAME: service, POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_NAMESPACE: 'Shop' },
        },
      });
      expect(dev.text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: `/aws/lambda/${functionName}`, retention_in_days: 14 });
    });

    it('packages the @nx/esbuild output as an archive whose hash is the asset hash', () => {
      // Prepare
      const assets = dev.stack.node.findAll().filter((node): node is TerraformAsset => node instanceof TerraformAsset);
      const functions = dev.json.resource?.['aws_lambda_function'] ?? {};

      // Assess
      expect(assets.map((asset) => [asset.type, path.relative(WORKSPACE_ROOT, (asset as unknown as { sourcePath: string }).sourcePath)])).toEqual([
        [AssetType.ARCHIVE, 'dist/apps/orders-api'],
        [AssetType.ARCHIVE, 'dist/apps/replenishment-consumer'],
      ]);
      expect(Object.values(functions).map((fn) => [fn['filename'], fn['source_code_hash']])).toEqual(
        assets.map((asset) => [asset.path, asset.assetHash]),
      );
    });
  });

  describe('provider and state', () => {
    it('targets the stage region and tags everything with project and stage', () => {
      expect(dev.text).toHaveProviderWithProperties(AwsProvider, {
        region: 'us-east-1',
        default_tags: [{ tags: { project: 'shop', stage: 'dev' } }],
      });
    });

    it('keeps state in a local file under infra/, by a relative path', () => {
      // Prepare
      const backend = (dev.json.terraform as { backend?: { local?: { path?: string } } }).backend;

      // Assess: terraform runs in infra/cdktf.out/stacks/shop-dev, three levels below infra/
      expect(backend).toEqual({ local: { path: '../../../terraform.shop-dev.tfstate' } });
      expect(path.resolve(WORKSPACE_ROOT, 'infra/cdktf.out/stacks/shop-dev', backend?.local?.path ?? '')).toBe(
        path.join(WORKSPACE_ROOT, 'infra/terraform.shop-dev.tfstate'),
      );
    });
  });

  it('outputs the API URL, the table names, the DLQ URL, the token issuer and the app client ids', () => {
    // Assess
    expect(dev.json.output).toEqual({
      api_url: { description: 'Base URL of the orders API', value: '${aws_apigatewayv2_stage.orders_api.invoke_url}' },
      products_table_name: { description: 'Passed to the functions as PRODUCTS_TABLE_NAME', value: '${aws_dynamodb_table.products.name}' },
      orders_table_name: { description: 'Passed to the functions as ORDERS_TABLE_NAME', value: '${aws_dynamodb_table.orders.name}' },
      replenishment_table_name: {
        description: 'Passed to the functions as REPLENISHMENT_TABLE_NAME',
        value: '${aws_dynamodb_table.replenishment.name}',
      },
      dlq_url: { description: 'On-failure destination of the Products stream mapping', value: '${aws_sqs_queue.replenishment_consumer_dlq.url}' },
      auth_issuer: { description: 'Issuer of the tokens the API accepts', value: 'https://cognito-idp.us-east-1.amazonaws.com/${aws_cognito_user_pool.shop.id}' },
      auth_token_url: {
        description: 'OAuth 2.0 token endpoint (client credentials, authorization code)',
        value: 'https://${aws_cognito_user_pool_domain.shop.domain}.auth.us-east-1.amazoncognito.com/oauth2/token',
      },
      storefront_client_id: { description: 'Cognito app client of the customer role', value: '${aws_cognito_user_pool_client.storefront.id}' },
      back_office_client_id: { description: 'Cognito app client of the back-office role', value: '${aws_cognito_user_pool_client.back_office.id}' },
      warehouse_client_id: { description: 'Cognito app client of the warehouse role', value: '${aws_cognito_user_pool_client.warehouse.id}' },
    });
  });
});
