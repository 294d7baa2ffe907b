import { DEFAULT_POLL_INTERVAL_MS } from '@shop/tools-local-stack';
import type { P1Details } from '../p1-orders-throughput';
import type { P2Details } from '../p2-stream-latency';
import type { P3Details, P3RunDetails, P3Variant } from '../p3-consumer-drain';
import { p2CostSection } from './cost-section';
import type { P4Details } from '../p4-bundles';
import type { SoakDetails } from '../soak-types';
import { soakSection } from './soak-section';
import type { BenchmarkRun, ResultsFile, TargetCheck } from '../results';
import type { CpuSnapshot } from '../process-cpu';
import type { LatencySummary } from '../stats';

const ms = (summary: LatencySummary | undefined): string => (summary ? `${summary.p50} / ${summary.p95} / ${summary.p99}` : '—');
const cpu = (snapshot: CpuSnapshot | undefined): string =>
  snapshot ? [snapshot.loadGenerator, snapshot.stackMain, snapshot.stackOther, snapshot.dynamodb].map((n) => n.toFixed(2)).join(' · ') : '—';
const load = (run: Pick<BenchmarkRun, 'load'>): string => `${run.load.before[0]} → ${run.load.after[0]}`;
const met = (target: TargetCheck): string => (target.met ? '✅ met' : '❌ missed');
const table = (header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** The summary table: every target of every benchmark's latest run. */
export function summaryTable(results: ResultsFile): string {
  const runs = Object.values(results.latest).sort((a, b) => a.id.localeCompare(b.id));
  const rows = runs.flatMap((run) =>
    run.targets.map((target) => [`${run.id.toUpperCase()} ${target.name}`, target.target, target.measured, met(target), `${run.startedAt.slice(0, 16).replace('T', ' ')} UTC`, run.load.before[0]]),
  );
  return table(['benchmark', 'target', 'measured', '', 'run (UTC)', 'load avg (1 min)'], rows);
}

function runHeader(run: BenchmarkRun): string {
  return [
    `Run ${run.startedAt.replace('T', ' ').slice(0, 19)} UTC with \`${run.command}\`, ${Math.round(run.durationMs / 1000)} s, load average ${load(run)} ` +
      `(${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node}, Java ${run.machine.java}, commit ${run.machine.commit}${run.machine.uncommittedChanges ? ' + uncommitted changes' : ''}).`,
    ...run.notes.map((note) => `> ${note}`),
  ].join('\n\n');
}

function p1Section(run: BenchmarkRun<P1Details>): string {
  const { details } = run;
  const peer = details.peer && !('unavailable' in details.peer) ? details.peer : undefined;
  const tables = details.modes.map(({ iam, cells }) => {
    const withPeer = cells.some((c) => c.peer || c.peerFailure);
    const header = withPeer
      ? ['concurrency', 'API orders/s', 'serverless-offline orders/s', 'raw orders/s', 'API / serverless-offline', 'API / raw', 'API p50 / p95 / p99 ms', 'serverless-offline p50 / p95 / p99 ms', 'raw p50 / p95 / p99 ms', 'load']
      : ['concurrency', 'API orders/s', 'raw orders/s', 'ratio', 'API p50 / p95 / p99 ms', 'raw p50 / p95 / p99 ms', 'load'];
    const rows = cells.map((c) =>
      withPeer
        ? [c.concurrency, c.api.throughput, c.peer?.throughput ?? (c.peerFailure ? `failed (${/"errorType":"([^"]+)"/.exec(c.peerFailure)?.[1] ?? c.peerFailure.slice(0, 80)})` : '—'), c.raw.throughput, c.peerRatio ?? '—', c.ratio, ms(c.api.latency), ms(c.peer?.latency), ms(c.raw.latency), `${c.load.before[0]} → ${c.load.after[0]}`]
        : [c.concurrency, c.api.throughput, c.raw.throughput, c.ratio, ms(c.api.latency), ms(c.raw.latency), `${c.load.before[0]} → ${c.load.after[0]}`],
    );
    const total = (snapshot: CpuSnapshot | undefined): string => (snapshot ? (snapshot.loadGenerator + snapshot.stackMain + snapshot.stackOther + snapshot.dynamodb).toFixed(2) : '—');
    const cpuRows = cells.flatMap((c) => [
      [c.concurrency, 'local API', cpu(c.api.cpuPerOrder), total(c.api.cpuPerOrder)],
      ...(c.peer ? [[c.concurrency, 'serverless-offline', cpu(c.peer.cpuPerOrder), total(c.peer.cpuPerOrder)]] : []),
      [c.concurrency, 'raw', cpu(c.raw.cpuPerOrder), total(c.raw.cpuPerOrder)],
    ]);
    return [
      `**IAM ${iam}**${iam === 'enforce' ? ' (what `npm start` runs)' : ' (no IAM proxy in front of DynamoDB Local)'}`,
      '',
      table(header, rows),
      '',
      table(['concurrency', 'side', 'CPU ms/order: load generator · server main thread · server other threads · DynamoDB Local', 'total'], cpuRows),
    ].join('\n');
  });
  const peerText = peer
    ? `side by side with **serverless-offline ${peer.versions['serverless-offline']}** (serverless ${peer.versions['serverless']}, installed on demand into a scratch folder) serving the same bundle from \`dist/\` ` +
      '(checked byte for byte against the deployment package) on the same DynamoDB Local, from a serverless.yml generated from the synth (routes, handler, timeout, memory, environment, ' +
      'and its HTTP API JWT authorizer with the synth\'s issuer and audience, run with `--ignoreJWTSignature`: it checks issuer, audience, expiry and scopes but not the signature, which the local API does check), and '
    : details.peer && 'unavailable' in details.peer
      ? `(serverless-offline was **not** measured in this run: ${details.peer.unavailable}) and `
      : '';
  return [
    '## P1 — orders throughput: local API vs serverless-offline vs raw TransactWriteItems',
    runHeader(run),
    `\`POST /orders\` with a bearer token through the local stack (HTTP server → JWT authorizer → API Gateway 2.0 event → the orders-api bundle in its Lambda worker → IAM proxy → DynamoDB), ${peerText}against the **same** ` +
      `TransactWriteItems (${details.transactionItems} items, captured from the API itself through a recording proxy, so it cannot drift) sent straight to the same ` +
      `DynamoDB Local with the SDK. Closed loop, ${details.options.durationMs / 1000} s per run after ${details.options.warmupMs / 1000} s of warm-up (${details.peer ? 'ramped up from concurrency 1 by doubling; 1 s before each later run' : 'before each run'}), the sides taking turns ` +
      `${details.options.rounds}× (ABBA); throughput is the median of the rounds, latencies pool them. Orders spread over ${details.options.products} products whose stock never runs out. ` +
      (details.dynamodbWarmup
        ? `Before the first cell DynamoDB Local ran the raw transaction at concurrency 8 until two successive 2 s windows agreed within 5 % (its JVM compiles its hot paths under load): ${details.dynamodbWarmup.windows.join(', ')} orders/s${details.dynamodbWarmup.steady ? '' : ' — **not steady** when it gave up'}. `
        : '') +
      'CPU ms/order (from /proc, over the measured runs) reads: load generator (for raw, the SDK client) · the server\'s main thread (local stack: HTTP server, JWT authorizer, API Gateway and Lambda emulation, IAM proxies, pollers; ' +
      "serverless-offline: its HTTP server and Lambda emulation) · the server's other threads (the functions' worker threads, GC; the local stack also runs the stream consumer) · DynamoDB Local's JVM.",
    ...tables,
    '![P1 latency](p1-latency.svg)',
  ].join('\n\n');
}

function p2Section(run: BenchmarkRun<P2Details>): string {
  const { details } = run;
  // Runs recorded before the shared poller have no latency from the 201.
  const sharedPoller = details.steps.some((s) => s.latencyFromAnswer !== undefined);
  return [
    '## P2 — stream → replenishment latency',
    runHeader(run),
    `Orders at a fixed rate (open loop, ${details.options.seconds} s per rate), each taking a fresh product from its threshold to below it, so each causes exactly one ` +
      `replenishment through the Products stream, the event source mapping emulator (polling every ${details.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS} ms) and the consumer. Latency runs from sending the order (before ` +
      'its commit) to the replenishment\'s `createdAt` (stamped by the consumer just before its conditional transaction). ' +
      (sharedPoller
        ? 'The createdAt are read after the run: nothing polls per order. Both ends are this machine\'s wall clock (`Date.now()` in the benchmark and in the ' +
          'stack\'s process). "From the 201" subtracts the order\'s own API latency: commit → replenishment lies between the two. ' +
          `One order in ${details.options.sampleEvery} is also watched by one shared poller (one Query on the replenishment table's \`byProductId\` index in flight ` +
          'at a time, whatever the latency) until its replenishment can be read: that column checks the first.'
        : `One order in ${details.options.sampleEvery} was also watched in DynamoDB Local (a Query on the replenishment table's \`byProductId\` index every 10 ms, ` +
          'a poller per sampled order, as this run still did) until its replenishment could be read: that column checks the first.'),
    table(
      ['orders/s', 'orders', 'p50 / p95 / p99 ms', 'max ms', 'from the 201: p50 / p95 / p99 ms', 'readable (sampled) p50 / p95 / p99 ms', 'order API p50 / p95 / p99 ms', 'scheduler lag ms', 'load'],
      details.steps.map((s) => [s.rate, s.orders, ms(s.latency), s.latency.max, ms(s.latencyFromAnswer), ms(s.visibleLatency), ms(s.orderLatency), s.maxStartLagMs, `${s.load.before[0]} → ${s.load.after[0]}`]),
    ),
    '![P2 latency by percentile](p2-latency.svg)',
    ...[p2CostSection(details.steps)].filter((section) => section !== ''),
  ].join('\n\n');
}

function p3Variant(details: P3Variant | P3Details): string {
  const label = 'label' in details ? `### Backlog ${details.label}\n\n` : '';
  const floor = details.shortfalls > 0;
  return (
    label +
    table(
      [
        'IAM',
        'raw records/s',
        'emulator + handler records/s',
        'ratio',
        'ratio against the raw drain parsing as sent',
        ...(floor ? ['(raw + the same transactions raw) / emulator + handler', '(raw + the orders alone put raw) / emulator + handler'] : []),
        'rounds: raw ms (parsing as sent) / emulator + handler ms (inside invocations; first invocation done after) / invocations' +
          (floor ? ' / transactions created + superseded / the same transactions raw ms / the orders alone put raw ms' : '') +
          ' / load',
      ],
      details.modes.map((m) => [
        m.iam,
        m.rawRate,
        m.emulatorRate,
        m.ratio,
        m.asSentRatio ?? '—',
        ...(floor ? [m.floorRatio ?? '—', m.putFloorRatio ?? '—'] : []),
        m.rounds
          .map(
            (r) =>
              `${r.rawMs}${r.rawAsSentMs === undefined ? '' : ` (${r.rawAsSentMs})`} / ${r.emulatorMs} (${r.handlerMs ?? '—'}; ${r.firstInvocationMs ?? '—'}) / ${r.invocations}` +
              (floor ? ` / ${r.transactions ? `${r.transactions.created} + ${r.transactions.superseded}` : '—'} / ${r.writeFloorMs ?? '—'} / ${r.putFloorMs ?? '—'}` : '') +
              ` / ${r.load[0]}`,
          )
          .join('; '),
      ]),
    )
  );
}

function p3Section(run: BenchmarkRun<P3RunDetails | P3Details>): string {
  const variants: ReadonlyArray<P3Variant | P3Details> = 'variants' in run.details ? run.details.variants : [run.details];
  const [first] = variants;
  if (!first) return '## P3 — consumer drain: emulator + handler vs raw GetRecords\n\n(no figures)';
  return [
    '## P3 — consumer drain: emulator + handler vs raw GetRecords',
    runHeader(run),
    'Production backlogs (`writer: production`) are written by the stack itself: products created through the API and one order each, the consumer placing ' +
      'a replenishment for each while live; then, with the mapping disabled, per product 10 orders, the receipt of its replenishment and 30 more orders (the ' +
      "20th falls short, the 10 after it show the shortfall without the order the consumer has yet to place) or 19 (nothing short); the drain resumes from the " +
      "live consumer's checkpoints. Synthetic backlogs put product items straight into the table. " +
      `A backlog (the first: ${first.records} Products stream records, ${first.options.products} products × ${first.options.versions} changes) is drained by the event source mapping ` +
      "emulator and the real consumer bundle (the stack started in-process on the backlog, TRIM_HORIZON with fresh checkpoints or the live consumer's, with one warm " +
      'instance of each function as `npm start` starts it; timed from the end of the start until the mapping has invoked every record), against a raw drain of the same stream (GetRecords, 1,000 records a call, parent ' +
      'shards first, the SDK deserializing the pages: the yardstick of the targets), and beside it the same raw drain parsing the pages as DynamoDB sent them (one ' +
      '`JSON.parse`, as the emulator has read them since the sixth pass). ' +
      `Alternating, ${first.options.rounds} rounds per IAM mode; rates are medians. ` +
      variants.map((v) => `${'label' in v ? `"${v.label}"` : 'The backlog'}: ${v.shortfalls} shortfalls → replenishment orders.`).join(' ') +
      ' Where there are writes, "the same transactions raw" sends, for each replenishment order the consumer wrote, the request it sends for it (one TransactWriteItems: ' +
      "the order's conditional put and the product's update on its version), 16 at once, into copies of the two tables: DynamoDB Local needs that time on top of the raw " +
      'drain, whatever the consumer does. "The orders alone put raw" (the floor reported before) puts only the orders, into an empty copy of their table: less than the consumer must write.',
    ...variants.map(p3Variant),
  ].join('\n\n');
}

function p4Section(run: BenchmarkRun<P4Details>): string {
  const { details } = run;
  return [
    '## P4 — bundles: size and cold module init',
    runHeader(run),
    `Each function of the dev synth: the bundle its deployment package ships (checked against the zip), and \`require()\` of it in a fresh Node ${details.node} process with ` +
      `the function's synthesized environment, ${details.options.samples} times. Lambda runs them on nodejs24.x, arm64; here it is Node ${details.node} on ${run.machine.cpuModel}.`,
    table(
      ['function', 'bundle', 'size kB', 'gzip kB', 'init wall p50 / p95 / p99 ms', 'init CPU p50 ms'],
      details.bundles.map((b) => [b.functionName, `\`${b.bundle}\``, (b.bytes / 1000).toFixed(1), (b.gzipBytes / 1000).toFixed(1), ms(b.init), b.initCpu.p50]),
    ),
  ].join('\n\n');
}

/**
 * `docs/benchmarks/README.md`: the summary, one section per benchmark's latest run, the
 * hand-written findings (`docs/benchmarks/findings.md`) and the recent history.
 */
export function benchmarkReport(results: ResultsFile, findings: string | undefined): string {
  const { p1, p2, p3, p4, soak } = results.latest;
  const history = results.history.slice(-12).reverse();
  return [
    '# Benchmarks',
    '<!-- Generated by tools/bench (npx nx run bench:report); edit findings.md, not this file. -->',
    'Measured on this machine against its physical limit, Amazon DynamoDB Local, with `npx nx run bench:all` (or one of `bench:p1` … `bench:p4`; the 300 s soak: `bench:soak`). ' +
      'Every run records the machine and its load average: the machine is shared, and figures taken under load say so. Raw figures: [results.json](results.json).',
    summaryTable(results),
    ...(p1 ? [p1Section(p1 as BenchmarkRun<P1Details>)] : []),
    ...(p2 ? [p2Section(p2 as BenchmarkRun<P2Details>)] : []),
    ...(p3 ? [p3Section(p3 as BenchmarkRun<P3RunDetails | P3Details>)] : []),
    ...(p4 ? [p4Section(p4 as BenchmarkRun<P4Details>)] : []),
    ...(soak ? [soakSection(soak as BenchmarkRun<SoakDetails>, runHeader(soak))] : []),
    ...(findings ? [findings.trim()] : []),
    '## History',
    table(
      ['run (UTC)', 'benchmark', 'commit', 'load', 'figures'],
      history.map((h) => [h.startedAt.slice(0, 16).replace('T', ' '), h.id.toUpperCase(), h.commit, h.load1, h.targets.map((t) => `${t.name}: ${t.measured}${t.met ? '' : ' (missed)'}`).join('; ')]),
    ),
  ].join('\n\n') + '\n';
}
