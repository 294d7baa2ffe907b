import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS } from '@shop/tools-dynamodb-local';
import { IamMode, startFunctionIamProxies, type FunctionIamProxies } from '@shop/tools-local-iam';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import { readQueues } from '../destinations/queue-definition';
import { LocalStackError } from '../errors';
import { registerHttpApiAttributes } from '../http/api-definition';
import { createLocalFunction } from '../lambda/create-local-function';
import { readFunctionDefinitions, type FunctionDefinition } from '../lambda/function-definition';
import type { LocalFunction } from '../lambda/local-function';
import { logFunctionLine } from '../logging/function-log';
import { silentLogger, type Logger } from '../logging/logger';
import { provisionTables, registerTableAttributes } from '../provisioning/provision-tables';
import { readTableDefinitions } from '../provisioning/table-definition';
import type { StackFile } from '../stack/stack-file';
import { registerDataSources } from '../terraform/data-sources';
import { toDynamoDbLocalStreamArn } from './dynamodb-local-stream-arn';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { TerraformDocument } from '@shop/shared-util-terraform-json';

export interface LocalRedriveTargetOptions {
  readonly synthPath: string;
  readonly stateDirectory: string;
  /** The running stack (`.local/stack.json`): its DynamoDB Local and API URL. */
  readonly stackFile: StackFile;
  /** IAM enforcement for the redriven invocations. Default: enforce, as in the stack. */
  readonly iamMode?: IamMode;
  readonly logger?: Logger;
}

/** What a local redrive runs against: the synth's functions on the running stack's DynamoDB Local. */
export interface LocalRedriveTarget {
  /** Reads the stream (as the person redriving, not as a function). */
  readonly streams: DynamoDBStreamsClient;
  /** The ARN DynamoDB Local answers to for an AWS-shaped stream ARN. */
  readonly localStreamArn: (streamArn: string) => string;
  /** The function an on-failure message names, started in this process with its role's IAM proxy. */
  functionFor(functionArn: string): LocalFunction;
  stop(): Promise<void>;
}

/**
 * Reads the synth the way the stack does (same tables, references, environments, roles) against
 * the running stack's DynamoDB Local, so a redriven invocation runs exactly like one of the
 * stack's own: the built bundle, the synthesized environment, the role's IAM proxy.
 *
 * @example
 * const target = await openLocalRedriveTarget({ synthPath, stateDirectory: '.local', stackFile: readStackFile('.local') });
 * await target.functionFor(plan.functionArn).invoke({ Records: plan.records });
 * await target.stop();
 */
export async function openLocalRedriveTarget(options: LocalRedriveTargetOptions): Promise<LocalRedriveTarget> {
  const logger = options.logger ?? silentLogger;
  const { stackFile } = options;
  const synth = TerraformDocument.load(options.synthPath);
  const region = stackFile.region;
  const clientConfig = { endpoint: stackFile.dynamodbEndpoint, region, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  let iam: FunctionIamProxies | undefined;
  const started: LocalFunction[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((fn) => fn.stop()));
    await iam?.stop();
    client.destroy();
    streams.destroy();
  };
  try {
    // The running stack made the tables: check that this synth's are the ones there, create nothing.
    const tables = await provisionTables(client, readTableDefinitions(synth), region, { createMissing: false });
    const resolver = new ReferenceResolver();
    registerDataSources(synth, resolver, region);
    registerTableAttributes(resolver, tables);
    readQueues(synth, resolver, region, options.stateDirectory); // queue URLs and ARNs for references
    if (stackFile.apiUrl) registerHttpApiAttributes(synth, resolver, region, stackFile.apiUrl);
    const functions = readFunctionDefinitions(synth, resolver, region);
    iam = await startFunctionIamProxies({
      synth: synth.json,
      target: stackFile.dynamodbEndpoint,
      mode: options.iamMode ?? IamMode.Enforce,
      environment: localAwsEnvironment(region),
      logger: logger.child('iam'),
    });
    const proxies = iam;
    const definitionFor = (functionArn: string): FunctionDefinition => {
      const definition = functions.find((f) => f.functionArn === functionArn || f.functionName === functionArn);
      if (!definition) throw new LocalStackError(`${functionArn} is not a function of ${options.synthPath}; the synth has ${functions.map((f) => f.functionArn).join(', ')}`);
      return definition;
    };
    const cache = new Map<string, LocalFunction>();
    return {
      streams,
      localStreamArn: toDynamoDbLocalStreamArn,
      functionFor(functionArn) {
        const definition = definitionFor(functionArn);
        let fn = cache.get(definition.functionName);
        if (!fn) {
          const fnLogger = logger.child(`fn:${definition.functionName}`);
          fn = createLocalFunction(definition, {
            cacheDirectory: path.join(options.stateDirectory, 'functions'),
            endpoints: { region, dynamodbEndpoint: proxies.endpointFor(definition.functionName), credentials: LOCAL_CREDENTIALS },
            onLog: (line) => logFunctionLine(fnLogger, line),
          });
          cache.set(definition.functionName, fn);
          started.push(fn);
        }
        return fn;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
