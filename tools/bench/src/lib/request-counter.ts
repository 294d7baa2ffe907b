import { startPassThroughRelay, type PassThroughRelay } from './pass-through-relay';

/** How a request touches one item: what DynamoDB bills it as. */
export const ItemAccess = {
  Write: 'write',
  TransactionalWrite: 'transactional write',
  StrongRead: 'strongly consistent read',
  EventualRead: 'eventually consistent read',
  TransactionalRead: 'transactional read',
} as const;
export type ItemAccess = (typeof ItemAccess)[keyof typeof ItemAccess];

/** One item a request wrote or read; `item` is the full item for puts (what index writes depend on). */
export interface ItemTouch {
  readonly table: string;
  readonly access: ItemAccess;
  readonly putKeys?: readonly string[];
}

/** What one caller (one `Host`, so one function's IAM proxy) sent, summed. */
export interface CallerCounts {
  /** Requests by operation (`GetItem`, `TransactWriteItems`, `GetRecords`...), and how many of them DynamoDB answered with an error (a failed condition, a cancelled transaction). */
  readonly operations: Record<string, { requests: number; failed: number }>;
  /** Item accesses by `table|access|putKeys` (putKeys: the attribute names of a put item, comma-joined, else empty). */
  readonly items: Record<string, number>;
}

export type CounterSnapshot = Record<string, CallerCounts>;

const WRITE_MEMBERS = ['Put', 'Update', 'Delete', 'ConditionCheck'] as const;

/** The items a DynamoDB request touches, read from its JSON body (streams and control-plane requests touch none). */
export function itemTouches(operation: string, body: Record<string, unknown>): ItemTouch[] {
  const table = String(body['TableName'] ?? '');
  const itemKeys = (item: unknown): string[] => Object.keys((item ?? {}) as object).sort();
  switch (operation) {
    case 'PutItem':
      return [{ table, access: ItemAccess.Write, putKeys: itemKeys(body['Item']) }];
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ table, access: ItemAccess.Write }];
    case 'GetItem':
      return [{ table, access: body['ConsistentRead'] === true ? ItemAccess.StrongRead : ItemAccess.EventualRead }];
    case 'TransactWriteItems':
      return ((body['TransactItems'] ?? []) as Array<Record<string, Record<string, unknown> | undefined>>).flatMap((member) =>
        WRITE_MEMBERS.flatMap((kind) => {
          const action = member[kind];
          if (!action) return [];
          return [{ table: String(action['TableName'] ?? ''), access: ItemAccess.TransactionalWrite, ...(kind === 'Put' && { putKeys: itemKeys(action['Item']) }) }];
        }),
      );
    case 'TransactGetItems':
      return ((body['TransactItems'] ?? []) as Array<{ Get?: Record<string, unknown> }>).map((member) => ({ table: String(member.Get?.['TableName'] ?? ''), access: ItemAccess.TransactionalRead }));
    case 'BatchWriteItem':
      return Object.entries((body['RequestItems'] ?? {}) as Record<string, Array<{ PutRequest?: { Item?: unknown } }>>).flatMap(([name, writes]) =>
        writes.map((w) => ({ table: name, access: ItemAccess.Write, ...(w.PutRequest && { putKeys: itemKeys(w.PutRequest.Item) }) })),
      );
    default:
      return [];
  }
}

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that counts every request by caller and
 * operation, and every item each one touches, without changing a byte. Run the stack with it as
 * its DynamoDB endpoint: each function reaches it through its own IAM proxy, which forwards the
 * function's request as received, so the `Host` header is that function's endpoint — one caller
 * per function (`labelCallers` in stack-cost.ts names them from stack.json). Requests with the
 * counter's own host are the stack's own: table provisioning, and the event source mapping's
 * stream reads, which it authorizes in its own process.
 *
 * @example
 * const counter = await RequestCounter.start(ddb.endpoint);
 * const before = counter.snapshot(); // … run … ;
 * const spent = subtractSnapshots(counter.snapshot(), before);
 */
export class RequestCounter {
  private readonly counts: Map<string, { operations: Map<string, { requests: number; failed: number }>; items: Map<string, number> }> = new Map();

  private constructor(
    private readonly relay: PassThroughRelay,
    readonly endpoint: string,
  ) {}

  static async start(target: string): Promise<RequestCounter> {
    // Requests can only arrive once the relay listens, and the counter needs the relay: a holder.
    const started: { counter?: RequestCounter } = {};
    const relay = await startPassThroughRelay(target, (headers, body) => {
      const tally = started.counter?.record(String(headers['host'] ?? ''), String(headers['x-amz-target'] ?? ''), body);
      return tally && ((statusCode: number) => void (statusCode >= 400 && tally.failed++));
    });
    started.counter = new RequestCounter(relay, relay.endpoint);
    return started.counter;
  }

  /** The counter's own `Host`: requests the stack sends DynamoDB Local itself, not through a function's IAM proxy. */
  get host(): string {
    return new URL(this.endpoint).host;
  }

  private record(host: string, target: string, body: Buffer): { requests: number; failed: number } | undefined {
    const operation = target.slice(target.indexOf('.') + 1);
    if (!operation) return undefined;
    let caller = this.counts.get(host);
    if (!caller) this.counts.set(host, (caller = { operations: new Map(), items: new Map() }));
    let tally = caller.operations.get(operation);
    if (!tally) caller.operations.set(operation, (tally = { requests: 0, failed: 0 }));
    tally.requests++;
    if (target.startsWith('DynamoDB_')) {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        // DynamoDB Local answers a body that is not JSON with its own error; the request is counted, its items are not.
      }
      for (const touch of itemTouches(operation, parsed)) {
        const key = `${touch.table}|${touch.access}|${touch.putKeys?.join(',') ?? ''}`;
        caller.items.set(key, (caller.items.get(key) ?? 0) + 1);
      }
    }
    return tally;
  }

  /** A copy of the counts so far, by caller (`Host`). */
  snapshot(): CounterSnapshot {
    return Object.fromEntries(
      [...this.counts].map(([host, { operations, items }]) => [
        host,
        { operations: Object.fromEntries([...operations].map(([op, t]) => [op, { ...t }])), items: Object.fromEntries(items) },
      ]),
    );
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }
}

/** What was counted between two snapshots. */
export function subtractSnapshots(after: CounterSnapshot, before: CounterSnapshot): CounterSnapshot {
  return Object.fromEntries(
    Object.entries(after).map(([host, counts]) => {
      const earlier = before[host];
      const operations = Object.fromEntries(
        Object.entries(counts.operations).map(([op, t]) => [op, { requests: t.requests - (earlier?.operations[op]?.requests ?? 0), failed: t.failed - (earlier?.operations[op]?.failed ?? 0) }]),
      );
      const items = Object.fromEntries(Object.entries(counts.items).map(([key, n]) => [key, n - (earlier?.items[key] ?? 0)]));
      return [host, { operations, items }];
    }),
  );
}
