import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHandler, type OrdersApiHandler } from '../../src/lib/create-handler';
import type { HttpResponse } from '../../src/lib/http/response';
import { httpEvent, type HttpEventOptions } from './http-event';
import { recordingObservability, type RecordingObservability } from './observability';

export interface TestApi {
  readonly handler: OrdersApiHandler;
  readonly tables: TestTables;
  readonly documentClient: DynamoDBDocumentClient;
  readonly recording: RecordingObservability;
  /** Sends one HTTP API event through the handler. */
  call(method: string, rawPath: string, options?: HttpEventOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * The orders API on fresh tables in DynamoDB Local (started by the Jest global setup), built with
 * createHandler exactly as main.ts builds it, except for quiet, recording observability.
 */
export async function startTestApi(options: { logLevel?: 'SILENT' | 'ERROR' | 'INFO'; tables?: Partial<TestTables> } = {}): Promise<TestApi> {
  const raw = new DynamoDBClient({});
  // Enough sockets for the concurrency tests (the default 50 would queue them, and warn).
  const documentClient = createDocumentClient({ requestHandler: { httpAgent: { maxSockets: 400 } } });
  const tables = await createTestTables(raw);
  const recording = recordingObservability(options.logLevel);
  const handler = createHandler({
    documentClient,
    tables: { products: tables.products, orders: tables.orders, replenishment: tables.replenishment, ...options.tables },
    observability: recording.observability,
  });
  return {
    handler,
    tables,
    documentClient,
    recording,
    call: (method, rawPath, eventOptions) => handler(httpEvent(method, rawPath, eventOptions)),
    close: async () => {
      await deleteTestTables(tables, raw);
      documentClient.destroy();
      raw.destroy();
    },
  };
}

/** A product body for PUT /products/{productId}. */
export const productBody = (overrides: Partial<{ stock: number; reorderThreshold: number; amountToReplenish: number; name: string }> = {}) => ({
  stock: 51,
  reorderThreshold: 50,
  amountToReplenish: 30,
  ...overrides,
});
