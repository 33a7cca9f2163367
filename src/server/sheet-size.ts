/**
 * Ranges that may reach past a tab's last row or column. Apps Script refuses a range that ends outside
 * the sheet with "The coordinates of the range are outside the dimensions of the sheet." (Google's
 * reference does not say so; public reports and our conformance probe api.range.outside-sheet do, and
 * the emulator follows: emulator/README.md), so a Call Log filled to its last row would refuse the
 * next save. Asking first costs getMaxRows and getMaxColumns on every save; a tab is full only once in
 * many saves, so the range is asked for and the tab grown only when that is refused.
 */

/**
 * The range, after adding rows (and `spareRows` more, so the next writes need no growing) or columns
 * when the tab is too small for it. Any other refusal is thrown as it was.
 */
export function growingRange(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  spareRows = 0,
): GoogleAppsScript.Spreadsheet.Range {
  try {
    return sheet.getRange(row, column, numRows, numColumns);
  } catch (error) {
    if (!growTo(sheet, row + numRows - 1, column + numColumns - 1, spareRows)) throw error;
    return sheet.getRange(row, column, numRows, numColumns);
  }
}

/**
 * Adds rows (and `spareRows` more) and columns so the tab reaches `lastRow` x `lastColumn`; whether it
 * had to. Two calls when it is already large enough.
 */
export function growTo(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  lastRow: number,
  lastColumn: number,
  spareRows = 0,
): boolean {
  const rows = sheet.getMaxRows();
  const columns = sheet.getMaxColumns();
  if (rows < lastRow) sheet.insertRowsAfter(rows, lastRow - rows + spareRows);
  if (columns < lastColumn) sheet.insertColumnsAfter(columns, lastColumn - columns);
  return rows < lastRow || columns < lastColumn;
}
