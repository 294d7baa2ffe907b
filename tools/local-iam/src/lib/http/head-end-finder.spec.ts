import { HeadEndFinder } from './head-end-finder';

const head = 'POST / HTTP/1.1\r\nHost: x\r\n\r\n';

/** Feeds `text` cut at `cuts`; returns the absolute offset where the finder says the head ends, or -1. */
function findIn(text: string, cuts: readonly number[]): number {
  const finder = new HeadEndFinder();
  const bounds = [0, ...cuts, text.length];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const start = bounds[p] as number;
    const end = finder.find(Buffer.from(text.slice(start, bounds[p + 1]), 'latin1'), 0);
    if (end >= 0) return start + end;
  }
  return -1;
}

describe('HeadEndFinder', () => {
  it('finds the end of a head wherever the bytes are cut, in two or three pieces', () => {
    // Prepare
    const text = `${head}{"a":1}`;
    const cuts: number[][] = [];
    for (let a = 1; a < text.length; a++) {
      cuts.push([a]);
      for (let b = a + 1; b < text.length; b += 3) cuts.push([a, b]);
    }

    // Act
    const found = new Set(cuts.map((c) => findIn(text, c)));

    // Assess
    expect([...found]).toEqual([head.length]);
  });

  it('does not take CR LF CR CR LF, cut anywhere, for the end of a head', () => {
    // Prepare
    const text = 'GET / HTTP/1.1\r\nA: b\r\n\r\r\nC: d\r\n';

    // Act
    const found = new Set(Array.from({ length: text.length - 1 }, (_, i) => findIn(text, [i + 1])));

    // Assess
    expect([...found]).toEqual([-1]);
  });

  it('starts over after reset, forgetting a partial match', () => {
    // Prepare
    const finder = new HeadEndFinder();
    finder.find(Buffer.from('GET / HTTP/1.1\r\n\r', 'latin1'), 0);

    // Act
    finder.reset();
    const end = finder.find(Buffer.from('\n', 'latin1'), 0);

    // Assess
    expect(end).toBe(-1);
  });
});
