import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Role } from '@shop/orders-api-contract';
import { ProductsTable } from '@shop/shared-table-design';
// Every function's metrics go to the one namespace the functions default to; Powertools adds the service as a dimension.
import { METRICS_NAMESPACE } from '@shop/shared-util-lambda';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AuthKind } from '../config/auth-config';
import { LambdaApp, lambdaBundle, type LambdaBundle } from '../config/bundles';
import { stackName, type StageConfig } from '../config/stage-config';
import { ordersApiStatements, replenishmentConsumerStatements } from '../constructs/access-policies';
import { Alarms } from '../constructs/alarms';
import { Dashboard } from '../constructs/dashboard';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { EncryptionKey } from '../constructs/encryption-key';
import { HttpApi } from '../constructs/http-api';
import { ShopFunction } from '../constructs/lambda-function';
import { pinAddress } from '../constructs/policy-document';
import { ShopTables } from '../constructs/shop-tables';
import { configureStateBackend } from '../constructs/state-backend';
import { StreamMapping } from '../constructs/stream-mapping';
import { CLIENT_NAMES, UserPool } from '../constructs/user-pool';

export interface ShopStackProps {
  readonly config: StageConfig;
  /** The built bundles; by default `dist/apps/<app>` of this repository (which must exist). */
  readonly bundles?: { readonly ordersApi: LambdaBundle; readonly replenishmentConsumer: LambdaBundle };
}

/**
 * One stage of the shop: tables, stream, key, functions, mapping, DLQ, API, alarms. The stack's
 * id is `shop-<stage>` and every physical name starts with it.
 */
export class ShopStack extends TerraformStack {
  readonly config: StageConfig;
  readonly tables: ShopTables;
  readonly ordersApi: ShopFunction;
  readonly replenishmentConsumer: ShopFunction;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly httpApi: HttpApi;
  readonly streamMapping: StreamMapping;
  readonly dashboard: Dashboard;
  /** The stage's Cognito user pool, when it issues its own tokens (`auth.kind` cognito). */
  readonly userPool?: UserPool;

