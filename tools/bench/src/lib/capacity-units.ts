import { DescribeTableCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ItemAccess, type CounterSnapshot } from './request-counter';

/**
 * An upper bound of an item's size as DynamoDB bills it: each attribute's name (UTF-8 bytes) plus
 * its value — strings and binaries their bytes, a number at most 21 bytes (never more than one byte
 * per digit plus one), booleans and nulls 1, lists and maps 3 plus 1 per element plus the elements.
 *
 * @example
 * itemSizeBound({ productId: { S: 'p#1' }, stock: { N: '7' } }); // 9 + 3 + 5 + 2 = 19
 */
export function itemSizeBound(item: Record<string, AttributeValue>): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.min(21, v.N.length + 1);
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.SS) return v.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    if (v.NS) return v.NS.reduce((sum, n) => sum + Math.min(21, n.length + 1), 0);
    if (v.BS) return v.BS.reduce((sum, b) => sum + b.length, 0);
    if (v.L) return 3 + v.L.reduce((sum, e) => sum + 1 + value(e), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((sum, [name, e]) => sum + 1 + Buffer.byteLength(name) + value(e), 0);
    return 0;
  };
  return Object.entries(item).reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + value(v), 0);
}

/** What billing needs to know of a table: its largest item (bound) and its indexes' key attributes. */
export interface TableFacts {
  readonly maxItemBytes: number;
  readonly indexes: ReadonlyArray<{ readonly name: string; readonly keys: readonly string[] }>;
}

/** Scans each table (after a run, outside what is measured) for its largest item, and describes its indexes. */
export async function tableFacts(ddb: DynamoDBClient, tables: readonly string[]): Promise<Record<string, TableFacts>> {
  const entries = await Promise.all(
    tables.map(async (table): Promise<[string, TableFacts]> => {
      const { Table: description } = await ddb.send(new DescribeTableCommand({ TableName: table }));
      let maxItemBytes = 0;
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) maxItemBytes = Math.max(maxItemBytes, itemSizeBound(item));
        start = page.LastEvaluatedKey;
      } while (start);
      const indexes = (description?.GlobalSecondaryIndexes ?? []).map((gsi) => ({ name: gsi.IndexName ?? '', keys: (gsi.KeySchema ?? []).map((k) => k.AttributeName ?? '') }));
      return [table, { maxItemBytes, indexes }];
    }),
  );
  return Object.fromEntries(entries);
}

/** One caller's requests and capacity units. */
export interface CallerCost {
  readonly caller: string;
  readonly requests: number;
  readonly operations: Record<string, { requests: number; failed: number }>;
  /** Write units on the tables (a transaction's members count double). */
  readonly writeUnits: number;
  /** Write units on global secondary indexes (a put whose item carries an index's keys writes the index too). */
  readonly indexWriteUnits: number;
  readonly readUnits: number;
}

/**
 * Capacity units of the counted requests, as DynamoDB on-demand bills them: a write 1 unit per
 * started KB of the largest item of its table, twice that inside a transaction; a strongly
 * consistent read 1 unit per started 4 KB, an eventually consistent read half of that, a
 * transactional read twice; a request is billed whether its condition holds or not. `labels`
 * names the callers (hosts); unnamed callers keep their host.
 */
export function capacityUnits(counts: CounterSnapshot, facts: Record<string, TableFacts>, labels: Record<string, string>): CallerCost[] {
  return Object.entries(counts).map(([host, { operations, items }]) => {
    let writeUnits = 0;
    let indexWriteUnits = 0;
    let readUnits = 0;
    for (const [key, n] of Object.entries(items)) {
      const [table = '', access, putKeys = ''] = key.split('|');
      const bytes = Math.max(1, facts[table]?.maxItemBytes ?? 1);
      const kb = Math.ceil(bytes / 1024);
      const fourKb = Math.ceil(bytes / 4096);
      if (access === ItemAccess.Write || access === ItemAccess.TransactionalWrite) {
        writeUnits += n * kb * (access === ItemAccess.TransactionalWrite ? 2 : 1);
        const carried = putKeys ? putKeys.split(',') : [];
        const written = (facts[table]?.indexes ?? []).filter((index) => index.keys.every((k) => carried.includes(k))).length;
        indexWriteUnits += n * written * kb;
      } else if (access === ItemAccess.StrongRead) readUnits += n * fourKb;
      else if (access === ItemAccess.EventualRead) readUnits += (n * fourKb) / 2;
      else if (access === ItemAccess.TransactionalRead) readUnits += n * fourKb * 2;
    }
    const requests = Object.values(operations).reduce((sum, t) => sum + t.requests, 0);
    return { caller: labels[host] ?? host, requests, operations, writeUnits, indexWriteUnits, readUnits };
  });
}

/** `costs` scaled to per `per` orders, rounded to 0.1. */
export function perOrders(costs: readonly CallerCost[], orders: number, per = 1000): CallerCost[] {
  const scale = (n: number): number => Math.round(((n * per) / orders) * 10) / 10;
  return costs.map((c) => ({
    caller: c.caller,
    requests: scale(c.requests),
    operations: Object.fromEntries(Object.entries(c.operations).filter(([, t]) => t.requests > 0).map(([op, t]) => [op, { requests: scale(t.requests), failed: scale(t.failed) }])),
    writeUnits: scale(c.writeUnits),
    indexWriteUnits: scale(c.indexWriteUnits),
    readUnits: scale(c.readUnits),
  }));
}
