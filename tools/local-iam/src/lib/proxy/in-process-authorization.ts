import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { ProxyCounters } from './proxy-stats';
import type { RequestDecider } from './request-decision';

/** A client of this process whose requests are authorized before they leave it. */
export type InProcessClient = Pick<DynamoDBStreamsClient, 'middlewareStack'>;

/** Innermost in the SDK's chain: after signing and retries, just before the request is sent. */
const AUTHORIZATION_MIDDLEWARE = { step: 'deserialize', priority: 'low', name: 'localIamInProcessAuthorization' } as const;

interface SignedRequest {
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/**
 * Authorizes every request `client` sends with `decide` (the proxy's own decisions, logs and
 * counters) before it leaves the process: an allowed request goes out unchanged, to the client's
 * endpoint (DynamoDB Local); a refused one is answered in place with the proxy's answer
 * (AccessDeniedException in DynamoDB's JSON), which the SDK's deserializer turns into the typed
 * error it would have read from the proxy. For clients living in the proxy's own process (the
 * event source mapping's stream reads): the same authorization without relaying every response
 * through a second socket.
 *
 * @example
 * authorizeInProcess(new DynamoDBStreamsClient({ endpoint: ddb.endpoint }), decide, counters);
 */
export function authorizeInProcess(client: InProcessClient, decide: RequestDecider, counters: ProxyCounters): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as SignedRequest;
      counters.requests++;
      const outcome = await decide({ headers: lowerCased(request.headers), body: bodyBytes(request.body) });
      if (outcome.forward) return next(args);
      const { statusCode, headers, body } = outcome.response;
      return { response: { statusCode, reason: '', headers: lowerCased(headers), body } };
    },
    AUTHORIZATION_MIDDLEWARE,
  );
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const name of Object.keys(headers)) lowered[name.toLowerCase()] = headers[name] as string;
  return lowered;
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError(`local-iam: cannot authorize a request whose body is a stream (${Object.prototype.toString.call(body)})`);
}
