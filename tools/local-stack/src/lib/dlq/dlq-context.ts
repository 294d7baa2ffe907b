import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { IamMode } from '@shop/tools-local-iam';
import { LocalQueue } from '../destinations/local-queue';
import { LocalStackError, StackNotRunningError } from '../errors';
import type { FunctionInvoker, InvocationResult } from '../lambda/invocation';
import type { Logger } from '../logging/logger';
import { readStackFile, type StackFile } from '../stack/stack-file';
import { TerraformDocument } from '@shop/shared-util-terraform-json';
import { AwsLambdaInvoker } from './aws-lambda-invoker';
import type { DlqContext } from './dlq-commands';
import { LocalDlqSource } from './dlq-source';
import { openLocalRedriveTarget, type LocalRedriveTarget } from './local-redrive-target';
import { SqsDlqSource } from './sqs-dlq-source';
import { readFailedBatch } from './stream-batch-reader';
import { mappingSettingsForFunction } from './synth-mapping-settings';

/** A context and what to close after the commands ran. */
export interface OpenedDlqContext {
  readonly context: DlqContext;
  close(): Promise<void>;
}

export interface LocalDlqOptions {
  readonly stateDirectory: string;
  readonly synthPath: string;
  /** The queue's name, when `.local/dlq` holds several. */
  readonly queueName?: string;
  readonly iamMode?: IamMode;
  readonly logger?: Logger;
  readonly out: (line: string) => void;
}

/**
 * The local DLQ (`<stateDirectory>/dlq/<queue>/`). Listing and showing stored records work with
 * or without a running stack; reading the stream and redriving need the running stack (its
 * DynamoDB Local), which is reached through `.local/stack.json`, and start the function in this
 * process exactly as the stack runs it (bundle, environment, IAM proxy).
 */
export async function openLocalDlqContext(options: LocalDlqOptions): Promise<OpenedDlqContext> {
  let stackFile: StackFile | undefined;
  try {
    stackFile = readStackFile(options.stateDirectory);
  } catch (error) {
    if (!(error instanceof StackNotRunningError)) throw error;
  }
  const directory = queueDirectory(options, stackFile);
  const queue = new LocalQueue({ name: path.basename(directory), arn: stackFile?.dlq?.arn ?? '', url: stackFile?.dlq?.url ?? '', directory });
  let target: Promise<LocalRedriveTarget> | undefined;
  const running = (): Promise<LocalRedriveTarget> => {
    if (!stackFile) throw new StackNotRunningError(path.join(options.stateDirectory, 'stack.json'), 'reading the stream and redriving need the running stack (npm start)');
    const file = stackFile;
    target ??= openLocalRedriveTarget({ synthPath: options.synthPath, stateDirectory: options.stateDirectory, stackFile: file, iamMode: options.iamMode, logger: options.logger });
    return target;
  };
  // The mapping's filters and response types come from the synth alone: no stack needed.
  const synth = existsSync(options.synthPath) ? TerraformDocument.load(options.synthPath) : undefined;
  return {
    context: {
      source: new LocalDlqSource(queue),
      readFromStream: async (record) => {
        const opened = await running();
        return readFailedBatch(opened.streams, record, { requestStreamArn: opened.localStreamArn });
      },
      invokerFor: (functionArn) => new LazyInvoker(functionArn, async () => (await running()).functionFor(functionArn)),
      mappingFor: (functionArn) => (synth ? mappingSettingsForFunction(synth, functionName(functionArn))[0] : undefined),
      out: options.out,
    },
    close: async () => {
      if (target) await (await target).stop();
    },
  };
}

export interface AwsDlqOptions {
  /** The SQS on-failure destination's URL. */
  readonly queueUrl: string;
  /** Default: the queue URL's region, else the SDK's (AWS_REGION). */
  readonly region?: string;
  /** A synth of the deployed stage, to apply its mapping's filters and response types. */
  readonly synthPath?: string;
  readonly out: (line: string) => void;
}

/**
 * The on-failure queue of a mapping on AWS: messages from SQS (metadata only), records read back
 * from the stream by sequence number (within its 24 hours), the function invoked with
 * lambda:InvokeFunction. Uses the SDK's default credentials.
 */
export async function openAwsDlqContext(options: AwsDlqOptions): Promise<OpenedDlqContext> {
  const region = options.region ?? /^https:\/\/sqs\.([a-z0-9-]+)\./.exec(options.queueUrl)?.[1];
  const config = region ? { region } : {};
  const sqs = new SQSClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const lambda = new LambdaClient(config);
  const synth = options.synthPath && existsSync(options.synthPath) ? TerraformDocument.load(options.synthPath) : undefined;
  return {
    context: {
      source: new SqsDlqSource(sqs, options.queueUrl),
      readFromStream: (record) => readFailedBatch(streams, record),
      invokerFor: (functionArn) => new AwsLambdaInvoker(lambda, functionArn),
      mappingFor: (functionArn) => (synth ? mappingSettingsForFunction(synth, functionName(functionArn))[0] : undefined),
      out: options.out,
    },
    close: async () => {
      sqs.destroy();
      streams.destroy();
      lambda.destroy();
    },
  };
}

function queueDirectory(options: LocalDlqOptions, stackFile: StackFile | undefined): string {
  const root = path.join(options.stateDirectory, 'dlq');
  if (options.queueName) return path.join(root, options.queueName);
  if (stackFile?.dlq) return stackFile.dlq.directory;
  const queues = existsSync(root) ? readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()) : [];
  if (queues.length === 1) return path.join(root, queues[0] as string);
  throw new LocalStackError(
    queues.length === 0 ? `No local DLQ under ${root} (nothing has failed yet, or the stack never ran with this --state-dir)` : `${root} holds several queues (${queues.join(', ')}); choose one with --queue`,
  );
}

/** An invoker whose function is only started when it is first invoked (a dry run starts nothing). */
class LazyInvoker implements FunctionInvoker {
  readonly functionName: string;

  constructor(
    readonly functionArn: string,
    private readonly open: () => Promise<FunctionInvoker>,
  ) {
    this.functionName = functionName(functionArn);
  }

  async invoke(event: unknown): Promise<InvocationResult> {
    return (await this.open()).invoke(event);
  }
}

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` → NAME (a plain name stays). */
function functionName(functionArn: string): string {
  return functionArn.split(':')[6] ?? functionArn;
}
