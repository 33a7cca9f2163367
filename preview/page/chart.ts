/**
 * Draws an EmbeddedChart of the sheet (preview/grid.ts ChartView) as an SVG: a column chart (or a
 * line chart) of each series over the categories, with its title, axis labels and a legend, at the
 * size Sheets gives a new chart (600 x 371 px). Every text goes in with textContent.
 */
import type { ChartView } from '../grid';

const SVG = 'http://www.w3.org/2000/svg';
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;
/** Sheets' first series colours. */
const COLOURS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];

function node<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A round axis maximum: 1, 2 or 5 times a power of ten, at or above the largest value. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

export function drawChart(chart: ChartView): SVGSVGElement {
  const svg = node('svg', {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
    role: 'img',
    class: 'sheet-chart',
  });
  svg.append(node('title', {}, chart.title || 'Chart'));
  svg.append(
    node('rect', { x: 0, y: 0, width: CHART_WIDTH, height: CHART_HEIGHT, fill: '#fff', stroke: '#dadce0' }),
  );
  svg.append(node('text', { x: 16, y: 26, 'font-size': 15, fill: '#202124' }, chart.title));
  const plot = { left: 48, top: 44, width: CHART_WIDTH - 64, height: CHART_HEIGHT - 110 };
  const max = niceMax(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const y = (v: number) => plot.top + plot.height - (v / max) * plot.height;
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    svg.append(
      node('line', {
        x1: plot.left,
        x2: plot.left + plot.width,
        y1: y(value),
        y2: y(value),
        stroke: '#e8eaed',
      }),
    );
    svg.append(
      node(
        'text',
        { x: plot.left - 6, y: y(value) + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#5f6368' },
        String(+value.toFixed(2)),
      ),
    );
  }
  const n = Math.max(1, chart.categories.length);
  const band = plot.width / n;
  const series = Math.max(1, chart.series.length);
  const bar = Math.max(1, (band * 0.7) / series);
  chart.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length] as string;
    if (chart.type === 'LINE') {
      const points = s.values.map((v, i) => `${plot.left + band * (i + 0.5)},${y(v)}`).join(' ');
      svg.append(
        node('polyline', { points, fill: 'none', stroke: colour, 'stroke-width': 2, class: 'series' }),
      );
      return;
    }
    s.values.forEach((v, i) => {
      const x = plot.left + band * i + band * 0.15 + bar * k;
      const rect = node('rect', {
        x,
        y: y(v),
        width: bar,
        height: plot.top + plot.height - y(v),
        fill: colour,
        class: 'bar',
      });
      rect.append(node('title', {}, `${s.name}, ${chart.categories[i] ?? ''}: ${v}`));
      svg.append(rect);
    });
  });
  // Category labels, thinned so they never overlap (about 70 px each).
  const every = Math.max(1, Math.ceil(70 / band));
  chart.categories.forEach((c, i) => {
    if (i % every) return;
    svg.append(
      node(
        'text',
        {
          x: plot.left + band * (i + 0.5),
          y: plot.top + plot.height + 16,
          'font-size': 11,
          'text-anchor': 'middle',
          fill: '#5f6368',
        },
        c,
      ),
    );
  });
  chart.series.forEach((s, k) => {
    const x = plot.left + k * 160;
    const yLegend = CHART_HEIGHT - 18;
    svg.append(
      node('rect', { x, y: yLegend - 9, width: 10, height: 10, fill: COLOURS[k % COLOURS.length] as string }),
    );
    svg.append(node('text', { x: x + 14, y: yLegend, 'font-size': 12, fill: '#202124' }, s.name));
  });
  return svg;
}
