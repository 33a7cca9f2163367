/**
 * The ONE table reader: the Call Log, Teachers, Families, Check-ins and Schools tabs are a header row
 * and data rows, and code finds columns by header (case, spacing and punctuation forgiven), never by
 * position. One read per table per action, getDataRange().getValues() or dataValues' single call
 * (DESIGN.md: batch, no service call in a loop). Sheet rows follow core/records.ts's one rule:
 * rows[i] is on sheet row sheetRow(i).
 */
import { type Action, type HeaderOf, headerKey, requiredHeaders, type TableSpec } from '../common/schema';
import { UserError } from '../core/errors';
import { HEADER_ROWS, headerIndex } from '../core/records';

export { headerIndex };

export interface Table<S extends TableSpec = TableSpec> {
  readonly spec: S;
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Header row as on the sheet. */
  readonly headers: readonly unknown[];
  /** Data rows (row 2 onward), each as wide as the header row. Sheet row of rows[i] is sheetRow(i). */
  readonly rows: unknown[][];
  /** 0-based column of a header of the spec, or -1 when the sheet lacks it. */
  column(header: HeaderOf<S>): number;
  /** 0-based column of a header the action cannot do without; a sentence saying what to fix if missing. */
  require(header: HeaderOf<S>): number;
  /** Requires every column the schema says `action` needs (requiredBy). */
  requireFor(action: Action): void;
  /** The headers `action` needs that the sheet lacks, in the schema's order. */
  missingFor(action: Action): HeaderOf<S>[];
}

export function getSheetOrExplain(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) {
    throw new UserError(
      `The "${name}" tab is missing (was it renamed?). Rename it back to "${name}", or run Extensions > Relationship Calls > Set up this school to add it.`,
    );
  }
  return sheet;
}

/** A table of a sheet's values already read (header row first). */
export function tableFromValues<S extends TableSpec>(
  spec: S,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: unknown[][],
): Table<S> {
  const headers = values[0] ?? [];
  const index = headerIndex(headers);
  const column = (header: string) => index.get(headerKey(header)) ?? -1;
  const require = (header: string) => {
    const at = column(header);
    if (at < 0) {
      throw new UserError(
        `The "${spec.name}" tab has no "${header}" column in row 1 (was the header edited?). Type "${header}" back into its header cell, or run Extensions > Relationship Calls > Set up this school to add the column.`,
      );
    }
    return at;
  };
  const missingFor = (action: Action) => requiredHeaders(spec, action).filter((h) => column(h) < 0);
  return {
    spec,
    sheet,
    headers,
    rows: values.slice(HEADER_ROWS),
    column,
    require,
    requireFor(action) {
      for (const header of requiredHeaders(spec, action)) require(header);
    },
    missingFor,
  };
}

/**
 * A tab's values from A1 to its last row and last column with data, which is what
 * getDataRange().getValues() returns, in one call instead of two. Sheet.getSheetValues: "A -1 value
 * given as the row or column position is equivalent to getting the very last row or column that has
 * data in the sheet"
 * (developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns),
 * and getDataRange is the range from A1 to (getLastColumn(), getLastRow()) (…/sheet#getdatarange).
 */
export function dataValues(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  return valuesFromTop(sheet, -1);
}

/**
 * Rows 1 to `rows` (-1: to the last row with data), each to the last column with data, in one
 * getSheetValues. Google does not say what it gives for a tab with no data at all (no last row or
 * column), so an empty answer or an error there falls back to the documented two-call read of the
 * same rows: the data range, or whole rows.
 */
export function valuesFromTop(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number): unknown[][] {
  let values: unknown[][] = [];
  try {
    values = sheet.getSheetValues(1, 1, rows, -1);
  } catch {
    values = [];
  }
  if (values.length && values[0]?.length) return values;
  return rows === -1 ? sheet.getDataRange().getValues() : sheet.getRange(`1:${rows}`).getValues();
}

export function readTable<S extends TableSpec>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: S,
): Table<S> {
  const sheet = getSheetOrExplain(spreadsheet, spec.name);
  return tableFromValues(spec, sheet, dataValues(sheet));
}
