/** SpreadsheetApp over HyperFormula: the document (Workbook) and the service objects over it. */
export { colLetters } from './a1';
export { Charts, createSpreadsheetApp } from './app';
export { WorkbookRegistry } from './spreadsheet';
export { dateToSerial, serialToMillis, Workbook, type WorkbookOptions } from './workbook';
