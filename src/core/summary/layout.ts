/**
 * The Summary tab as one block of cells: values, number formats, bold, fills, font colours, notes and
 * wraps, each a 2-D array of the same size, so the server writes the whole tab with one setValues and
 * one call per kind of format, whatever the size of the school. Sections lay themselves out as Blocks;
 * placeBlocks stacks them and turns them into those arrays. Every string goes through the one cell
 * encoder, so nothing a person typed can become a formula; dates are written as date serial numbers
 * with a date format, so they sort and chart as dates.
 */
import { encodeText } from '../cell-encoding';
import { type Block, type Cell, type CellFormat, type ChartPlacement, FILL, SUMMARY_WIDTH } from './cells';

export interface SummaryLayout {
  width: number;
  height: number;
  values: (string | number)[][];
  numberFormats: string[][];
  fontWeights: ('bold' | 'normal')[][];
  backgrounds: string[][];
  fontColors: string[][];
  /** Cell notes ('' for none); A1's is the header note. */
  notes: string[][];
  /** Whether each cell's text wraps. */
  wraps: boolean[][];
  /** The same wrapped cells as blocks, [row, column, numRows, numColumns] (1-based). */
  wrapped: [number, number, number, number][];
  columnWidths: number[];
  chart: ChartPlacement | null;
  /** First row (1-based) of each section's heading, by section title. */
  sections: Record<string, number>;
}

export const HEADER_NOTE =
  'This tab is rebuilt by Relationship Calls (Extensions > Relationship Calls > Rebuild principal summary, after logged calls, and daily if turned on). Anything typed here is replaced at the next rebuild: keep notes on the Check-ins tab.';

const TEXT_COLOR = '#000000';
const NUMBER_FORMAT: Record<CellFormat, string> = {
  text: '@',
  count: '#,##0',
  decimal: '0.0',
  percent: '0%',
  date: 'yyyy-mm-dd',
};
// Column A holds the headline labels, the wrapped gap sentences and teacher names; A to E hold the
// whole headline. Equal neighbours make runs: one setColumnWidths call per run.
const COLUMN_WIDTHS = [360, 110, 110, 110, 130, 130, 130, 130, 130, 260];

type Grids = Pick<
  SummaryLayout,
  'values' | 'numberFormats' | 'fontWeights' | 'backgrounds' | 'fontColors' | 'notes' | 'wraps'
>;

function gridsOf(rows: readonly Cell[][]): Grids {
  const grids: Grids = {
    values: [],
    numberFormats: [],
    fontWeights: [],
    backgrounds: [],
    fontColors: [],
    notes: [],
    wraps: [],
  };
  for (const row of rows) {
    const cells = Array.from({ length: SUMMARY_WIDTH }, (_, c): Cell => row[c] ?? { value: '' });
    grids.values.push(cells.map((c) => (typeof c.value === 'string' ? encodeText(c.value) : c.value)));
    grids.numberFormats.push(cells.map((c) => NUMBER_FORMAT[c.format ?? 'text']));
    grids.fontWeights.push(cells.map((c) => (c.bold ? 'bold' : 'normal')));
    grids.backgrounds.push(cells.map((c) => c.fill ?? FILL.none));
    grids.fontColors.push(cells.map((c) => c.color ?? TEXT_COLOR));
    grids.notes.push(cells.map((c) => c.note ?? ''));
    grids.wraps.push(cells.map((c) => Boolean(c.wrap)));
  }
  return grids;
}

/** Wrapped cells as blocks: adjacent wrapped rows of one column become one. */
function wrappedBlocks(wraps: readonly boolean[][]): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  wraps.forEach((row, r) => {
    row.forEach((on, c) => {
      if (!on) return;
      const last = out[out.length - 1];
      if (last && last[1] === c + 1 && last[0] + last[2] === r + 1) last[2]++;
      else out.push([r + 1, c + 1, 1, 1]);
    });
  });
  return out;
}

/** Where each block's headings and chart land once the blocks are stacked from `firstRow` (1-based). */
export function placements(blocks: readonly Block[], firstRow = 1) {
  const sections: Record<string, number> = {};
  let chart: ChartPlacement | null = null;
  let start = firstRow;
  for (const b of blocks) {
    const shift = start - 1;
    for (const [title, row] of Object.entries(b.headings)) sections[title] = row + shift;
    if (b.chart) chart = { ...b.chart, row: b.chart.row + shift, anchorRow: b.chart.anchorRow + shift };
    start += b.rows.length;
  }
  return { sections, chart };
}

/** Stacks the blocks (the first at row 1) into the tab's arrays, headings and chart placed. */
export function placeBlocks(blocks: readonly Block[]): SummaryLayout {
  const { sections, chart } = placements(blocks);
  const grids = gridsOf(blocks.flatMap((b) => b.rows));
  const [firstNotes] = grids.notes;
  if (firstNotes) firstNotes[0] = HEADER_NOTE;
  return {
    width: SUMMARY_WIDTH,
    height: grids.values.length,
    ...grids,
    wrapped: wrappedBlocks(grids.wraps),
    columnWidths: [...COLUMN_WIDTHS],
    chart,
    sections,
  };
}
