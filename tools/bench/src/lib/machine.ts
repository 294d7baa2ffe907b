import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The 1-, 5- and 15-minute load averages, rounded to 0.01. */
export type LoadAverage = readonly [number, number, number];

export function loadAverage(): LoadAverage {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg().map((n) => Math.round(n * 100) / 100);
  return [one, five, fifteen];
}

/** What the figures were measured on: they mean little without it. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly java: string;
  readonly os: string;
  /** The commit the workspace was at, and whether files differed from it (others work in the same checkout). */
  readonly commit: string;
  readonly uncommittedChanges: boolean;
}

export function machineInfo(workspaceRoot: string): MachineInfo {
  const run = (command: string, args: string[]): string => {
    const result = spawnSync(command, args, { cwd: workspaceRoot, encoding: 'utf8' });
    return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  };
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    java: /version "([^"]+)"/.exec(run('java', ['-version']))?.[1] ?? 'unknown',
    os: `${os.type()} ${os.release()}`,
    commit: run('git', ['rev-parse', '--short', 'HEAD']) || 'unknown',
    // The benchmarks' own output (results, reports, the README section) does not count: `bench:all` writes it between benchmarks.
    uncommittedChanges: run('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks', ':!README.md']).length > 0,
  };
}
