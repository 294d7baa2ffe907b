import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from './client';
import { worstRetryDelayMs, type RetriedCall } from './sdk-retry';

/**
 * An endpoint that answers DynamoDB's JSON protocol with the scripted errors in turn, then `{}`
 * (GetItem's answer for a missing item): how the client retries is what is tested here; the
 * answers themselves come from DynamoDB Local and the local stack's fault relay elsewhere.
 */
async function scriptedEndpoint(errors: { status: number; type: string }[]): Promise<{ url: string; requests: () => number; close: () => void }> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const error = errors[requests++];
      response.writeHead(error?.status ?? 200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(error ? { __type: `com.amazonaws.dynamodb.v20120810#${error.type}`, message: 'scripted' } : {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, close: () => server.close() };
}

const throttled = { status: 400, type: 'ProvisionedThroughputExceededException' };
const policy = { maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 60 };

describe('createDocumentClient retries', () => {
  it('retries throttling and 5xx within the policy and reports the call once, with its attempts', async () => {
    // Prepare
    const endpoint = await scriptedEndpoint([throttled, { status: 500, type: 'InternalServerError' }]);
    const calls: RetriedCall[] = [];
    const client = createDocumentClient({ endpoint: endpoint.url }, { retry: policy, onRetriedCall: (call) => calls.push(call) });

    // Act
    const read = await client.send(new GetCommand({ TableName: 't', Key: { id: 'a' } }));

    // Assess: 3 attempts; the waits stay under the policy's worst case (40 + 60 ms)
    expect(read.Item).toBeUndefined();
    expect(endpoint.requests()).toBe(3);
    expect(calls).toEqual([{ operation: 'GetItem', attempts: 3, retryDelayMs: expect.any(Number), errorName: undefined }]);
    expect(calls[0]?.retryDelayMs).toBeLessThanOrEqual(worstRetryDelayMs(policy));
    client.destroy();
    endpoint.close();
  });

  it('gives up after maxAttempts with the last error, and never retries a client error', async () => {
    // Prepare
    const endpoint = await scriptedEndpoint([throttled, throttled, throttled, { status: 400, type: 'ValidationException' }]);
    const calls: RetriedCall[] = [];
    const client = createDocumentClient({ endpoint: endpoint.url }, { retry: policy, onRetriedCall: (call) => calls.push(call) });

    // Act
    const exhausted = await client.send(new GetCommand({ TableName: 't', Key: { id: 'a' } })).catch((error: Error) => error);
    const invalid = await client.send(new GetCommand({ TableName: 't', Key: { id: 'a' } })).catch((error: Error) => error);

    // Assess
    expect((exhausted as Error).name).toBe('ProvisionedThroughputExceededException');
    expect((invalid as Error).name).toBe('ValidationException');
    expect(endpoint.requests()).toBe(4);
    expect(calls).toEqual([{ operation: 'GetItem', attempts: 3, retryDelayMs: expect.any(Number), errorName: 'ProvisionedThroughputExceededException' }]);
    client.destroy();
    endpoint.close();
  });

  it('adds up the worst waits of a policy', () => {
    expect(worstRetryDelayMs({ maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 1_000 })).toBe(50 + 100 + 200 + 400 + 800);
    expect(worstRetryDelayMs({ maxAttempts: 1, baseDelayMs: 50, maxDelayMs: 1_000 })).toBe(0);
  });
});
