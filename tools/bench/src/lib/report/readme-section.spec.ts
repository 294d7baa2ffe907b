import type { ResultsFile } from '../results';
import { SECTION_END, SECTION_START, withBenchmarksSection } from './readme-section';

const results = (measured: string): ResultsFile => ({
  updatedAt: '2026-11-27T03:00:00.000Z',
  history: [],
  latest: {
    p4: {
      id: 'p4',
      title: 'bundle size and cold module init',
      command: 'npx nx run bench:p4',
      startedAt: '2026-11-27T03:00:00.000Z',
      durationMs: 1000,
      load: { before: [0.5, 0.4, 0.3], after: [0.6, 0.4, 0.3] },
      machine: { cpus: 2, cpuModel: 'test', memoryGb: 1, node: 'v20', java: '17', os: 'Linux', commit: 'abc1234', uncommittedChanges: false },
      targets: [{ name: 'bundle size', target: '≤ 500 kB each', measured, met: true }],
      details: {},
      notes: [],
    },
  },
});

describe('withBenchmarksSection', () => {
  it('appends a Benchmarks section with the figures and the command when there is none', () => {
    // Act
    const readme = withBenchmarksSection('# Shop\n\nText.\n', results('389 kB'));

    // Assess
    expect(readme.startsWith('# Shop\n\nText.\n\n## Benchmarks\n\n')).toBe(true);
    expect(readme).toContain('npx nx run bench:all');
    expect(readme).toContain('| P4 bundle size | ≤ 500 kB each | 389 kB | ✅ met | 2026-11-27 03:00 UTC | 0.5 |');
    expect(readme.trimEnd().endsWith(SECTION_END)).toBe(true);
  });

  it('replaces only what is between its markers on the next run', () => {
    // Prepare
    const first = `${withBenchmarksSection('# Shop\n', results('389 kB'))}\n## Later section\n`;

    // Act
    const second = withBenchmarksSection(first, results('401 kB'));

    // Assess
    expect(second).toContain('401 kB');
    expect(second).not.toContain('389 kB');
    expect(second.split(SECTION_START)).toHaveLength(2);
    expect(second.split('## Benchmarks')).toHaveLength(2);
    expect(second.endsWith('\n## Later section\n')).toBe(true);
  });
});
