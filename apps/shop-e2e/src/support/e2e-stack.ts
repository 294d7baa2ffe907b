import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_STACK_ENDPOINTS_ENV, type StackEndpoints } from '@shop/tools-local-stack';
import { dynamoClients } from './dynamodb';
import { E2eSupportError } from './errors';
import { ShopApi } from './shop-api';
import { streamBarrier } from './stream-barrier';
import { OPERATOR, Tokens } from './tokens';

export interface E2eStack {
  readonly endpoints: StackEndpoints;
  /** The API as {@link OPERATOR} (every scope); `api.as(caller)` for another caller. */
  readonly api: ShopApi;
  /** Signs tokens with the stack's local issuer. */
  readonly tokens: Tokens;
  /** Administrator clients on the stack's DynamoDB Local (checks the API cannot make). */
  readonly ddb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** Resolves once every Products change made so far has been through the consumer. */
  barrier(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Connects a test file to the stack the global setup started (`afterAll(() => stack.close())`). */
export function connectToE2eStack(): E2eStack {
  const json = process.env[LOCAL_STACK_ENDPOINTS_ENV];
  if (!json) throw new E2eSupportError(`${LOCAL_STACK_ENDPOINTS_ENV} is not set: run these tests through apps/shop-e2e/jest.config.cjs (its global setup starts the stack)`);
  return connectTo(JSON.parse(json) as StackEndpoints);
}

/** Connects to a running stack. */
export function connectTo(endpoints: StackEndpoints): E2eStack {
  const tokens = new Tokens(endpoints.auth);
  const api = new ShopApi(endpoints.apiUrl, tokens, OPERATOR);
  const { ddb, streams } = dynamoClients(endpoints);
  return {
    endpoints,
    api,
    tokens,
    ddb,
    streams,
    barrier: (timeoutMs) => streamBarrier({ api, ddb, streams, productsTable: endpoints.tables.products }, timeoutMs),
    close: () => {
      ddb.destroy();
      streams.destroy();
    },
  };
}
