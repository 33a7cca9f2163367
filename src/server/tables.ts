/**
 * Tables by header name: the Call Log, Teachers, Families and Check-ins tabs are a header row and data
 * rows, and code finds columns by header (case, spacing and punctuation forgiven), never by position.
 * One getDataRange().getValues() per table per action (DESIGN.md: batch, no service call in a loop).
 */
import { headerKey, type TableSpec } from '../common/schema';
import { UserError } from '../core/errors';

export interface Table {
  readonly spec: TableSpec;
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Header row as on the sheet. */
  readonly headers: readonly unknown[];
  /** Data rows (row 2 onward), each as wide as the header row. Sheet row of rows[i] is i + 2. */
  readonly rows: unknown[][];
  /** 0-based column of a header of the spec, or -1 when the sheet lacks it. */
  column(header: string): number;
  /** 0-based column of a header the action cannot do without; a sentence saying what to fix if missing. */
  require(header: string): number;
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

/** Maps normalised header text to its 0-based column; the first of two equal headers wins. */
export function headerIndex(headers: readonly unknown[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((text, i) => {
    const key = headerKey(text);
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}

export function readTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: TableSpec): Table {
  const sheet = getSheetOrExplain(spreadsheet, spec.name);
  const values = sheet.getDataRange().getValues();
  const headers = values[0] ?? [];
  const index = headerIndex(headers);
  const rows = values.slice(1);
  const column = (header: string) => index.get(headerKey(header)) ?? -1;
  return {
    spec,
    sheet,
    headers,
    rows,
    column,
    require(header: string) {
      const at = column(header);
      if (at < 0) {
        throw new UserError(
          `The "${spec.name}" tab has no "${header}" column in row 1 (was the header edited?). Type "${header}" back into its header cell, or run Extensions > Relationship Calls > Set up this school to add the column.`,
        );
      }
      return at;
    },
  };
}
