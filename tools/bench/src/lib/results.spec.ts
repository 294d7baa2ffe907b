import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readResults, recordRun, type BenchmarkRun } from './results';

const run = (id: 'p1' | 'p2', startedAt: string, measured: string): BenchmarkRun => ({
  id,
  title: id,
  command: `npx nx run bench:${id}`,
  startedAt,
  durationMs: 1,
  load: { before: [1.5, 1, 1], after: [1, 1, 1] },
  machine: { cpus: 2, cpuModel: 'test', memoryGb: 1, node: 'v20', java: '17', os: 'Linux', commit: 'abc1234', uncommittedChanges: true },
  targets: [{ name: 'ratio', target: '≥ 0.85', measured, met: false }],
  details: {},
  notes: [],
});

describe('recordRun', () => {
  it('keeps the latest run of each benchmark and every run in the history', () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-results-')), 'results.json');

    // Act
    recordRun(file, run('p1', '2026-11-27T01:00:00.000Z', '0.5'));
    recordRun(file, run('p2', '2026-11-27T02:00:00.000Z', '300 ms'));
    const results = recordRun(file, run('p1', '2026-11-27T03:00:00.000Z', '0.9'));

    // Assess
    expect(readResults(file)).toEqual(results);
    expect(results.latest.p1?.startedAt).toBe('2026-11-27T03:00:00.000Z');
    expect(results.latest.p2?.targets[0]?.measured).toBe('300 ms');
    expect(results.history.map((h) => [h.id, h.targets[0]?.measured, h.load1])).toEqual([
      ['p1', '0.5', 1.5],
      ['p2', '300 ms', 1.5],
      ['p1', '0.9', 1.5],
    ]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('reads a missing file as no results', () => {
    expect(readResults(path.join(tmpdir(), 'does-not-exist', 'results.json'))).toMatchObject({ latest: {}, history: [] });
  });
});
