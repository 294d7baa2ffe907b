import { existsSync, readFileSync } from 'node:fs';

/** CPU time (user + system, ms) used so far by the processes a benchmark runs on. */
export interface CpuSnapshot {
  /** This process: the load generator (and the raw baseline's SDK client). */
  readonly loadGenerator: number;
  /** The stack's main thread: HTTP server, API Gateway emulation, IAM proxies, pollers. */
  readonly stackMain: number;
  /** The stack's other threads: the functions' worker threads (handlers, their SDK clients), GC and libuv. */
  readonly stackOther: number;
  /** DynamoDB Local's JVM. */
  readonly dynamodb: number;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

/**
 * Reads the CPU time of the load generator, the stack (main thread apart, ended threads included) and DynamoDB Local
 * from /proc. Undefined where there is no /proc (not Linux): the breakdown is then left out.
 *
 * @example
 * const before = cpuSnapshot({ stackPid, dynamodbPid });
 * // … run …
 * const used = cpuBetween(before, cpuSnapshot({ stackPid, dynamodbPid }));
 */
export function cpuSnapshot(pids: { readonly stackPid: number; readonly dynamodbPid: number }): CpuSnapshot | undefined {
  if (!existsSync(`/proc/${pids.stackPid}/task/${pids.stackPid}/stat`)) return undefined;
  // The process's own figure includes threads that have ended (a worker ended between two
  // snapshots would otherwise take its time with it, and the difference could go negative).
  const stackMain = ticksOf(`/proc/${pids.stackPid}/task/${pids.stackPid}/stat`);
  const stackOther = ticksOf(`/proc/${pids.stackPid}/stat`) - stackMain;
  const usage = process.cpuUsage();
  return { loadGenerator: (usage.user + usage.system) / 1000, stackMain, stackOther, dynamodb: ticksOf(`/proc/${pids.dynamodbPid}/stat`) };
}

const KEYS = ['loadGenerator', 'stackMain', 'stackOther', 'dynamodb'] as const;
const combine = (f: (key: (typeof KEYS)[number]) => number): CpuSnapshot =>
  Object.fromEntries(KEYS.map((key) => [key, f(key)])) as unknown as CpuSnapshot;

/** The CPU time used between two snapshots; undefined if either is. */
export function cpuBetween(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): CpuSnapshot | undefined {
  return before && after ? combine((key) => after[key] - before[key]) : undefined;
}

/**
 * CPU milliseconds per operation in each part, over several measured runs (rounded to 0.01);
 * undefined unless every run has its CPU time.
 */
export function cpuPerOperation(runs: ReadonlyArray<{ readonly cpu: CpuSnapshot | undefined; readonly completed: number }>): CpuSnapshot | undefined {
  const operations = runs.reduce((n, r) => n + r.completed, 0);
  if (operations === 0 || runs.some((r) => !r.cpu)) return undefined;
  return combine((key) => Math.round((runs.reduce((sum, r) => sum + (r.cpu as CpuSnapshot)[key], 0) / operations) * 100) / 100);
}
