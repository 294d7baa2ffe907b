import path from 'node:path';
import { readResults } from '../results';
import { benchmarkReport } from './markdown';

const committedResults = path.join(__dirname, '../../../../../docs/benchmarks/results.json');

describe('benchmarkReport', () => {
  it('fills every placeholder of its prose from the results, none left as template text', () => {
    // Prepare
    const results = readResults(committedResults);

    // Act
    const report = benchmarkReport(results, undefined);

    // Assess
    expect(report).not.toContain('${');
    expect(report).toContain('the event source mapping emulator (polling every 250 ms)');
  });

  it('names the poll interval a P2 run was given', () => {
    // Prepare
    const results = readResults(committedResults);
    const p2 = results.latest.p2 as NonNullable<typeof results.latest.p2>;
    const withInterval = { ...results, latest: { p2: { ...p2, details: { ...(p2.details as object), options: { ...(p2.details as { options: object }).options, pollIntervalMs: 100 } } } } };

    // Act
    const report = benchmarkReport(withInterval, undefined);

    // Assess
    expect(report).toContain('(polling every 100 ms)');
  });
});
