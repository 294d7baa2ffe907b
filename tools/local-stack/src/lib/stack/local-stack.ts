import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { DEFAULT_POLL_INTERVAL_MS } from '../constants';
import { readQueues } from '../destinations/queue-definition';
import type { LocalQueue } from '../destinations/local-queue';
import type { ProcessorEvent } from '../esm/batch-processor';
import { InMemoryCheckpointStore, type CheckpointStore } from '../esm/checkpoint-store';
import { readMappingDefinitions, type MappingDefinition } from '../esm/mapping-definition';
import type { MappingPoller, MappingStatus } from '../esm/mapping-poller';
import { registerHttpApiAttributes, readHttpApis } from '../http/api-definition';
import { LocalHttpServer } from '../http/http-server';
import { createLocalFunction } from '../lambda/create-local-function';
import { readFunctionDefinitions } from '../lambda/function-definition';
import type { LocalFunction } from '../lambda/local-function';
import { logFunctionLine } from '../logging/function-log';
import { silentLogger, type Logger } from '../logging/logger';
import { provisionTables, type ProvisionedTable } from '../provisioning/provision-tables';
import { readTableDefinitions } from '../provisioning/table-definition';
import type { InertAttribute } from '../terraform/attribute-policy';
import { registerDataSources } from '../terraform/data-sources';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { classifyResourceTypes } from '../terraform/resource-types';
import { TerraformDocument } from '../terraform/terraform-document';
import { logicalTableNames, removeStackFile, writeStackFile, type StackFile } from './stack-file';
import { createPollers, functionIndex } from './wiring';

export interface LocalStackOptions {
  /** The synthesized Terraform JSON (`infra/cdktf.out/stacks/shop-dev/cdk.tf.json`). */
  readonly synthPath: string;
  /** Where the stack keeps its files: stack.json, unpacked functions, the DLQ (`.local`). */
  readonly stateDirectory: string;
  /** Use this DynamoDB Local instead of starting one (it is then left running on stop). */
  readonly dynamodbEndpoint?: string;
  readonly dynamodbPort?: number;
  /** Where the HTTP API listens. Default 127.0.0.1:3000; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  /** How often each shard is polled. Default 250 ms (AWS polls about 4 times a second). */
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
  /** The API's OpenAPI document, served at /openapi.json; gets the API URL. */
  readonly openApiDocument?: (apiUrl: string) => unknown;
  /** Checkpoints of the pollers. Default: in memory. */
  readonly checkpoints?: CheckpointStore;
  readonly onProcessorEvent?: (mapping: MappingDefinition, event: ProcessorEvent) => void;
}

/** A running local stack. */
export interface LocalStack {
  readonly apiUrl: string | undefined;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: readonly ProvisionedTable[];
  readonly stackFile: StackFile;
  readonly functions: ReadonlyMap<string, LocalFunction>;
  readonly queues: readonly LocalQueue[];
  /** Route keys of the served HTTP API (`PUT /products/{productId}`, …). */
  readonly routeKeys: readonly string[];
  /** Resources and attributes of the synth that have no local effect (reported at start). */
  readonly notEmulated: readonly string[];
  pollerStatus(): MappingStatus[];
  /** Stops pollers, the API, the functions and (if the stack started it) DynamoDB Local. */
  stop(): Promise<void>;
}

