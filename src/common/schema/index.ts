/**
 * The workbook contract: tab names, headers, fields, column types, formats, which actions need which
 * columns, pick-lists, Settings and their defaults, and the call's form. Set-up, the goal formulas,
 * the readers and writers of rows, the sidebar, the summary and the tests all read this one module.
 */
export * from './call';
export * from './settings';
export * from './spec';
export * from './tables';
