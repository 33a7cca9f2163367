/**
 * Reads that move only the cells an action needs, for tables too long to read whole on every save
 * (the Call Log and Families): a tab's header row, one row, and the rows whose key cell holds a given
 * text, found by Range.createTextFinder on the key column. A TextFinder search runs on Google's side
 * and answers only the cells it found, so finding one submission id among 5,000 costs the same calls
 * and cells as among 10 (https://developers.google.com/apps-script/reference/spreadsheet/text-finder).
 * Columns are still found by header name, never by position.
 */
import { headerKey } from '../common/schema';
import { UserError } from '../core/errors';
import { columnLetter } from '../core/settings';
import { getSheetOrExplain, headerIndex } from './tables';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Header {
  readonly sheet: Sheet;
  readonly headers: readonly unknown[];
  /** 0-based column of a header, or -1. */
  column(header: string): number;
  /** 0-based column of a header the action cannot do without; a sentence saying what to fix if missing. */
  require(header: string): number;
}

/** The tab's header row: one read of row 1 (as wide as the sheet), trailing blanks dropped. */
export function readHeader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Header {
  const sheet = getSheetOrExplain(spreadsheet, name);
  const row = sheet.getRange('1:1').getValues()[0] ?? [];
  let width = row.length;
  while (width > 0 && (row[width - 1] === '' || row[width - 1] === null)) width--;
  const headers = row.slice(0, width);
  const index = headerIndex(headers);
  const column = (header: string) => index.get(headerKey(header)) ?? -1;
  return {
    sheet,
    headers,
    column,
    require(header: string) {
      const at = column(header);
      if (at < 0) {
        throw new UserError(
          `The "${name}" tab has no "${header}" column in row 1 (was the header edited?). Type "${header}" back into its header cell, or run Extensions > Relationship Calls > Set up this school to add the column.`,
        );
      }
      return at;
    },
  };
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
