/**
 * Reads that move only the cells an action needs, for tables too long to read whole on every save
 * (the Call Log and Families): a tab's header row, one row, and the rows whose key cell holds a given
 * text, found by Range.createTextFinder on the key column. A TextFinder search runs on Google's side
 * and answers only the cells it found, so finding one submission id among 5,000 costs the same calls
 * and cells as among 10 (https://developers.google.com/apps-script/reference/spreadsheet/text-finder).
 * Columns are still found by header name, never by position.
 */
import type { TableSpec } from '../common/schema';
import type { TableLike } from '../core/records';
import { columnLetter } from '../core/settings';
import { getSheetOrExplain, type Table, tableFromValues, valuesFromTop } from './tables';

/** A tab's header row, read alone: a Table with no data rows (column, require as for any table). */
export type Header = Table;

/**
 * The tab's header row: one read of row 1 (as wide as the sheet), trailing blanks dropped. `sheet`:
 * the tab when the caller already has it.
 */
export function readHeader(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: TableSpec,
  sheet = getSheetOrExplain(spreadsheet, spec.name),
): Header {
  // Row 1 to its last column with data in one call (tables.ts valuesFromTop).
  const row = valuesFromTop(sheet, 1)[0] ?? [];
  let width = row.length;
  while (width > 0 && (row[width - 1] === '' || row[width - 1] === null)) width--;
  return tableFromValues(spec, sheet, [row.slice(0, width)]);
}

/**
 * A search for cells of one column (below the header) whose whole content is `text`, ignoring case
 * as the sheet's ids and emails are compared. Building it reads nothing: the search runs when
 * findNext or findAll is called, on the cells as they are then.
 */
export function columnFinder(header: Header, column: number, text: string) {
  const letter = columnLetter(column + 1);
  return header.sheet.getRange(`${letter}2:${letter}`).createTextFinder(text).matchEntireCell(true);
}

/** One sheet row, as wide as the header (Sheet.getSheetValues: the values of that block, in one call). */
export function readRow(header: Header, row: number): unknown[] {
  return header.sheet.getSheetValues(row, 1, 1, Math.max(1, header.headers.length))[0] ?? [];
}

/**
 * The record on sheet row `row`, read alone, or null when `keep` refuses it: how a row that a hint
 * or a TextFinder pointed at is checked to still hold what was looked for.
 */
export function recordOnRow<R>(
  header: Header,
  row: number,
  read: (table: TableLike) => R[],
  keep: (record: R) => boolean,
): (R & { row: number }) | null {
  const [record] = read({ rows: [readRow(header, row)], column: header.column });
  return record && keep(record) ? { ...record, row } : null;
}

/**
 * How many cells a read may move before one service call less pays for it, under the cost model the
 * emulator's latency figures come from (emulator/runtime/latency.ts: about 60 ms a call, about 12 us a
 * cell, both public measurements; Google publishes none). Used only to choose between two correct
 * reads of the same rows, never to skip a read.
 */
export const CELLS_PER_CALL = 5000;

/**
 * Sheet rows first..last (inclusive, 1-based), each as wide as the header, holding only the columns
 * asked for (0-based; -1 ignored) and '' elsewhere: one getSheetValues over the block from the
 * leftmost to the rightmost of them, so `header.column` finds them as in a whole-table read.
 */
export function readColumnsOfRows(
  header: Header,
  columns: readonly number[],
  first: number,
  last: number,
): unknown[][] {
  const wanted = columns.filter((c) => c >= 0);
  if (!wanted.length || last < first) return [];
  const left = Math.min(...wanted);
  const width = Math.max(...wanted) - left + 1;
  const block = header.sheet.getSheetValues(first, left + 1, last - first + 1, width);
  const blank = header.headers.map(() => '');
  return block.map((cells) => {
    const row: unknown[] = [...blank];
    cells.forEach((v, i) => {
      row[left + i] = v;
    });
    return row;
  });
}