/**
 * Runs the synthesized stack locally: DynamoDB Local with the synth's tables, every function
 * in-process from its deployment package, an event source mapping poller per mapping, the HTTP
 * API, and `.local/stack.json` describing it all. Everything comes from the synth; nothing is
 * declared twice. If any step fails, what was started is stopped again.
 *
 * @example
 * const stack = await startLocalStack({ synthPath: 'infra/cdktf.out/stacks/shop-dev/cdk.tf.json', stateDirectory: '.local' });
 * console.log(stack.apiUrl);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const logger = options.logger ?? silentLogger;
  const synth = TerraformDocument.load(options.synthPath);
  const region = synth.region();
  const inertTypes = classifyResourceTypes(synth);
  const tableDefinitions = readTableDefinitions(synth); // fails fast, before any JVM starts

  // Filled in as the stack comes up; stop() takes down whatever exists, in an order that ends
  // in-flight invocations quickly: pollers are told to stop, the API closes, instances end.
  const parts: {
    dynamodb?: DynamoDbLocal;
    clients?: { destroy(): void }[];
    server?: LocalHttpServer;
    functions?: Map<string, LocalFunction>;
    pollers?: MappingPoller[];
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
    for (const client of parts.clients ?? []) client.destroy();
    await attempt(() => parts.dynamodb?.stop());
  };
  try {
    let dynamodb: DynamoDbLocal | undefined;
    if (!options.dynamodbEndpoint) {
      dynamodb = await startDynamoDbLocal({ port: options.dynamodbPort });
      parts.dynamodb = dynamodb;
      logger.child('ddb').info('DynamoDB Local is up', { endpoint: dynamodb.endpoint, javaPid: dynamodb.javaPid });
    }
    const dynamodbEndpoint = options.dynamodbEndpoint ?? (dynamodb as DynamoDbLocal).endpoint;
    const clientConfig = { endpoint: dynamodbEndpoint, region, credentials: LOCAL_CREDENTIALS };
    const client = new DynamoDBClient(clientConfig);
    const streams = new DynamoDBStreamsClient(clientConfig);
    parts.clients = [client, streams];

    const tables = await provisionTables(client, tableDefinitions, region);
    for (const table of tables) {
      logger.child('ddb').info(table.created ? 'table created' : 'table already there', { table: table.tableName, stream: table.stream?.viewType });
    }
    const resolver = new ReferenceResolver();
    registerDataSources(synth, resolver, region);
    for (const table of tables) {
      resolver.register(table.address, {
        id: table.tableName,
        name: table.tableName,
        arn: table.tableArn,
        ...(table.stream && { stream_arn: table.stream.arn, stream_label: table.stream.label }),
      });
    }
    const { queues, inert: queueInert } = readQueues(synth, resolver, region, options.stateDirectory);

    const server = synth.resources('aws_apigatewayv2_api').length > 0 ? await LocalHttpServer.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000, logger: logger.child('http') }) : undefined;
    parts.server = server;
    if (server) registerHttpApiAttributes(synth, resolver, region, server.url);

    const functionDefinitions = readFunctionDefinitions(synth, resolver, region);
    const mappings = readMappingDefinitions(synth, resolver);
    const apis = readHttpApis(synth, resolver);
    const endpoints = { region, dynamodbEndpoint, credentials: LOCAL_CREDENTIALS };
    const functions = new Map<string, LocalFunction>();
    parts.functions = functions;
    for (const definition of functionDefinitions) {
      const fnLogger = logger.child(`fn:${definition.functionName}`);
      const fn = createLocalFunction(definition, {
        cacheDirectory: path.join(options.stateDirectory, 'functions'),
        endpoints,
        onLog: (line) => logFunctionLine(fnLogger, line),
      });
      functions.set(definition.functionName, fn);
    }
    const findFunction = functionIndex(functionDefinitions, functions, resolver);

    const pollers: MappingPoller[] = createPollers({
      mappings,
      tables,
      queues,
      findFunction,
      streams,
      region,
      checkpoints: options.checkpoints ?? new InMemoryCheckpointStore(),
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      logger,
      onProcessorEvent: options.onProcessorEvent,
    });
    parts.pollers = pollers;

    const [api, ...otherApis] = apis;
    if (otherApis.length > 0) logger.child('http').warn('only the first HTTP API is served', { served: api?.address, ignored: otherApis.map((a) => a.address) });
    let apiUrl: string | undefined;
    if (server && api) {
      const stage = api.stages.find((s) => s.name === '$default') ?? api.stages[0];
      apiUrl = stage && stage.name !== '$default' ? `${server.url}/${stage.name}` : server.url;
      const url = apiUrl;
      server.serve({
        definition: api,
        functionFor: (uri) => {
          const fn = findFunction(uri);
          if (!fn) throw new Error(`integration_uri ${uri} is not a function of the synth`);
          return fn;
        },
        openApiDocument: options.openApiDocument ? () => options.openApiDocument?.(url) : undefined,
      });
      for (const route of api.routes) {
        if (!findFunction(route.integrationUri)) throw new Error(`${route.address}: integration_uri ${route.integrationUri} is not a function of the synth`);
      }
    }
    for (const poller of pollers) poller.start();

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
      pollerStatus: () => pollers.map((poller) => poller.status()),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
