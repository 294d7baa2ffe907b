import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { FaultCounters } from './fault-counters';

/** The error a dropped connection gives a stream request: Node's "socket hang up". */
export class InjectedConnectionResetError extends Error {
  readonly code = 'ECONNRESET';

  constructor(every: number) {
    super(`socket hang up (injected: every ${every}th stream request drops its connection)`);
    this.name = 'Error';
  }
}

/**
 * Makes every `every`th request of `client` fail like a dropped connection: the request reaches
 * DynamoDB (so the server did the work, e.g. GetRecords read records) but the answer is lost and
 * the caller gets ECONNRESET. It sits above the SDK's own retries, so the event source mapping's
 * recovery is what gets exercised, not the SDK's.
 *
 * @example
 * injectConnectionDrops(streamsClient, 5, counters); // calls 5, 10, 15, … fail
 */
export function injectConnectionDrops(client: DynamoDBStreamsClient, every: number, counters: FaultCounters): void {
  if (every <= 0) return;
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      const drop = requests % every === 0;
      const output = await next(args);
      if (!drop) return output;
      counters.increment('droppedConnections');
      throw new InjectedConnectionResetError(every);
    },
    { step: 'initialize', name: 'localStackInjectedConnectionDrops', override: true },
  );
}
