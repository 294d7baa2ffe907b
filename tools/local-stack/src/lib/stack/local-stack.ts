import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { IamMode, startFunctionIamProxies, type FunctionIamProxies } from '@shop/tools-local-iam';
import { openApiAuthorization, type ApiAuthorization } from '../auth/api-authorization';
import { AuthMode } from '../auth/auth-mode';
import { registerIdentityProviderAttributes } from '../auth/identity-provider-attributes';
import { DEFAULT_POLL_INTERVAL_MS } from '../constants';
import { AWS_PARTITION, LOCAL_ACCOUNT_ID } from '../terraform/local-aws-environment';
import { readQueues } from '../destinations/queue-definition';
import { InMemoryCheckpointStore, type CheckpointStore } from '../esm/checkpoint-store';
import { FileCheckpointStore } from '../esm/file-checkpoint-store';
import { readMappingDefinitions } from '../esm/mapping-definition';
import type { MappingPoller } from '../esm/mapping-poller';
import { assertRuleFunctionsExist } from '../faults/dynamodb-fault-rules';
import { startDynamoDbFaultRelays, type DynamoDbFaultRelays } from '../faults/dynamodb-fault-relays';
import { faultSettingsFromEnvironment, parseFaultSettings } from '../faults/fault-settings';
import { registerHttpApiAttributes, readHttpApis } from '../http/api-definition';
import { LocalHttpServer } from '../http/http-server';
import { describeMismatch, matchRuntimes } from '../lambda/runtime-match';
import { jsonResponse, localResourceLookup } from '../http/local-resources';
import { swaggerUiResources } from '../http/swagger-ui';
import { createLocalFunction } from '../lambda/create-local-function';
import { readFunctionDefinitions } from '../lambda/function-definition';
import type { LocalFunction } from '../lambda/local-function';
import { logFunctionLine } from '../logging/function-log';
import { lowestEnabledLevel, silentLogger } from '../logging/logger';
import { provisionTables, registerTableAttributes } from '../provisioning/provision-tables';
import { readTableDefinitions } from '../provisioning/table-definition';
import type { InertAttribute } from '../terraform/attribute-policy';
import { registerDataSources } from '../terraform/data-sources';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { classifyResourceTypes } from '../terraform/resource-types';
import { TerraformDocument } from '@shop/shared-util-terraform-json';
import type { LocalStack, LocalStackOptions } from './local-stack-options';
import { superviseDynamoDbLocal, type SupervisedDynamoDbLocal } from './dynamodb-supervisor';
import { MetricsFileWriter } from './metrics-file';
import { assertPortsFree, stackListeners } from './port-check';
import { logicalTableNames, removeStackFile, writeStackFile, type StackFile } from './stack-file';
import { createPollers, functionIndex, warmFunctions } from './wiring';

export type { LocalStack, LocalStackOptions } from './local-stack-options';

