import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sleep } from '../sleep';
import { dynamoDbErrorAnswer } from './dynamodb-error-answers';
import { DynamoDbFaultError, planRequest, type DynamoDbFaultRule } from './dynamodb-fault-rules';

/** What one function's relay did so far (`.local/metrics.json` shows it). */
export interface DynamoDbFaultCounts {
  readonly functionName: string;
  readonly requests: number;
  readonly delayedRequests: number;
  /** Answers given instead of DynamoDB's, by error. */
  readonly injectedErrors: Readonly<Record<string, number>>;
}

export interface DynamoDbFaultRelayOptions {
  readonly functionName: string;
  /** Where requests go when no error is injected: the function's IAM proxy, or DynamoDB Local with `--iam off`. */
  readonly target: string;
  /** The rules for this function (already filtered by function). */
  readonly rules: readonly DynamoDbFaultRule[];
  readonly random: () => number;
  /** Hears of each injected error (for a debug log line). */
  readonly onInjected?: (operation: string, error: DynamoDbFaultError) => void;
}

/** A running relay: the endpoint the function's SDK clients use instead of `target`. */
export interface DynamoDbFaultRelay {
  readonly endpoint: string;
  counts(): DynamoDbFaultCounts;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/**
 * An HTTP relay in front of one function's DynamoDB endpoint, so the faults sit where DynamoDB
 * answers, under the SDK's own retries, and work with and without the IAM proxy. Each request's
 * operation is read from `X-Amz-Target`; the plan (see `planRequest`) delays it, answers it with
 * DynamoDB's error in DynamoDB's wire format (the request never reaches DynamoDB Local), or
 * relays it unchanged (the same bytes, so signatures still verify) and relays the answer back.
 * An upstream that cannot be reached ends the client's connection, as a network failure would.
 *
 * @example
 * const relay = await startDynamoDbFaultRelay({ functionName, target: iam.endpointFor(functionName), rules, random: Math.random });
 * env.AWS_ENDPOINT_URL_DYNAMODB = relay.endpoint;
 */
export async function startDynamoDbFaultRelay(options: DynamoDbFaultRelayOptions): Promise<DynamoDbFaultRelay> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts = { requests: 0, delayedRequests: 0, injectedErrors: {} as Record<string, number> };
  const sockets = new Set<Socket>();

  const relay = (request: IncomingMessage, body: Buffer, response: ServerResponse): void => {
    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    headers['content-length'] = String(body.length);
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers, agent }, (answer) => {
      const answerHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(response);
      answer.on('error', () => response.destroy());
    });
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    counts.requests += 1;
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const plan = planRequest(options.rules, operation, options.random);
    if (plan.delayMs > 0) {
      counts.delayedRequests += 1;
      await sleep(plan.delayMs);
    }
    if (!plan.error) return relay(request, body, response);
    counts.injectedErrors[plan.error] = (counts.injectedErrors[plan.error] ?? 0) + 1;
    options.onInjected?.(operation, plan.error);
    const itemCount = plan.error === DynamoDbFaultError.TransactionConflict ? transactItemCount(body) : 1;
    const answer = dynamoDbErrorAnswer(plan.error, { itemCount, conflictIndex: Math.floor(options.random() * itemCount) });
    response.writeHead(answer.statusCode, answer.headers);
    response.end(answer.body);
  };

  const server = createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
    serve(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ functionName: options.functionName, requests: counts.requests, delayedRequests: counts.delayedRequests, injectedErrors: { ...counts.injectedErrors } }),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      })),
  };
}

/** The number of `TransactItems` of a transaction request (1 when the body cannot be read). */
function transactItemCount(body: Buffer): number {
  try {
    const items = (JSON.parse(body.toString('utf8')) as { TransactItems?: unknown }).TransactItems;
    return Array.isArray(items) && items.length > 0 ? items.length : 1;
  } catch {
    return 1;
  }
}
