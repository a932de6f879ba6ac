/**
 * A small SVG grouped-bar chart (no dependency): one group per category, one bar per series. Used for throughput
 * by concurrency, GraphQL next to the direct floor.
 */

export interface BarChartData {
  title: string;
  unit: string;
  categories: string[];
  series: { name: string; color: string; values: number[] }[];
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 20, bottom: 70, left: 60 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" axis maximum (1, 2 or 5 × 10^n) at or above `value`. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** Renders the chart as a standalone SVG document. */
export function renderBarChart(data: BarChartData): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = niceMax(Math.max(0, ...data.series.flatMap((series) => series.values)));
  const groupWidth = plotWidth / Math.max(1, data.categories.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, data.series.length);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(data.title)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (max * tick) / 4;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(value) + 4}" text-anchor="end">${Math.round(value)}</text>`,
    );
  }
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(data.unit)}</text>`);
  data.categories.forEach((category, groupIndex) => {
    const groupX = MARGIN.left + groupIndex * groupWidth + groupWidth * 0.1;
    data.series.forEach((series, seriesIndex) => {
      const value = series.values[groupIndex] ?? 0;
      const x = groupX + seriesIndex * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(MARGIN.top + plotHeight - y(value)).toFixed(1)}" fill="${series.color}"><title>${escapeXml(`${series.name} ${category}: ${value.toFixed(0)}`)}</title></rect>`,
      );
    });
    parts.push(`<text x="${groupX + groupWidth * 0.4}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
  });
  data.series.forEach((series, index) => {
    const x = MARGIN.left + index * 170;
    const legendY = HEIGHT - 24;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${series.color}"/>`, `<text x="${x + 16}" y="${legendY}">${escapeXml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