/**
 * Runs the synthesized stack locally: DynamoDB Local with the synth's tables, an IAM proxy per
 * function enforcing its role, every function in-process from its deployment package, an event
 * source mapping poller per mapping (reading the stream with the consumer's role), the HTTP API,
 * and `.local/stack.json` and `.local/metrics.json` describing it all. Everything comes from the
 * synth; nothing is declared twice. If any step fails, what was started is stopped again.
 *
 * @example
 * const stack = await startLocalStack({ synthPath: 'infra/cdktf.out/stacks/shop-dev/cdk.tf.json', stateDirectory: '.local', persistDirectory: '.local/persist', faults: { failRate: 0.2 } });
 * console.log(stack.apiUrl);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logger = options.logger ?? silentLogger;
  const synth = TerraformDocument.load(options.synthPath);
  const region = synth.region();
  const inertTypes = classifyResourceTypes(synth);
  const tableDefinitions = readTableDefinitions(synth); // fails fast, before any JVM starts
  const faults = options.faults ? parseFaultSettings(options.faults) : faultSettingsFromEnvironment();
  // A rule naming a function the synth lacks is refused before anything starts (literal names; the relays check again).
  const functionNames = synth.resources('aws_lambda_function').map((fn) => fn.config['function_name']);
  if (functionNames.every((name): name is string => typeof name === 'string' && !name.includes('${'))) assertRuleFunctionsExist(faults.dynamodb, functionNames);
  const iamMode = options.iamMode ?? IamMode.Enforce;
  const authMode = options.authMode ?? AuthMode.Jwt;
  const persistDirectory = options.persistDirectory && path.resolve(options.persistDirectory);
  // Before any JVM or proxy starts; a synth without an HTTP API listens on no fixed port of its own.
  await assertPortsFree(stackListeners({ ...options, port: synth.resources('aws_apigatewayv2_api').length > 0 ? options.port : 0 }));

  // Filled in as the stack comes up; stop() takes down whatever exists, in an order that ends
  // in-flight invocations quickly: pollers are told to stop, the API closes, instances end; the
  // IAM proxies go before the DynamoDB Local they front.
  const parts: {
    dynamodb?: SupervisedDynamoDbLocal;
    clients?: { destroy(): void }[];
    iam?: FunctionIamProxies;
    relays?: DynamoDbFaultRelays;
    server?: LocalHttpServer;
    functions?: Map<string, LocalFunction>;
    pollers?: MappingPoller[];
    metrics?: MetricsFileWriter;
    stackFileWritten?: boolean;
  } = {};
  const stopAll = async (): Promise<void> => {
    const attempt = async (step: () => unknown): Promise<void> => {
      try {
        await step();
      } catch (error) {
        logger.warn('stop step failed', { error: (error as Error).message });
      }
    };
    if (parts.stackFileWritten) await attempt(() => removeStackFile(options.stateDirectory));
    for (const poller of parts.pollers ?? []) poller.requestStop();
    await attempt(() => parts.server?.stop());
    await attempt(() => Promise.all([...(parts.functions?.values() ?? [])].map((fn) => fn.stop())));
    await attempt(() => Promise.all((parts.pollers ?? []).map((poller) => poller.stop())));
    await attempt(() => parts.metrics?.stop());
    for (const client of parts.clients ?? []) client.destroy();
    await attempt(() => parts.relays?.stop());
    await attempt(() => parts.iam?.stop());
    await attempt(() => parts.dynamodb?.stop());
  };
  try {
    let dynamodb: DynamoDbLocal | undefined;
    if (!options.dynamodbEndpoint) {
      dynamodb = await startDynamoDbLocal({ port: options.dynamodbPort, ...(persistDirectory && { dbPath: path.join(persistDirectory, 'dynamodb') }) });
      parts.dynamodb = superviseDynamoDbLocal(dynamodb, logger.child('ddb'));
      logger.child('ddb').info('DynamoDB Local is up', { endpoint: dynamodb.endpoint, javaPid: dynamodb.javaPid, data: dynamodb.dbPath ?? 'in memory' });
    }
    const dynamodbEndpoint = options.dynamodbEndpoint ?? (dynamodb as DynamoDbLocal).endpoint;
    const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region, credentials: LOCAL_CREDENTIALS });
    parts.clients = [client];

    const tables = await provisionTables(client, tableDefinitions, region);
    for (const table of tables) {
      logger.child('ddb').info(table.created ? 'table created' : 'table already there', { table: table.tableName, stream: table.stream?.viewType });
    }
    // The proxies read the streams' labels from DynamoDB Local: after provisioning.
    const iam = await startFunctionIamProxies({
      synth: synth.json,
      target: dynamodbEndpoint,
      mode: iamMode,
      environment: { partition: AWS_PARTITION, region, account: LOCAL_ACCOUNT_ID },
      logger: logger.child('iam'),
      ...(options.onIamDecision ? { onDecision: options.onIamDecision } : {}),
    });
    parts.iam = iam;
    logger.child('iam').info(`IAM ${iamMode}: ${iamModeMeaning[iamMode]}`, { mode: iamMode });

    const resolver = new ReferenceResolver();
    registerDataSources(synth, resolver, region);
    registerTableAttributes(resolver, tables);
    const { queues, inert: queueInert } = readQueues(synth, resolver, region, options.stateDirectory);

    const server = synth.resources('aws_apigatewayv2_api').length > 0 ? await LocalHttpServer.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000, logger: logger.child('http') }) : undefined;
    parts.server = server;
    if (server) registerHttpApiAttributes(synth, resolver, region, server.url);
    registerIdentityProviderAttributes(synth, resolver, region);

    const functionDefinitions = readFunctionDefinitions(synth, resolver, region);
    const runtimes = matchRuntimes(functionDefinitions);
    for (const mismatch of runtimes.filter((match) => !match.matches)) logger.warn(describeMismatch(mismatch), { function: mismatch.functionName });
    const mappings = readMappingDefinitions(synth, resolver);
    const apis = readHttpApis(synth, resolver);
    // DynamoDB faults sit in front of the endpoint each function would use, IAM proxy or not.
    const relays = await startDynamoDbFaultRelays(
      faults.dynamodb,
      functionDefinitions.map((definition) => definition.functionName),
      (functionName) => iam.endpointFor(functionName),
      faults.seed,
      logger.child('faults'),
    );
    parts.relays = relays;
    const functionEndpoint = (functionName: string): string => relays.endpointFor(functionName) ?? iam.endpointFor(functionName);
    const functions = new Map<string, LocalFunction>();
    parts.functions = functions;
    for (const definition of functionDefinitions) {
      const fnLogger = logger.child(`fn:${definition.functionName}`);
      const fn = createLocalFunction(definition, {
        cacheDirectory: path.join(options.stateDirectory, 'functions'),
        endpoints: { region, dynamodbEndpoint: functionEndpoint(definition.functionName), credentials: LOCAL_CREDENTIALS },
        onLog: (line) => logFunctionLine(fnLogger, line),
        // Lines the stack's log level drops are dropped in the worker, unparsed and never sent over.
        forwardLogsFrom: lowestEnabledLevel(fnLogger) ?? 'none',
      });
      functions.set(definition.functionName, fn);
    }
    const findFunction = functionIndex(functionDefinitions, functions, resolver);
    // Inits run in their worker threads while the rest of the stack starts; awaited before the pollers start.
    const warm = options.prewarm === false ? Promise.resolve() : warmFunctions(functions.values(), mappings, findFunction, logger);

    const checkpoints: CheckpointStore = options.checkpoints ?? (persistDirectory ? new FileCheckpointStore(path.join(persistDirectory, 'checkpoints')) : new InMemoryCheckpointStore());
    const { pollers, clients: streamClients } = createPollers({
      mappings,
      tables,
      queues,
      findFunction,
      dynamodbEndpoint,
      authorizeStreams: (functionName, client) => iam.authorizeInProcess(functionName, client),
      region,
      credentials: LOCAL_CREDENTIALS,
      checkpoints,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      faults,
      logger,
      onProcessorEvent: options.onProcessorEvent,
    });
    parts.pollers = pollers;
    parts.clients.push(...streamClients);

    const [api, ...otherApis] = apis;
    if (otherApis.length > 0) logger.child('http').warn('only the first HTTP API is served', { served: api?.address, ignored: otherApis.map((a) => a.address) });
    let apiUrl: string | undefined;
    let auth: ApiAuthorization = { mode: authMode, issuer: undefined, audience: [], scopes: [], stackFile: undefined, resources: {} };
    if (server && api) {
      const stage = api.stages.find((s) => s.name === '$default') ?? api.stages[0];
      apiUrl = stage && stage.name !== '$default' ? `${server.url}/${stage.name}` : server.url;
      const url = apiUrl;
      auth = await openApiAuthorization(api.routes.map((route) => route.authorization), { apiUrl: url, mode: authMode, stateDirectory: options.stateDirectory, persistDirectory });
      if (auth.issuer) logger.child('http').info(`JWT authorizer: ${authMode === AuthMode.Jwt ? `tokens of the local issuer ${auth.issuer.url} (npm run token)` : 'OFF, every request is let through'}`, { auth: authMode });
      // Swagger UI on /docs when there is a document to show; under the stage's path like the API.
      const docs = options.openApiDocument ? swaggerUiResources(new URL(url).pathname.replace(/\/$/, '')) : undefined;
      const documents: Record<string, () => unknown> = { ...auth.resources, ...(options.openApiDocument && { '/openapi.json': () => options.openApiDocument?.(url) }) };
      server.serve({
        definition: api,
        functionFor: (uri) => {
          const fn = findFunction(uri);
          if (!fn) throw new Error(`integration_uri ${uri} is not a function of the synth`);
          return fn;
        },
        localResource: localResourceLookup(
          { ...Object.fromEntries(Object.entries(documents).map(([resourcePath, document]) => [resourcePath, () => jsonResponse(document())])), ...docs?.exact },
          docs?.prefixes,
        ),
        issuer: authMode === AuthMode.Jwt ? auth.issuer : undefined,
      });
      for (const route of api.routes) {
        if (!findFunction(route.integrationUri)) throw new Error(`${route.address}: integration_uri ${route.integrationUri} is not a function of the synth`);
      }
    }
    await warm;
    for (const poller of pollers) poller.start();
    const metrics = new MetricsFileWriter(
      options.stateDirectory,
      () => pollers.map((poller) => poller.status()),
      options.metricsIntervalMs ?? 1000,
      (error) => logger.child('status').error('metrics.json cannot be written; retrying every interval', { error: `${error.name}: ${error.message}` }),
      () => relays.counts(),
    );
    metrics.start();
    parts.metrics = metrics;

    const notEmulated = [
      ...inertTypes.map((t) => `${t.type} ×${t.count}: ${t.reason}`),
      ...[...tableDefinitions.flatMap((t) => t.inert), ...queueInert, ...functionDefinitions.flatMap((f) => f.inert), ...mappings.flatMap((m) => m.inert), ...apis.flatMap((a) => a.inert)].map(
        (i: InertAttribute) => `${i.address}.${i.attribute}: ${i.reason}`,
      ),
    ];
    const onFailure = queues.find((queue) => mappings.some((m) => m.onFailureDestinationArn === queue.arn));
    const stackFile: StackFile = {
      apiUrl,
      dynamodbEndpoint,
      region,
      tables: logicalTableNames(tables, functionDefinitions),
      dlq: onFailure && { name: onFailure.name, arn: onFailure.arn, url: onFailure.url, directory: path.resolve(onFailure.directory) },
      functions: Object.fromEntries(functionDefinitions.map(({ functionName }) => [functionName, { dynamodbEndpoint: functionEndpoint(functionName) }])),
      ...(auth.stackFile && { auth: auth.stackFile }),
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    writeStackFile(options.stateDirectory, stackFile);
    parts.stackFileWritten = true;

    let stopping: Promise<void> | undefined;
    return {
      apiUrl,
      dynamodbEndpoint,
      region,
      tables,
      stackFile,
      functions,
      queues,
      routeKeys: api?.routes.map((route) => route.routeKey) ?? [],
      notEmulated,
      iamMode,
      authMode,
      issuer: auth.issuer,
      audience: auth.audience,
      scopes: auth.scopes,
      endpointFor: functionEndpoint,
      dynamodbFaultCounts: () => relays.counts(),
      faults,
      persistDirectory,
      dynamodbJavaPid: () => parts.dynamodb?.current.javaPid,
      dynamodbLocalVersion: dynamodb?.version,
      runtimes,
      metricsFile: metrics.file,
      pollerStatus: () => pollers.map((poller) => poller.status()),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const iamModeMeaning: Readonly<Record<IamMode, string>> = {
  [IamMode.Enforce]: 'each function reaches DynamoDB with exactly what its synthesized role allows (AccessDeniedException otherwise)',
  [IamMode.Warn]: 'calls the synthesized roles do not allow are logged and let through',
  [IamMode.Off]: 'no policy is checked; functions reach DynamoDB Local directly',
};
