import { distribution, median, percentile, summarize } from './stats';

describe('percentile', () => {
  it('uses the nearest rank: the smallest value with at least p % of the sample at or below it', () => {
    // Prepare
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

    // Act / Assess
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([5, 7], 50)).toBe(5);
  });

  it('refuses an empty sample and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow('empty sample');
    expect(() => percentile([1], 101)).toThrow('within 0..100');
    expect(() => percentile([1], Number.NaN)).toThrow('within 0..100');
  });
});

describe('summarize', () => {
  it('summarizes an unsorted sample without changing it', () => {
    // Prepare
    const sample = [30, 10, 20, 40];

    // Act
    const summary = summarize(sample);

    // Assess
    expect(summary).toEqual({ count: 4, min: 10, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
    expect(sample).toEqual([30, 10, 20, 40]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('distribution', () => {
  it('gives the value at each percentile, ending at the maximum', () => {
    // Act
    const points = distribution([1, 2, 3, 4], 4);

    // Assess
    expect(points).toEqual([
      { percentile: 25, value: 1 },
      { percentile: 50, value: 2 },
      { percentile: 75, value: 3 },
      { percentile: 100, value: 4 },
    ]);
  });
});
