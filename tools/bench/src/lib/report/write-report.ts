import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { P1Details } from '../p1-orders-throughput';
import type { P2Details } from '../p2-stream-latency';
import type { ResultsFile } from '../results';
import type { SoakDetails } from '../soak-types';
import { benchmarkReport } from './markdown';
import { p1LatencyPlot, p2LatencyPlot } from './plots';
import { soakLatencyPlot, soakRssPlot } from './soak-plots';
import { withBenchmarksSection } from './readme-section';

function writeAtomically(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

/**
 * Writes docs/benchmarks/README.md, its SVG plots, and the "Benchmarks" section of the root
 * README from the results file.
 */
export function writeReport(results: ResultsFile, workspaceRoot: string): void {
  const directory = path.join(workspaceRoot, 'docs', 'benchmarks');
  mkdirSync(directory, { recursive: true });
  const p1 = results.latest.p1 && p1LatencyPlot(results.latest.p1.details as P1Details);
  if (p1) writeAtomically(path.join(directory, 'p1-latency.svg'), p1);
  const p2 = results.latest.p2 && p2LatencyPlot(results.latest.p2.details as P2Details);
  if (p2) writeAtomically(path.join(directory, 'p2-latency.svg'), p2);
  const soak = results.latest.soak?.details as SoakDetails | undefined;
  const soakLatency = soak && soakLatencyPlot(soak);
  if (soakLatency) writeAtomically(path.join(directory, 'soak-latency.svg'), soakLatency);
  const soakRss = soak && soakRssPlot(soak);
  if (soakRss) writeAtomically(path.join(directory, 'soak-rss.svg'), soakRss);
  const findingsFile = path.join(directory, 'findings.md');
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8') : undefined;
  writeAtomically(path.join(directory, 'README.md'), benchmarkReport(results, findings));
  const readme = path.join(workspaceRoot, 'README.md');
  writeAtomically(readme, withBenchmarksSection(readFileSync(readme, 'utf8'), results));
}
