import { barChart, lineChart, niceTicks } from './svg-chart';

describe('niceTicks', () => {
  it('covers the maximum with steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(480, 5)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(niceTicks(0.9, 3)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('lineChart', () => {
  it('draws a polyline per series inside the plot, a dashed reference line and a legend', () => {
    // Prepare
    const spec = {
      title: 'P2 <latency> & more',
      xLabel: 'percentile',
      yLabel: 'ms',
      xMin: 0,
      xMax: 100,
      series: [
        { name: '10 orders/s', points: [{ x: 0, y: 100 }, { x: 100, y: 300 }] },
        { name: '50 orders/s', points: [{ x: 0, y: 120 }, { x: 100, y: 450 }] },
      ],
      references: [{ y: 500, label: 'p99 target 500 ms' }],
    };

    // Act
    const svg = lineChart(spec);

    // Assess
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('P2 &lt;latency&gt; &amp; more');
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('p99 target 500 ms');
    expect(svg).toContain('50 orders/s');
    // Every plotted point is inside the 720 × 360 canvas
    const coordinates = [...svg.matchAll(/points="([^"]+)"/g)].flatMap((m) => (m[1] as string).split(' ').map((pair) => pair.split(',').map(Number)));
    expect(coordinates.every(([x, y]) => (x as number) >= 0 && (x as number) <= 720 && (y as number) >= 0 && (y as number) <= 360)).toBe(true);
  });
});

describe('lineChart with yMax', () => {
  it('clips values above yMax to the top edge of the plot', () => {
    // Act
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', yMax: 1000, series: [{ name: 's', points: [{ x: 0, y: 100 }, { x: 1, y: 5000 }] }] });

    // Assess: the axis stops at 1000 and the 5000 point sits on the top edge (y = 40)
    expect(svg).toContain('>1000</text>');
    expect(svg).not.toContain('>5000</text>');
    expect(/points="[^"]* [\d.]+,40"/.test(svg)).toBe(true);
  });
});

describe('barChart', () => {
  it('draws one bar per value, taller for larger values', () => {
    // Act
    const svg = barChart({
      title: 'P1',
      yLabel: 'ms',
      groups: [
        { label: 'c1', bars: [{ name: 'API p50', value: 10 }, { name: 'raw p50', value: 5 }] },
        { label: 'c8', bars: [{ name: 'API p50', value: 40 }, { name: 'raw p50', value: 20 }] },
      ],
    });

    // Assess
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="[^"]+"><title>([^<]+)<\/title>/g)].map((m) => [m[2], Number(m[1])] as const);
    expect(heights.map(([title]) => title)).toEqual(['c1 API p50: 10', 'c1 raw p50: 5', 'c8 API p50: 40', 'c8 raw p50: 20']);
    const height = Object.fromEntries(heights);
    expect(height['c8 API p50: 40']).toBeCloseTo(4 * (height['c1 API p50: 10'] as number), 0);
  });
});