  constructor(scope: Construct, props: ShopStackProps) {
    const name = stackName(props.config);
    super(scope, name);
    const { config } = props;
    this.config = config;
    const bundles = props.bundles ?? {
      ordersApi: lambdaBundle(LambdaApp.OrdersApi),
      replenishmentConsumer: lambdaBundle(LambdaApp.ReplenishmentConsumer),
    };

    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: { project: 'shop', stage: config.stage } }] });
    configureStateBackend(this, name, config.state);
    const account = pinAddress(new DataAwsCallerIdentity(this, 'account'), 'current');

    const encryption = new EncryptionKey(this, 'encryption', {
      namePrefix: name,
      accountId: account.accountId,
      partition: 'aws',
      deletionWindowDays: config.kms.deletionWindowDays,
    });
    const keyArn = encryption.key.arn;
    this.tables = new ShopTables(this, 'tables', {
      namePrefix: name,
      billing: config.tables.billing,
      deletionProtection: config.tables.deletionProtection,
      kmsKeyArn: keyArn,
    });

    // Every function knows every table's name by its design's variable; its role decides what it may do.
    const tableNames = Object.fromEntries(this.tables.all.map(({ design, table }) => [design.envVar, table.name]));
    const environment = (service: string): Record<string, string> => ({
      ...tableNames,
      POWERTOOLS_SERVICE_NAME: service,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    });
    const data = { region: config.region, keyArn, ...this.tables };

    this.deadLetterQueue = new DeadLetterQueue(this, 'dlq', {
      address: 'replenishment_consumer_dlq',
      queueName: `${name}-replenishment-consumer-dlq`,
      kmsKeyArn: keyArn,
    });

    this.ordersApi = new ShopFunction(this, 'orders-api', {
      address: 'orders_api',
      functionName: `${name}-orders-api`,
      description: 'Orders API: products, orders and replenishments over HTTP',
      bundle: bundles.ordersApi,
      memoryMb: config.functions.ordersApi.memoryMb,
      timeoutSeconds: config.functions.ordersApi.timeoutSeconds,
      logLevel: config.functions.ordersApi.logLevel,
      environment: environment(LambdaApp.OrdersApi),
      logRetentionDays: config.logRetentionDays,
      statements: ordersApiStatements(data),
    });
    this.replenishmentConsumer = new ShopFunction(this, 'replenishment-consumer', {
      address: 'replenishment_consumer',
      functionName: `${name}-replenishment-consumer`,
      description: 'Products stream consumer: keeps every inventory position at or above its reorder threshold',
      bundle: bundles.replenishmentConsumer,
      memoryMb: config.functions.replenishmentConsumer.memoryMb,
      timeoutSeconds: config.functions.replenishmentConsumer.timeoutSeconds,
      logLevel: config.functions.replenishmentConsumer.logLevel,
      environment: environment(LambdaApp.ReplenishmentConsumer),
      logRetentionDays: config.logRetentionDays,
      statements: replenishmentConsumerStatements({ ...data, deadLetterQueue: this.deadLetterQueue.queue }),
    });

    this.streamMapping = new StreamMapping(this, 'products-stream', {
      address: `${ProductsTable.id}_stream_to_replenishment_consumer`,
      streamArn: this.tables.products.streamArn,
      functionName: this.replenishmentConsumer.function.arn,
      onFailureDestinationArn: this.deadLetterQueue.queue.arn,
      settings: config.streamConsumer,
      dependsOn: [this.replenishmentConsumer.policy],
    });

    let jwt: { readonly issuer: string; readonly audience: readonly string[] };
    if (config.auth.kind === AuthKind.Cognito) {
      this.userPool = new UserPool(this, 'user-pool', { namePrefix: name, region: config.region, config: config.auth });
      jwt = { issuer: this.userPool.issuer, audience: this.userPool.clientIds };
    } else {
      jwt = { issuer: config.auth.issuer, audience: config.auth.audience };
    }
    this.httpApi = new HttpApi(this, 'http-api', {
      address: 'orders_api',
      apiName: `${name}-orders-api`,
      handler: this.ordersApi.function,
      handlerTimeoutSeconds: config.functions.ordersApi.timeoutSeconds,
      throttling: { burstLimit: config.api.throttlingBurstLimit, rateLimit: config.api.throttlingRateLimit },
      logRetentionDays: config.logRetentionDays,
      jwt,
    });

    new Alarms(this, 'alarms', {
      namePrefix: name,
      kmsKeyArn: keyArn,
      consumerFunctionName: this.replenishmentConsumer.function.functionName,
      deadLetterQueueName: this.deadLetterQueue.queue.name,
      mappingUuid: this.streamMapping.mapping.uuid,
      apiId: this.httpApi.api.id,
      apiStageName: this.httpApi.stage.name,
      iteratorAgeSeconds: config.alarms.iteratorAgeSeconds,
      api5xxPerFiveMinutes: config.alarms.api5xxPerFiveMinutes,
      emailSubscribers: config.alarms.emailSubscribers,
    });

    this.dashboard = new Dashboard(this, 'dashboard', {
      dashboardName: name,
      region: config.region,
      services: { ordersApi: LambdaApp.OrdersApi, replenishmentConsumer: LambdaApp.ReplenishmentConsumer },
      functions: [
        { label: LambdaApp.OrdersApi, functionName: this.ordersApi.function.functionName },
        { label: LambdaApp.ReplenishmentConsumer, functionName: this.replenishmentConsumer.function.functionName },
      ],
      consumerFunctionName: this.replenishmentConsumer.function.functionName,
      mappingUuid: this.streamMapping.mapping.uuid,
      deadLetterQueueName: this.deadLetterQueue.queue.name,
      apiId: this.httpApi.api.id,
      apiStageName: this.httpApi.stage.name,
    });

    new TerraformOutput(this, 'api_url', { value: this.httpApi.stage.invokeUrl, description: 'Base URL of the orders API' });
    for (const { design, table } of this.tables.all) {
      new TerraformOutput(this, `${design.id}_table_name`, { value: table.name, description: `Passed to the functions as ${design.envVar}` });
    }
    new TerraformOutput(this, 'auth_issuer', { value: jwt.issuer, description: 'Issuer of the tokens the API accepts' });
    if (this.userPool) {
      // Client ids only: a machine client's secret stays in Cognito (aws cognito-idp describe-user-pool-client).
      new TerraformOutput(this, 'auth_token_url', { value: this.userPool.tokenUrl, description: 'OAuth 2.0 token endpoint (client credentials, authorization code)' });
      for (const role of Object.values(Role)) {
        new TerraformOutput(this, `${CLIENT_NAMES[role]}_client_id`, { value: this.userPool.clients[role].id, description: `Cognito app client of the ${role} role` });
      }
    }
    new TerraformOutput(this, 'dlq_url', { value: this.deadLetterQueue.queue.url, description: 'On-failure destination of the Products stream mapping' });
  }
}
