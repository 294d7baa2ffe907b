import type { P1Details } from '../p1-orders-throughput';
import type { P2Details } from '../p2-stream-latency';
import { barChart, lineChart } from './svg-chart';

/** P1: p50 and p99 latency of the API and of the raw transaction, per concurrency (the headline IAM mode). */
export function p1LatencyPlot(details: P1Details): string | undefined {
  const [mode] = details.modes;
  if (!mode) return undefined;
  return barChart({
    title: `P1 order latency: local API${mode.cells.some((cell) => cell.peer) ? ' vs serverless-offline' : ''} vs raw TransactWriteItems (IAM ${mode.iam})`,
    yLabel: 'latency (ms)',
    groups: mode.cells.map((cell) => ({
      label: `concurrency ${cell.concurrency}`,
      bars: [
        { name: 'API p50', value: cell.api.latency.p50 },
        { name: 'API p99', value: cell.api.latency.p99 },
        ...(cell.peer ? [{ name: 'serverless-offline p50', value: cell.peer.latency.p50 }, { name: 'serverless-offline p99', value: cell.peer.latency.p99 }] : []),
        { name: 'raw p50', value: cell.raw.latency.p50 },
        { name: 'raw p99', value: cell.raw.latency.p99 },
      ],
    })),
  });
}

/** P2's plot stops at twice the target, so the lines that meet it stay readable. */
const Y_MAX_MS = 1000;

/** P2: latency at each percentile, one line per order rate, with the 500 ms p99 target. */
export function p2LatencyPlot(details: P2Details): string | undefined {
  if (details.steps.length === 0) return undefined;
  const clipped = details.steps.some((step) => step.latency.max > Y_MAX_MS);
  return lineChart({
    title: `P2 order → replenishment latency by percentile${clipped ? ` (> ${Y_MAX_MS} ms at the top)` : ''}`,
    yMax: Y_MAX_MS,
    xLabel: 'percentile of orders',
    yLabel: 'latency (ms)',
    xMin: 0,
    xMax: 100,
    series: details.steps.map((step) => ({ name: `${step.rate} orders/s`, points: [{ x: 0, y: step.latency.min }, ...step.distribution.map((p) => ({ x: p.percentile, y: p.value }))] })),
    references: [{ y: 500, label: 'p99 target 500 ms' }],
  });
}
