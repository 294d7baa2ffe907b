import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadAverage, MachineInfo } from './machine';

export const BenchmarkId = { P1: 'p1', P2: 'p2', P3: 'p3', P4: 'p4', SOAK: 'soak' } as const;
export type BenchmarkId = (typeof BenchmarkId)[keyof typeof BenchmarkId];

/** One benchmark target, and what this run measured against it. */
export interface TargetCheck {
  readonly name: string;
  /** The target as the README's table states it, e.g. `≥ 0.85`. */
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** One run of one benchmark, as stored in `docs/benchmarks/results.json`. */
export interface BenchmarkRun<Details = unknown> {
  readonly id: BenchmarkId;
  readonly title: string;
  readonly command: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Load averages when the run started and ended: the machine is shared. */
  readonly load: { readonly before: LoadAverage; readonly after: LoadAverage };
  readonly machine: MachineInfo;
  readonly targets: readonly TargetCheck[];
  readonly details: Details;
  readonly notes: readonly string[];
}

/** A line of history: enough to see a figure move between runs (e.g. before and after a fix). */
export interface HistoryEntry {
  readonly id: BenchmarkId;
  readonly startedAt: string;
  readonly commit: string;
  readonly load1: number;
  readonly targets: ReadonlyArray<Pick<TargetCheck, 'name' | 'measured' | 'met'>>;
}

export interface ResultsFile {
  readonly updatedAt: string;
  /** The latest run of each benchmark. */
  readonly latest: Partial<Record<BenchmarkId, BenchmarkRun>>;
  /** Every run, oldest first (kept to the last 50). */
  readonly history: readonly HistoryEntry[];
}

const EMPTY: ResultsFile = { updatedAt: new Date(0).toISOString(), latest: {}, history: [] };

export function readResults(file: string): ResultsFile {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : EMPTY;
}

/**
 * Records a run as the latest of its benchmark and in the history; writes the file atomically.
 *
 * @example
 * const results = recordRun('docs/benchmarks/results.json', run);
 */
export function recordRun(file: string, run: BenchmarkRun): ResultsFile {
  const previous = readResults(file);
  const entry: HistoryEntry = {
    id: run.id,
    startedAt: run.startedAt,
    commit: run.machine.commit,
    load1: run.load.before[0],
    targets: run.targets.map(({ name, measured, met }) => ({ name, measured, met })),
  };
  const next: ResultsFile = {
    updatedAt: new Date().toISOString(),
    latest: { ...previous.latest, [run.id]: run },
    history: [...previous.history, entry].slice(-50),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return next;
}
