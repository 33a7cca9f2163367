/**
 * What the page's grid shows of one tab: the first rows of computed values as the sheet formats them,
 * the formula of each formula cell, column letters and widths. Only the rows asked for are read, so a
 * tab of thousands of rows costs what the page shows.
 */
import { colLetters, type Workbook } from '../emulator';
import type { RecordedChart } from '../emulator/spreadsheet/workbook';

export const DEFAULT_ROWS = 200;
export const MAX_ROWS = 5000;

export interface GridColumn {
  letter: string;
  /** Width in pixels when the sheet sets one. */
  width?: number;
  hidden: boolean;
}

/** How a cell is drawn, when the sheet sets it (Range.setFontWeight, setBackground...). */
export interface CellStyle {
  r: number;
  c: number;
  bold?: boolean;
  background?: string;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Range.setWrap(true): the text wraps inside the cell instead of spilling over its neighbours. */
  wrap?: boolean;
}

/** An EmbeddedChart as the page draws it: its type, title, anchor and the data of its ranges. */
export interface ChartView {
  type: string;
  title: string;
  /** The anchor cell, 0-based, and the offset in pixels from its top-left corner. */
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
  /** The first column of the range, below the header rows (the x axis). */
  categories: string[];
  /** Every other column: its header and its numbers (non-numbers read as 0, as Sheets plots them). */
  series: { name: string; values: number[] }[];
}

export interface GridView {
  name: string;
  /** Rows holding anything, header included; `values` holds the first of them. */
  totalRows: number;
  frozenRows: number;
  columns: GridColumn[];
  /** Display text of each cell, row by row (0-based from row 1). */
  values: string[][];
  /** The formula of each cell ('' when it has none), same shape as values. */
  formulas: string[][];
  /** Cells with a style of their own, among those shown. */
  styles: CellStyle[];
  charts: ChartView[];
}

/** Only plain colours reach the page's style attribute: #hex or a colour name. */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i;

function styleOf(props: Record<string, unknown>, r: number, c: number): CellStyle | undefined {
  const style: CellStyle = { r, c };
  if (props.fontWeight === 'bold') style.bold = true;
  const background = String(props.background ?? '');
  if (COLOUR.test(background) && background.toLowerCase() !== '#ffffff') style.background = background;
  const color = String(props.fontColor ?? '');
  if (COLOUR.test(color)) style.color = color;
  const align = String(props.horizontalAlignment ?? '').toLowerCase();
  if (align === 'left' || align === 'center' || align === 'right') style.align = align;
  if (props.wrap === true || props.wrapStrategy === 'WRAP') style.wrap = true;
  return Object.keys(style).length > 2 ? style : undefined;
}

export function gridView(workbook: Workbook, name: string, rows = DEFAULT_ROWS): GridView | undefined {
  const state = workbook.sheet(name);
  if (!state) return undefined;
  const totalRows = workbook.lastRow(state) + 1;
  const totalColumns = workbook.lastColumn(state) + 1;
  const shownRows = Math.min(totalRows, Math.max(1, Math.min(rows, MAX_ROWS)));
  const block = shownRows && totalColumns ? workbook.readBlock(state, 0, 0, shownRows, totalColumns) : [];
  const values = block.map((line, r) => line.map((v, c) => workbook.displayOf(state, r, c, v)));
  const formulas = block.map((line, r) => line.map((_, c) => workbook.formulaAt(state, r, c)));
  const columns = Array.from({ length: totalColumns }, (_, c) => ({
    letter: colLetters(c + 1),
    width: state.widths.get(c + 1),
    hidden: state.hidden.has(c + 1),
  }));
  const styles: CellStyle[] = [];
  for (const [key, props] of state.cells) {
    const [r = -1, c = -1] = key.split(':').map(Number);
    if (r >= shownRows || c >= totalColumns) continue;
    const style = styleOf(props, r, c);
    if (style) styles.push(style);
  }
  const charts = state.charts.flatMap((chart) => chartView(workbook, name, chart));
  return { name, totalRows, frozenRows: state.frozenRows, columns, values, formulas, styles, charts };
}

const RANGE = /^(?:'?(.+?)'?!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/;
const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The chart's first range as categories and series; no chart when the range cannot be read. */
function chartView(workbook: Workbook, sheetName: string, chart: RecordedChart): ChartView[] {
  const m = RANGE.exec(chart.ranges[0] ?? '');
  if (!m) return [];
  const state = workbook.sheet(m[1] ?? sheetName);
  if (!state) return [];
  const [top, left] = [Number(m[3]) - 1, columnNumber(m[2] as string) - 1];
  const [rows, cols] = [Number(m[5]) - top, columnNumber(m[4] as string) - left];
  const block = workbook.readBlock(state, top, left, rows, cols);
  const headers = Math.max(0, Number(chart.options.numHeaders ?? 0));
  const shown = (r: number, c: number) => workbook.displayOf(state, top + r, left + c, block[r]?.[c]);
  const body = block.slice(headers);
  const [row, column, offsetX, offsetY] = chart.position;
  return [
    {
      type: chart.type,
      title: String(chart.options.title ?? ''),
      row: row - 1,
      column: column - 1,
      offsetX,
      offsetY,
      categories: body.map((_, r) => shown(r + headers, 0)),
      series: Array.from({ length: cols - 1 }, (_, i) => ({
        name: headers ? shown(0, i + 1) : `Series ${i + 1}`,
        values: body.map((line) => (typeof line[i + 1] === 'number' ? (line[i + 1] as number) : 0)),
      })),
    },
  ];
}
