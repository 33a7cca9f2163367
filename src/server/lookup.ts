/**
 * Reads that move only the cells an action needs, for tables too long to read whole on every save
 * (the Call Log and Families): a tab's header row, one row, and the rows whose key cell holds a given
 * text, found by Range.createTextFinder on the key column. A TextFinder search runs on Google's side
 * and answers only the cells it found, so finding one submission id among 5,000 costs the same calls
 * and cells as among 10 (https://developers.google.com/apps-script/reference/spreadsheet/text-finder).
 * Columns are still found by header name, never by position.
 */
import type { TableSpec } from '../common/schema';
import { columnLetter } from '../core/settings';
import { getSheetOrExplain, type Table, tableFromValues } from './tables';

/** A tab's header row, read alone: a Table with no data rows (column, require as for any table). */
export type Header = Table;

/** The tab's header row: one read of row 1 (as wide as the sheet), trailing blanks dropped. */
export function readHeader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: TableSpec): Header {
  const sheet = getSheetOrExplain(spreadsheet, spec.name);
  const row = sheet.getRange('1:1').getValues()[0] ?? [];
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

/** One sheet row, as wide as the header. */
export function readRow(header: Header, row: number): unknown[] {
  return header.sheet.getRange(row, 1, 1, Math.max(1, header.headers.length)).getValues()[0] ?? [];
}
