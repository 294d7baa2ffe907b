/** Small, dependency-free SVG charts for the benchmark report (no network, no fonts to fetch). */

export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Horizontal reference lines, e.g. a target. */
  readonly references?: ReadonlyArray<{ readonly y: number; readonly label: string }>;
  readonly xMin?: number;
  readonly xMax?: number;
  /** Clip the y axis here: larger values are drawn at the top edge (the title should say so). */
  readonly yMax?: number;
}

export interface BarChartSpec {
  readonly title: string;
  readonly yLabel: string;
  readonly groups: ReadonlyArray<{ readonly label: string; readonly bars: ReadonlyArray<{ readonly name: string; readonly value: number }> }>;
  readonly references?: ReadonlyArray<{ readonly y: number; readonly label: string }>;
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 150, bottom: 50, left: 64 } as const;
const PLOT = { width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom } as const;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'] as const;

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();

/**
 * Round tick values covering 0..max (1, 2 or 5 times a power of ten apart), at most about `count`.
 *
 * @example
 * niceTicks(480, 5); // [0, 100, 200, 300, 400, 500]
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) as number;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function frame(title: string, yLabel: string, xLabel: string, yTicks: readonly number[], yScale: (y: number) => number): string[] {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + PLOT.height / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    `<text x="${MARGIN.left + PLOT.width / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
  ];
  for (const tick of yTicks) {
    const y = yScale(tick);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT.width}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(y + 4)}" text-anchor="end">${tick}</text>`);
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT.height}" stroke="#333"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT.width}" y1="${MARGIN.top + PLOT.height}" y2="${MARGIN.top + PLOT.height}" stroke="#333"/>`);
  return parts;
}

function references(parts: string[], refs: LineChartSpec['references'], yScale: (y: number) => number): void {
  for (const ref of refs ?? []) {
    const y = yScale(ref.y);
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT.width}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="#d62728" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${MARGIN.left + PLOT.width + 6}" y="${fixed(y + 4)}" fill="#d62728">${escapeXml(ref.label)}</text>`);
  }
}

function legend(parts: string[], names: readonly string[], top: number): void {
  names.forEach((name, i) => {
    const y = top + i * 18;
    parts.push(`<rect x="${MARGIN.left + PLOT.width + 10}" y="${y - 9}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${MARGIN.left + PLOT.width + 28}" y="${y + 1}">${escapeXml(name)}</text>`);
  });
}

/** A line chart: one polyline per series over shared axes, with optional reference lines. */
export function lineChart(spec: LineChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
  const xMin = spec.xMin ?? Math.min(...xs);
  const xMax = spec.xMax ?? Math.max(...xs);
  const dataMax = Math.max(...spec.series.flatMap((s) => s.points.map((p) => p.y)), ...(spec.references ?? []).map((r) => r.y)) * 1.05;
  const yTicks = niceTicks(spec.yMax === undefined ? dataMax : Math.min(dataMax, spec.yMax));
  const top = yTicks[yTicks.length - 1] as number;
  const xScale = (x: number): number => MARGIN.left + ((x - xMin) / (xMax - xMin || 1)) * PLOT.width;
  const yScale = (y: number): number => MARGIN.top + PLOT.height - (Math.min(y, top) / top) * PLOT.height;
  const parts = frame(spec.title, spec.yLabel, spec.xLabel, yTicks, yScale);
  for (const tick of niceTicks(xMax - xMin, 5).map((t) => t + xMin).filter((t) => t <= xMax)) {
    parts.push(`<text x="${fixed(xScale(tick))}" y="${MARGIN.top + PLOT.height + 16}" text-anchor="middle">${tick}</text>`);
  }
  spec.series.forEach((series, i) => {
    const points = series.points.map((p) => `${fixed(xScale(p.x))},${fixed(yScale(p.y))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" points="${points}"/>`);
  });
  references(parts, spec.references, yScale);
  legend(parts, spec.series.map((s) => s.name), MARGIN.top + 60);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** A grouped bar chart: one group per label, one bar per named value, shared legend. */
export function barChart(spec: BarChartSpec): string {
  const names = [...new Set(spec.groups.flatMap((g) => g.bars.map((b) => b.name)))];
  const yMax = Math.max(...spec.groups.flatMap((g) => g.bars.map((b) => b.value)), ...(spec.references ?? []).map((r) => r.y)) * 1.05;
  const yTicks = niceTicks(yMax);
  const top = yTicks[yTicks.length - 1] as number;
  const yScale = (y: number): number => MARGIN.top + PLOT.height - (y / top) * PLOT.height;
  const parts = frame(spec.title, spec.yLabel, '', yTicks, yScale);
  const groupWidth = PLOT.width / Math.max(1, spec.groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, names.length);
  spec.groups.forEach((group, g) => {
    const left = MARGIN.left + g * groupWidth + groupWidth * 0.1;
    parts.push(`<text x="${fixed(left + groupWidth * 0.4)}" y="${MARGIN.top + PLOT.height + 16}" text-anchor="middle">${escapeXml(group.label)}</text>`);
    for (const bar of group.bars) {
      const i = names.indexOf(bar.name);
      const y = yScale(bar.value);
      parts.push(`<rect x="${fixed(left + i * barWidth)}" y="${fixed(y)}" width="${fixed(barWidth - 2)}" height="${fixed(MARGIN.top + PLOT.height - y)}" fill="${COLORS[i % COLORS.length]}"><title>${escapeXml(`${group.label} ${bar.name}: ${bar.value}`)}</title></rect>`);
    }
  });
  references(parts, spec.references, yScale);
  legend(parts, names, MARGIN.top + 60);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
