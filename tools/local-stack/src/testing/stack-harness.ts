/** Starts fixture stacks against the Jest run's DynamoDB Local and watches what they do. */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { LocalQueueMessage } from '../lib/destinations/local-queue';
import type { ProcessorEvent } from '../lib/esm/batch-processor';
import { createLogger } from '../lib/logging/logger';
import { provisionTables } from '../lib/provisioning/provision-tables';
import { readTableDefinitions } from '../lib/provisioning/table-definition';
import type { IamMode } from '@shop/tools-local-iam';
import type { AuthMode } from '../lib/auth/auth-mode';
import type { FaultSettings } from '../lib/faults/fault-settings';
import type { CheckpointStore } from '../lib/esm/checkpoint-store';
import { startLocalStack } from '../lib/stack/local-stack';
import type { LocalStack } from '../lib/stack/local-stack-options';
import { TerraformDocument } from '@shop/shared-util-terraform-json';
import { writeFixtureStack, type FixtureStackOptions } from './stack-fixtures';
import { temporaryStackDirectory, uniquePrefix } from './terraform-fixtures';

export interface Invocation {
  readonly requestId: string;
  readonly tableName: string;
  readonly sequenceNumbers: string[];
  readonly event: DynamoDBStreamEvent;
}

export interface FixtureStack {
  readonly stack: LocalStack;
  readonly prefix: string;
  /** The fixture synth the stack runs (`cdk.tf.json`) and its state directory (`.local`). */
  readonly synthPath: string;
  readonly stateDirectory: string;
  readonly productsTable: string;
  readonly client: DynamoDBClient;
  readonly events: ProcessorEvent[];
  /** Every invocation the consumer recorded, in order. */
  invocations(): Invocation[];
  dlqMessages(): Promise<LocalQueueMessage[]>;
  putProduct(productId: string, attributes?: Record<string, AttributeValue>): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<FixtureStackOptions, 'prefix' | 'stackDirectory'>> {
  /** Writes to the products table before the stack (and its pollers) start. */
  readonly before?: (put: FixtureStack['putProduct']) => Promise<void>;
  readonly pollIntervalMs?: number;
  readonly openApiDocument?: (apiUrl: string) => unknown;
  readonly iamMode?: IamMode;
  readonly authMode?: AuthMode;
  /** Keeps the issuer's key (and DynamoDB's checkpoints) here. */
  readonly persistDirectory?: string;
  /** Default: none (whatever LOCAL_STACK_FAULT_* says is ignored, so tests stay reproducible). */
  readonly faults?: Partial<FaultSettings>;
  readonly checkpoints?: CheckpointStore;
  /** Writes every log line here (default: silent). */
  readonly logLines?: string[];
}

/** A running fixture stack with a fast poll interval. Stop it in the test. */
export async function startFixtureStack(options: HarnessOptions = {}): Promise<FixtureStack> {
  const prefix = uniquePrefix('esm');
  const stackDirectory = temporaryStackDirectory();
  const log = path.join(stackDirectory, 'invocations.jsonl');
  const synthPath = writeFixtureStack({
    prefix,
    stackDirectory,
    ...options,
    consumerEnvironment: { INVOCATION_LOG: log, ...options.consumerEnvironment },
  });
  const client = new DynamoDBClient({});
  const productsTable = `${prefix}-products`;
  const putProduct = async (productId: string, attributes: Record<string, AttributeValue> = {}): Promise<void> => {
    await client.send(new PutItemCommand({ TableName: productsTable, Item: { productId: { S: productId }, ...attributes } }));
  };
  if (options.before) {
    const synth = TerraformDocument.load(synthPath);
    await provisionTables(client, readTableDefinitions(synth), synth.region());
    await options.before(putProduct);
  }
  const events: ProcessorEvent[] = [];
  const stateDirectory = path.join(stackDirectory, '.local');
  const stack = await startLocalStack({
    synthPath,
    stateDirectory,
    dynamodbEndpoint: process.env['AWS_ENDPOINT_URL_DYNAMODB'],
    port: 0,
    pollIntervalMs: options.pollIntervalMs ?? 25,
    onProcessorEvent: (_mapping, event) => events.push(event),
    openApiDocument: options.openApiDocument,
    iamMode: options.iamMode,
    authMode: options.authMode,
    ...(options.persistDirectory && { persistDirectory: options.persistDirectory }),
    faults: options.faults ?? {},
    checkpoints: options.checkpoints,
    metricsIntervalMs: 100,
    ...(options.logLines && { logger: createLogger({ format: 'json', level: 'debug', sink: { writeLine: (line) => options.logLines?.push(line) } }) }),
  });
  return {
    stack,
    prefix,
    synthPath,
    stateDirectory,
    productsTable,
    client,
    events,
    invocations: () => readInvocationLog(log),
    dlqMessages: () => (stack.queues[0] ? stack.queues[0].list() : Promise.resolve([])),
    putProduct,
    stop: async () => {
      await stack.stop();
      client.destroy();
    },
  };
}

/**
 * The invocations the stream-consumer fixture appended to its INVOCATION_LOG file. The fixture
 * appends each invocation as one newline-terminated line while tests read the file, so a read can
 * catch a line half written: only newline-terminated lines count, what follows the last newline
 * is an append still in progress.
 */
export function readInvocationLog(file: string): Invocation[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines
    .slice(0, -1)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Invocation);
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `condition` until it holds (or fails the test after `timeoutMs`). */
export async function waitFor<T>(condition: () => T | Promise<T>, description: string, timeoutMs = 10_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One request to a running stack's HTTP API with a token of its own issuer holding every scope
 * the synth's routes require (none when auth is off); a POST carries a fresh Idempotency-Key.
 *
 * @example
 * const { status, body } = await callStackApi(stack, 'PUT', '/products/p%231', { stock: 5, reorderThreshold: 2, amountToReplenish: 10 });
 */
export async function callStackApi(stack: LocalStack, method: string, route: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await stack.issuer?.sign({ subject: 'local-stack-test', scopes: stack.scopes, audience: stack.audience[0] as string, expiresInSeconds: 300 });
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(method === 'POST' && { 'idempotency-key': randomUUID() }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
