/**
 * The benchmarks of the shop on this machine (Nx targets bench:p1 … bench:p4, bench:soak, bench:all):
 *
 *   tsx tools/bench/src/cli.ts p1|p2|p3|p4|soak|all [--quick] [--no-record] [--no-peer]
 *   tsx tools/bench/src/cli.ts report          (regenerates the report from results.json)
 *
 * `all` runs P4, P1, P2 and P3; the soak (300 s of steady load: API latency, the consumer's lag and
 * the stack's memory stay flat) runs on its own, `soak` (its --quick is 30 s).
 *
 * Each run is recorded in docs/benchmarks/results.json (with the machine and its load average),
 * then docs/benchmarks/README.md, its SVG plots and the "Benchmarks" section of the root README
 * are regenerated. --quick runs a short version (a smoke test of the tool, not figures to quote).
 * --no-record prints the figures without touching results.json or the reports (for trying a change).
 * --no-peer leaves serverless-offline out of P1 (it is installed on demand otherwise).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchError } from './lib/errors';
import { loadAverage, machineInfo } from './lib/machine';
import { writeReport } from './lib/report/write-report';
import { recordRun, readResults, type BenchmarkId, type BenchmarkRun } from './lib/results';
import { BENCHMARKS } from './lib/benchmarks';
import { workspaceRoot } from './lib/workspace-root';

const RESULTS_FILE = path.join(workspaceRoot, 'docs', 'benchmarks', 'results.json');

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { quick: { type: 'boolean', default: false }, 'no-record': { type: 'boolean', default: false }, 'no-peer': { type: 'boolean', default: false } } });
  const [command = 'all'] = positionals;
  const log = (line: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
  if (command === 'report') {
    writeReport(readResults(RESULTS_FILE), workspaceRoot);
    log('report regenerated from results.json');
    return;
  }
  // `all` measures cold init (P4) first, on a machine no earlier benchmark's JVM and stack are still leaving.
  const ids: BenchmarkId[] = command === 'all' ? ['p4', 'p1', 'p2', 'p3'] : [command as BenchmarkId];
  for (const id of ids) {
    const benchmark = BENCHMARKS[id];
    if (!benchmark) throw new BenchError(`unknown benchmark "${command}": use p1, p2, p3, p4, soak, all or report`);
    const started = Date.now();
    const before = loadAverage();
    log(`${id.toUpperCase()} ${benchmark.title}: starting (load average ${before.join(' ')})`);
    const flags = [...(values.quick ? ['--quick'] : []), ...(values['no-peer'] && id === 'p1' ? ['--no-peer'] : [])];
    const outcome = await benchmark.run({ quick: values.quick as boolean, peer: !values['no-peer'], log });
    const run: BenchmarkRun = {
      id,
      title: benchmark.title,
      command: `npx nx run bench:${id}${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      load: { before, after: loadAverage() },
      machine: machineInfo(workspaceRoot),
      targets: outcome.targets,
      details: outcome.details,
      notes: [...(values.quick ? ['--quick: a short run to check the tool, not figures to quote'] : []), ...outcome.notes],
    };
    if (!values['no-record']) writeReport(recordRun(RESULTS_FILE, run), workspaceRoot);
    for (const target of run.targets) log(`${id.toUpperCase()} ${target.name}: ${target.measured} (target ${target.target}) ${target.met ? 'met' : 'MISSED'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
