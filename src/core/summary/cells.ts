/**
 * The cells a Summary section lays itself out in: a Block is a section's rows, counted from its own
 * first row, with the rows of its headings and its chart; the layout (./layout.ts) places the blocks
 * one under the other and turns them into the tab's arrays. Colour always comes with a word.
 */
import { dateSerial } from './school';

export type CellFormat = 'text' | 'count' | 'decimal' | 'percent' | 'date';

export interface Cell {
  value: string | number;
  format?: CellFormat;
  bold?: boolean;
  fill?: string;
  color?: string;
  /** The cell's note (Sheets shows it on hover): for a figure, what it is counted out of. */
  note?: string;
  /** Wrap the text inside the cell (Sheets grows the row to fit) instead of letting it spill. */
  wrap?: boolean;
}

export interface ChartPlacement {
  /** The weekly table, header row included (1-based sheet coordinates). */
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Where the chart's top-left corner sits. */
  anchorRow: number;
  anchorColumn: number;
  title: string;
}

export const SUMMARY_WIDTH = 10;

export const FILL = {
  heading: '#cfe2f3',
  header: '#eeeeee',
  good: '#d9ead3',
  warn: '#fff2cc',
  bad: '#f4cccc',
  none: '#ffffff',
};
// #555 keeps 4.5:1 (WCAG AA) even on the heading fill; #666 fell to 4.3:1 there.
export const NOTE_COLOR = '#555555';

export type CellInput = Cell | string | number | null | undefined;
export const text = (value: string, extra: Partial<Cell> = {}): Cell => ({ value, format: 'text', ...extra });
export const count = (value: number, extra: Partial<Cell> = {}): Cell => ({
  value,
  format: 'count',
  ...extra,
});
export const pct = (value: number | null): Cell => (value === null ? text('') : { value, format: 'percent' });
export const date = (value: string): Cell =>
  value ? { value: dateSerial(value), format: 'date' } : text('');

const n = (x: number) => x.toLocaleString('en-US');

export { n as thousands };
export const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

function cellOf(c: CellInput): Cell {
  if (c === null || c === undefined) return text('');
  if (typeof c === 'object') return c;
  return typeof c === 'number' ? count(c) : text(c);
}

/** One section's rows; row numbers are 1-based from the block's first row. */
export class Block {
  readonly rows: Cell[][] = [];
  readonly headings: Record<string, number> = {};
  chart: ChartPlacement | null = null;
  /** Adds a row; returns its 1-based row in the block. */
  add(cells: readonly CellInput[], extra: Partial<Cell> = {}): number {
    this.rows.push(cells.map((c) => ({ ...extra, ...cellOf(c) })));
    return this.rows.length;
  }
  blank(): void {
    this.add([]);
  }
  /** A section's title as a band across the whole width, with an optional note beside it. */
  heading(title: string, note = ''): number {
    const cells: CellInput[] = [text(title, { bold: true }), note ? text(note, { color: NOTE_COLOR }) : null];
    while (cells.length < SUMMARY_WIDTH) cells.push(null);
    const row = this.add(cells, { fill: FILL.heading });
    this.headings[title] = row;
    return row;
  }
  header(titles: readonly string[]): number {
    return this.add(titles.map((t) => text(t, { bold: true, fill: FILL.header })));
  }
  note(sentence: string): number {
    return this.add([text(sentence, { color: NOTE_COLOR })]);
  }
}
