import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { METRICS_FILE_NAME, type MetricsFile, type StackProcess } from '@shop/tools-local-stack';
import { capacityUnits, perOrders, tableFacts, type CallerCost } from './capacity-units';
import { BenchCorrectnessError } from './errors';
import { subtractSnapshots, type CounterSnapshot, type RequestCounter } from './request-counter';

/** The event source mapping's own figures (metrics.json), summed over its mappings. */
export interface MappingCounts {
  readonly Invocations: number;
  readonly PolledEventCount: number;
  readonly InvokedEventCount: number;
  readonly FilteredOutEventCount: number;
}

/** What a stretch of a run cost, counted: requests and units by caller, and the mapping's deliveries. */
export interface StackCost {
  readonly orders: number;
  /** Per 1,000 orders. */
  readonly callers: readonly CallerCost[];
  readonly mapping: MappingCounts;
  /** Largest item (bound, bytes) of each table the units were computed from. */
  readonly maxItemBytes: Record<string, number>;
}

/** A point of a run to count from: the requests counted so far and the mapping's metrics. */
export interface CostMark {
  readonly counts: CounterSnapshot;
  readonly mapping: MappingCounts;
}

const STREAM_OPERATIONS = new Set(['GetRecords', 'GetShardIterator', 'DescribeStream', 'ListStreams']);

/** The stack's metrics.json as last rewritten (once a second; atomically, never torn). */
export function readMetrics(stack: StackProcess): MetricsFile {
  return JSON.parse(readFileSync(path.join(stack.options.stateDirectory, METRICS_FILE_NAME), 'utf8')) as MetricsFile;
}

function mappingCounts(metrics: MetricsFile): MappingCounts {
  const sum = (name: keyof MappingCounts): number => metrics.mappings.reduce((total, m) => total + (m.metrics[name] ?? 0), 0);
  return { Invocations: sum('Invocations'), PolledEventCount: sum('PolledEventCount'), InvokedEventCount: sum('InvokedEventCount'), FilteredOutEventCount: sum('FilteredOutEventCount') };
}

/**
 * Waits until the stack is quiet — two successive rewrites of metrics.json (once a second) show the
 * same counts with the mappings caught up, and the counter saw no request in between but the
 * mapping's polling — and
 * returns that point. Quiet marks on both sides of a stretch count all of its work, including
 * the records the consumer's own writes put in the stream.
 */
export async function quietMark(stack: StackProcess, counter: RequestCounter | undefined, timeoutMs = 600_000): Promise<CostMark> {
  const deadline = Date.now() + timeoutMs;
  let previous: { updatedAt: string; key: string } | undefined;
  for (;;) {
    const metrics = readMetrics(stack);
    const counts = counter?.snapshot() ?? {};
    // The mapping polls the stream all the time: its reads do not count as activity.
    const work = Object.values(counts).map(({ operations }) => Object.entries(operations).filter(([op]) => !STREAM_OPERATIONS.has(op)));
    const key = JSON.stringify([metrics.mappings.map((m) => m.metrics), work]);
    const caughtUp = metrics.mappings.every((m) => m.metrics.IteratorAge === 0);
    if (previous && previous.updatedAt !== metrics.updatedAt) {
      if (caughtUp && previous.key === key) return { counts, mapping: mappingCounts(metrics) };
      previous = undefined;
    }
    previous ??= { updatedAt: metrics.updatedAt, key };
    if (Date.now() > deadline) throw new BenchCorrectnessError('bench', `the stack was not quiet within ${timeoutMs} ms: ${JSON.stringify(metrics.mappings.map((m) => m.metrics))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Names each caller the counter saw. Stream reads are the mapping's, whichever host sent them (it
 * reads with its function's role, in the stack's own process); every other request is named by
 * its `Host`: a function's DynamoDB endpoint (stack.json's `functions`) names that function, the
 * counter's own host is the stack itself (table provisioning). With IAM off every function is
 * given DynamoDB Local itself, so their requests share the stack's host and are named together.
 */
export function labelCallers(counts: CounterSnapshot, counterHost: string, functionEndpoints: Readonly<Record<string, string>>, mappingFunction: string): { counts: CounterSnapshot; labels: Record<string, string> } {
  const functionsByHost = new Map<string, string[]>();
  for (const [name, endpoint] of Object.entries(functionEndpoints)) {
    const host = new URL(endpoint).host;
    functionsByHost.set(host, [...(functionsByHost.get(host) ?? []), name]);
  }
  const split: CounterSnapshot = {};
  const labels: Record<string, string> = {};
  for (const [host, { operations, items }] of Object.entries(counts)) {
    const streamOps = Object.entries(operations).filter(([op]) => STREAM_OPERATIONS.has(op));
    if (streamOps.length > 0) {
      split[`${host}#mapping`] = { operations: Object.fromEntries(streamOps), items: {} };
      labels[`${host}#mapping`] = `${mappingFunction}'s event source mapping (stream reads)`;
    }
    split[host] = { operations: Object.fromEntries(Object.entries(operations).filter(([op]) => !STREAM_OPERATIONS.has(op))), items };
    const names = functionsByHost.get(host) ?? [];
    if (host === counterHost) labels[host] = names.length > 0 ? `the stack and ${names.join(', ')} (one endpoint, IAM off)` : 'the stack (provisioning)';
    else if (names.length > 0) labels[host] = names.join(', ');
  }
  return { counts: split, labels };
}

/**
 * The cost of the stretch between two quiet marks, per 1,000 orders: requests by function and
 * operation, capacity units (from the tables' largest items, scanned now), and the mapping's
 * invocations and records delivered vs filtered out.
 */
export async function costBetween(
  from: CostMark,
  to: CostMark,
  context: { readonly orders: number; readonly stack: StackProcess; readonly counter: RequestCounter; readonly admin: DynamoDBClient },
): Promise<StackCost> {
  const { stack, counter, admin, orders } = context;
  const tables = Object.values(stack.endpoints.tables);
  const facts = await tableFacts(admin, tables);
  const mappingFunction = readMetrics(stack).mappings[0]?.functionName ?? 'the consumer';
  const { counts, labels } = labelCallers(subtractSnapshots(to.counts, from.counts), counter.host, stack.endpoints.functionEndpoints, mappingFunction);
  const scale = (n: number): number => Math.round(((n * 1000) / orders) * 10) / 10;
  const delta = (name: keyof MappingCounts): number => scale(to.mapping[name] - from.mapping[name]);
  return {
    orders,
    callers: perOrders(capacityUnits(counts, facts, labels), orders).filter((c) => c.requests > 0),
    mapping: { Invocations: delta('Invocations'), PolledEventCount: delta('PolledEventCount'), InvokedEventCount: delta('InvokedEventCount'), FilteredOutEventCount: delta('FilteredOutEventCount') },
    maxItemBytes: Object.fromEntries(Object.entries(facts).map(([table, f]) => [table, f.maxItemBytes])),
  };
}
