import type { BenchmarkRun } from '../results';
import { rssSettleSeconds } from '../soak-targets';
import type { SoakDetails } from '../soak-types';

const table = (header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
const or = (value: number | undefined): string | number => value ?? '—';

/**
 * The soak's section of the benchmark report: how it loads the stack, one row per window, the
 * memory slopes, the catch-up and the end state, and its two plots. `header` is the run's line
 * (when, which command, the machine and its load), as every section starts.
 */
export function soakSection(run: BenchmarkRun<SoakDetails>, header: string): string {
  const { details } = run;
  const { options: o, totals, finalCheck } = details;
  const settleS = rssSettleSeconds(o);
  return [
    `## Soak — ${o.durationMs / 1000} s of steady load`,
    header,
    `The stack as \`npm start\` runs it (its own process, IAM ${o.iam ?? 'enforce'}) on its own DynamoDB Local. ${o.products} products (threshold ${o.reorderThreshold}, lot ${o.amountToReplenish}, ` +
      `stocks spread from ${o.reorderThreshold + 1} to ${o.stock} so shortfalls come at a steady rate from the start); \`POST /orders\` of 1 unit at ${o.ratePerSecond}/s (open loop) ` +
      `to products drawn at random (seed ${o.seed}); a warehouse loop lists the PENDING replenishments every ${o.warehouseEveryMs / 1000} s and receives those older than ${o.receiveAfterMs / 1000} s, ` +
      `so every product falls short again and again. Before the clock starts the orders ramp up for ${o.warmupMs / 1000} s (a quarter of the rate, half, then all of it: ` +
      `${details.warmup.orders} orders, p50 / p99 ${details.warmup.latency ? `${details.warmup.latency.p50} / ${details.warmup.latency.p99}` : '—'} ms, in no window), so the windows show the stack warm. Per window of ${o.durationMs / o.windows / 1000} s: the orders sent in it and their latency, the replenishments the consumer ` +
      `(${details.mappingFunction}) created in it, and for the orders of the window that took a product below its threshold, the time from sending the order to its ` +
      "replenishment's `createdAt` (attributed after the run from the sales, the receipts' answers and each product's starting stock: no request more), the receipts, " +
      'the largest IteratorAge the mapping reported (metrics.json, rewritten every second; on DynamoDB Local, whose stream times are rounded to the minute, it counts from ' +
      'when the poller read a record, so it shows records waiting inside the mapping, not in the stream) and the resident memory ' +
      `(VmRSS, read every ${o.rssEveryMs / 1000} s) of the stack's process (HTTP server, IAM proxies, the mapping's poller, the function worker threads: a step in its threads is a function instance more) and of DynamoDB Local's JVM ` +
      '(which holds the data, so it grows with it: reported, no target).',
    table(
      [
        'window (s)',
        'orders',
        'out of stock (409)',
        'POST /orders p50 / p99 ms',
        'replenishments created',
        'order → replenishment p50 / p99 ms (orders)',
        'receipts',
        'IteratorAge max ms',
        'stack RSS MB (threads)',
        'DynamoDB Local RSS MB',
      ],
      details.windows.map((w) => [
        `${w.fromS}–${w.toS}`,
        w.ordersSent,
        w.outOfStock,
        w.latency ? `${w.latency.p50} / ${w.latency.p99}` : '—',
        w.replenishmentsCreated,
        w.replenishmentLatency ? `${w.replenishmentLatency.p50} / ${w.replenishmentLatency.p99} (${w.replenishmentLatency.count})` : '—',
        w.receipts,
        or(w.iteratorAgeMaxMs),
        w.stackRssMb === undefined ? '—' : `${w.stackRssMb} (${w.stackThreads})`,
        or(w.dynamodbRssMb),
      ]),
    ),
    `Memory after the first ${settleS} s (least squares): the stack ${details.stackRssSlopeMbPerMinute ?? '—'} MB/min, DynamoDB Local's JVM ${details.dynamodbRssSlopeMbPerMinute ?? '—'} MB/min. ` +
      `All orders: p50 / p95 / p99 ${details.orderLatency.p50} / ${details.orderLatency.p95} / ${details.orderLatency.p99} ms, max ${details.orderLatency.max} ms; the scheduler sent one at most ${details.maxStartLagMs} ms late. ` +
      `${totals.ordersSent} orders (${totals.placed} placed, ${totals.outOfStock} out of stock), ${totals.replenishments} replenishments (${totals.replenishmentsAfterLoad} after the last order), ${totals.receipts} receipts. ` +
      `Order → replenishment: ${details.replenishmentLatency ? `p50 / p95 / p99 ${details.replenishmentLatency.p50} / ${details.replenishmentLatency.p95} / ${details.replenishmentLatency.p99} ms, max ${details.replenishmentLatency.max} ms` : '—'} ` +
      `(${details.attribution.attributed} attributed${details.attribution.productsLeftOut.length > 0 ? `; ${details.attribution.productsLeftOut.length} products left out, their shortfalls and replenishments not one to one` : ''}). ` +
      `The mapping caught up ${details.catchUpMs === undefined ? 'never' : `${Math.round(details.catchUpMs / 100) / 10} s`} after the load. At the end, once the stack was quiet: ` +
      `${finalCheck.short} of ${finalCheck.products} products short, ${finalCheck.pending} PENDING replenishments, none twice for a product and \`onOrder\` equal to what is pending.`,
    '![Soak latency per window](soak-latency.svg)',
    '![Soak memory](soak-rss.svg)',
  ].join('\n\n');
}
