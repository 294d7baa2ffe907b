import type { SoakDetails } from '../soak-types';
import { lineChart } from './svg-chart';

/** The soak, per window (at its end): POST /orders p50 and p99, the mapping's largest IteratorAge and order → replenishment p99. */
export function soakLatencyPlot(details: SoakDetails): string | undefined {
  const windows = details.windows.filter((w) => w.latency !== undefined);
  if (windows.length === 0) return undefined;
  const ages = details.windows.filter((w) => w.iteratorAgeMaxMs !== undefined);
  const lags = details.windows.filter((w) => w.replenishmentLatency !== undefined);
  return lineChart({
    title: `Soak: latency and consumer lag per ${details.options.durationMs / details.options.windows / 1000} s window`,
    xLabel: 'seconds into the load (end of the window)',
    yLabel: 'ms',
    xMin: 0,
    xMax: details.options.durationMs / 1000,
    series: [
      { name: 'POST /orders p50', points: windows.map((w) => ({ x: w.toS, y: w.latency?.p50 ?? 0 })) },
      { name: 'POST /orders p99', points: windows.map((w) => ({ x: w.toS, y: w.latency?.p99 ?? 0 })) },
      { name: 'IteratorAge max', points: ages.map((w) => ({ x: w.toS, y: w.iteratorAgeMaxMs ?? 0 })) },
      { name: 'order → replenishment p99', points: lags.map((w) => ({ x: w.toS, y: w.replenishmentLatency?.p99 ?? 0 })) },
    ],
  });
}

/** The soak: resident memory of the stack's process and of DynamoDB Local's JVM, every sample. */
export function soakRssPlot(details: SoakDetails): string | undefined {
  if (details.rss.length === 0) return undefined;
  return lineChart({
    title: 'Soak: resident memory (VmRSS)',
    xLabel: 'seconds into the load',
    yLabel: 'MB',
    xMin: 0,
    xMax: details.options.durationMs / 1000,
    series: [
      { name: 'stack process', points: details.rss.map((s) => ({ x: s.atS, y: s.stackMb })) },
      { name: 'DynamoDB Local JVM', points: details.rss.map((s) => ({ x: s.atS, y: s.dynamodbMb })) },
    ],
  });
}
