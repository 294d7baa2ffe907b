import { p1Targets } from './benchmarks';
import type { P1Cell, P1Details, P1Side } from './p1-orders-throughput';
import { isSteady, sideOrder, warmUntilSteady } from './p1-orders-throughput';

const sideAt = (throughput: number): P1Side => ({ throughput, cpuPerOrder: undefined, rounds: [throughput], latency: { count: 1, min: 1, p50: 1, p95: 1, p99: 1, max: 1, mean: 1 } });
const cell = (concurrency: number, api: number, peer: number | undefined, raw: number): P1Cell => ({
  concurrency,
  api: sideAt(api),
  raw: sideAt(raw),
  ratio: Math.round((api / raw) * 1000) / 1000,
  ...(peer !== undefined && { peer: sideAt(peer), peerRatio: Math.round((api / peer) * 1000) / 1000 }),
  load: { before: [1, 1, 1], after: [1, 1, 1] },
});
const details = (cells: P1Cell[], peer: P1Details['peer']): P1Details => ({
  options: { concurrencies: [1, 8, 32], durationMs: 1, warmupMs: 1, rounds: 1, iamModes: ['enforce'], products: 1, peer: true },
  transactionItems: 2,
  peer,
  modes: [{ iam: 'enforce', cells }],
});

describe('p1Targets', () => {
  it('wants 1.2 × serverless-offline at concurrency 1 and 8 and at least as much at 32', () => {
    // Prepare
    const versions = { versions: { serverless: '3.40.0', 'serverless-offline': '13.10.1' } };

    // Act
    const met = p1Targets(details([cell(1, 120, 100, 130), cell(8, 240, 200, 250), cell(32, 200, 200, 210)], versions));
    const missed = p1Targets(details([cell(1, 119, 100, 200), cell(8, 240, 200, 300), cell(32, 200, 200, 210)], versions));

    // Assess
    expect(met.map((t) => [t.name, t.met])).toEqual([
      ['API/raw throughput ratio (IAM enforce)', true],
      ['API/serverless-offline throughput ratio (IAM enforce)', true],
    ]);
    expect(met[1]?.measured).toBe('c1: 1.2, c8: 1.2, c32: 1');
    expect(missed[1]?.met).toBe(false);
  });

  it('reports a peer that could not run as a missed target saying why', () => {
    // Act
    const [, peer] = p1Targets(details([cell(1, 120, undefined, 200)], { unavailable: 'npm install serverless@3 serverless-offline@13 failed' }));

    // Assess
    expect(peer).toEqual(expect.objectContaining({ met: false, measured: 'not measured: npm install serverless@3 serverless-offline@13 failed' }));
  });

  it('leaves the peer target out of a run that did not try it (older results)', () => {
    // Act
    const targets = p1Targets(details([cell(1, 120, undefined, 200)], undefined));

    // Assess
    expect(targets.map((t) => t.name)).toEqual(['API/raw throughput ratio (IAM enforce)']);
  });
});

describe('sideOrder', () => {
  it('runs the sides forwards, then backwards, so none is always first', () => {
    // Act
    const orders = [0, 1, 2].map((round) => sideOrder(round, ['api', 'peer', 'raw']));

    // Assess
    expect(orders).toEqual([
      ['api', 'peer', 'raw'],
      ['raw', 'peer', 'api'],
      ['api', 'peer', 'raw'],
    ]);
  });
});

describe('the warm-up of DynamoDB Local', () => {
  it('is steady only after five windows with the last two within 5 %', () => {
    expect(isSteady([100, 200, 300, 310])).toBe(false);
    expect(isSteady([100, 200, 300, 310, 320])).toBe(true);
    expect(isSteady([100, 200, 300, 310, 340])).toBe(false);
    expect(isSteady([])).toBe(false);
  });

  it('runs until steady, and stops at its limit when the rate keeps changing', async () => {
    const constant = await warmUntilSteady(() => new Promise((resolve) => setTimeout(resolve, 2)), { concurrency: 2, maxMs: 2_000, windowMs: 60 });
    expect(constant.windows.length).toBeGreaterThanOrEqual(5);
    expect(constant.windows.length).toBeLessThan(2_000 / 60);
    let delay = 1;
    const slowing = await warmUntilSteady(() => new Promise((resolve) => setTimeout(resolve, (delay *= 1.5))), { concurrency: 1, maxMs: 300, windowMs: 50 });
    expect(slowing).toEqual({ windows: expect.any(Array), steady: false });
    expect(slowing.windows).toHaveLength(6);
  });
});
