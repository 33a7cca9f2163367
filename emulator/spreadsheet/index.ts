/** SpreadsheetApp over HyperFormula: the document (Workbook) and the service objects over it. */
export { Charts, colLetters, createSpreadsheetApp, WorkbookRegistry } from './app';
export { dateToSerial, serialToMillis, Workbook, type WorkbookOptions } from './workbook';
