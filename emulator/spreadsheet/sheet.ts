/**
 * Sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet): one tab of the
 * workbook. Rows and columns inserted or deleted go through HyperFormula (formulas elsewhere follow)
 * and shift the sheet's cell records with them.
 */
import type { ExecutionContext } from '../contract';
import { enumName } from '../services/host-object';
import { parseA1, splitSheet } from './a1';
import { ChartBuilderImpl, ChartImpl } from './chart';
import { addMetadata, DeveloperMetadataImpl, MetadataFinderImpl, onSheet } from './developer-metadata';
import { SpreadsheetEnums } from './enums';
import { NamedRangeImpl, namedRangeOf, rangeNames } from './named-range';
import { ProtectionImpl } from './protection';
import { insideSheet, RangeImpl, resolveAddress } from './range';
import { RangeListImpl } from './range-list';
import { sortBlock, sortKeys } from './sort';
import { SpreadsheetImpl } from './spreadsheet';
import type { Surface } from './surface';
import { TextFinderImpl } from './text-finder';
import type { SheetState, Workbook } from './workbook';
import { CLASS } from './wrap';

export class SheetImpl implements Surface<GoogleAppsScript.Spreadsheet.Sheet, SheetImpl> {
  [CLASS] = 'Sheet';
  constructor(
    readonly wb: Workbook,
    readonly state: SheetState,
    readonly ctx?: ExecutionContext,
  ) {}
  #range(row: number, col: number, numRows: number, numCols: number) {
    return RangeImpl.at(this.wb, this.state, this.ctx, { row, col, numRows, numCols });
  }
  #resolve = (ref: string) => resolveAddress(this.wb, this.ctx, ref, this.state);
  #nextChart = () => this.wb.nextId('chart');
  #live() {
    if (!this.wb.sheets.includes(this.state)) throw new Error('Exception: The sheet has been deleted.');
  }
  getName() {
    return this.state.name;
  }
  getSheetName() {
    return this.state.name;
  }
  setName(name: string) {
    this.wb.renameSheet(this.state, name);
    return this;
  }
  getSheetId() {
    return this.state.gid;
  }
  getIndex() {
    return this.wb.sheets.indexOf(this.state) + 1;
  }
  getParent() {
    return new SpreadsheetImpl(this.wb, this.ctx as ExecutionContext);
  }
  getRange(a: number | string, col?: number, numRows = 1, numCols = 1) {
    this.#live();
    if (typeof a === 'string') {
      const [, a1] = splitSheet(a);
      const parsed = parseA1(a1, this.state.maxRows, this.state.maxColumns);
      return insideSheet(RangeImpl.at(this.wb, this.state, this.ctx, parsed));
    }
    if (typeof a !== 'number' || typeof col !== 'number')
      throw new Error("The parameters don't match the method signature for Sheet.getRange.");
    return insideSheet(this.#range(a, col, numRows, numCols));
  }
  getRangeList(a1Notations: string[]) {
    return new RangeListImpl(a1Notations.map((a1) => this.getRange(a1)));
  }
  getDataRange() {
    return this.#range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getLastRow() {
    return this.wb.lastRow(this.state) + 1;
  }
  getLastColumn() {
    return this.wb.lastColumn(this.state) + 1;
  }
  getMaxRows() {
    return this.state.maxRows;
  }
  getMaxColumns() {
    return this.state.maxColumns;
  }
  /** Sorts the rows under the frozen rows, across the columns holding data, by one column. */
  sort(columnPosition: number, ascending = true) {
    const top = this.state.frozenRows + 1;
    const last = this.getLastRow();
    if (last < top) return this;
    const block = { row: top, col: 1, numRows: last - top + 1, numCols: this.getLastColumn() };
    sortBlock(this.wb, this.state, block, sortKeys({ column: columnPosition, ascending }, block));
    return this;
  }
  createTextFinder(findText: string) {
    const block = { row: 1, col: 1, numRows: this.state.maxRows, numCols: this.state.maxColumns };
    return new TextFinderImpl(this.wb, this.ctx, [{ state: this.state, block }], findText);
  }
  getNamedRanges() {
    return rangeNames(this.wb)
      .filter((n) => namedRangeOf(this.wb, this.ctx, n)?.sheetState === this.state)
      .map((n) => new NamedRangeImpl(this.wb, this.ctx, n));
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown) {
    addMetadata(this.wb, { type: 'SHEET', sheet: this.state, index: null }, key, value, visibility);
    return this;
  }
  getDeveloperMetadata() {
    return this.wb.metadata
      .filter((m) => m.type === 'SHEET' && m.sheet === this.state)
      .map((m) => new DeveloperMetadataImpl(this.wb, this.ctx as ExecutionContext, m));
  }
  createDeveloperMetadataFinder() {
    return new MetadataFinderImpl(this.wb, this.ctx as ExecutionContext, onSheet(this.state));
  }
  /**
   * Under the last row with data; Workbook.write adds the row when the sheet is full, as Sheets
   * does (https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendrowrowcontents:
   * "Appends a row to the bottom of the current data region in the sheet"), where getRange past the
   * last row would throw.
   */
  appendRow(values: unknown[]) {
    this.wb.write(this.state, this.wb.lastRow(this.state) + 1, 0, [values]);
    return this;
  }
  insertRowsAfter(after: number, n: number) {
    this.wb.hf.addRows(this.state.hfId, [after, n]);
    this.state.shift('row', after, n);
    this.state.maxRows += n;
    return this;
  }
  insertRowsBefore(before: number, n: number) {
    return this.insertRowsAfter(before - 1, n);
  }
  insertRows(before: number, n = 1) {
    this.insertRowsAfter(before - 1, n);
  }
  insertRowAfter(after: number) {
    return this.insertRowsAfter(after, 1);
  }
  insertRowBefore(before: number) {
    return this.insertRowsAfter(before - 1, 1);
  }
  deleteRows(start: number, n: number) {
    this.wb.hf.removeRows(this.state.hfId, [start - 1, n]);
    this.state.shift('row', start - 1, -n);
    this.state.maxRows -= n;
  }
  deleteRow(row: number) {
    this.deleteRows(row, 1);
    return this;
  }
  insertColumnsAfter(after: number, n: number) {
    this.wb.hf.addColumns(this.state.hfId, [after, n]);
    this.state.shift('col', after, n);
    this.state.maxColumns += n;
    return this;
  }
  insertColumnsBefore(before: number, n: number) {
    return this.insertColumnsAfter(before - 1, n);
  }
  insertColumns(before: number, n = 1) {
    this.insertColumnsAfter(before - 1, n);
  }
  insertColumnAfter(after: number) {
    return this.insertColumnsAfter(after, 1);
  }
  insertColumnBefore(before: number) {
    return this.insertColumnsAfter(before - 1, 1);
  }
  deleteColumn(col: number) {
    this.deleteColumns(col, 1);
    return this;
  }
  deleteColumns(start: number, n: number) {
    this.wb.hf.removeColumns(this.state.hfId, [start - 1, n]);
    this.state.shift('col', start - 1, -n);
    this.state.maxColumns -= n;
  }
  clear() {
    this.wb.hf.clearSheet(this.state.hfId);
    this.state.cells.clear();
    return this;
  }
  clearContents() {
    this.wb.hf.clearSheet(this.state.hfId);
    return this;
  }
  clearNotes() {
    for (const rec of this.state.cells.values()) delete rec.note;
    return this;
  }
  setFrozenRows(n: number) {
    this.state.frozenRows = n;
  }
  getFrozenRows() {
    return this.state.frozenRows;
  }
  setFrozenColumns(n: number) {
    this.state.frozenColumns = n;
  }
  getFrozenColumns() {
    return this.state.frozenColumns;
  }
  hideRows(row: number, n = 1) {
    for (let r = row; r < row + n; r++) this.state.hiddenRows.add(r);
  }
  showRows(row: number, n = 1) {
    for (let r = row; r < row + n; r++) this.state.hiddenRows.delete(r);
  }
  isRowHiddenByUser(row: number) {
    return this.state.hiddenRows.has(row);
  }
  hideSheet() {
    if (this.wb.sheets.every((s) => s === this.state || s.hiddenSheet))
      throw new Error("Exception: You can't hide all the sheets in a document.");
    this.state.hiddenSheet = true;
    return this;
  }
  showSheet() {
    this.state.hiddenSheet = false;
    return this;
  }
  isSheetHidden() {
    return this.state.hiddenSheet;
  }
  getRowHeight(row: number) {
    return this.state.heights.get(row) ?? 21;
  }
  setRowHeight(row: number, height: number) {
    this.state.heights.set(row, height);
    return this;
  }
  setRowHeights(start: number, n: number, height: number) {
    for (let r = start; r < start + n; r++) this.state.heights.set(r, height);
    return this;
  }
  getType() {
    return SpreadsheetEnums.SheetType.GRID;
  }
  getSheetValues(row: number, col: number, numRows: number, numCols: number) {
    const rows = numRows === -1 ? Math.max(1, this.getLastRow() - row + 1) : numRows;
    const cols = numCols === -1 ? Math.max(1, this.getLastColumn() - col + 1) : numCols;
    return insideSheet(this.#range(row, col, rows, cols)).getValues();
  }
  getActiveRange() {
    return this.#range(...(this.state.selection ?? [1, 1, 1, 1]));
  }
  getActiveCell() {
    const [r, c] = this.state.selection ?? [1, 1];
    return this.#range(r, c, 1, 1);
  }
  getCurrentCell() {
    return this.getActiveCell();
  }
  setActiveRange(range: RangeImpl) {
    this.state.selection = [range.row, range.col, range.numRows, range.numCols];
    this.activate();
    return range;
  }
  setActiveSelection(range: RangeImpl | string) {
    return this.setActiveRange(typeof range === 'string' ? this.getRange(range) : range);
  }
  setCurrentCell(cell: RangeImpl) {
    return this.setActiveRange(cell);
  }
  clearFormats() {
    for (const [k, rec] of this.state.cells) {
      for (const key of Object.keys(rec)) if (key !== 'note' && key !== 'validation') delete rec[key];
      if (!Object.keys(rec).length) this.state.cells.delete(k);
    }
    return this;
  }
  setColumnWidth(col: number, width: number) {
    this.state.widths.set(col, width);
    return this;
  }
  setColumnWidths(start: number, n: number, width: number) {
    for (let c = start; c < start + n; c++) this.state.widths.set(c, width);
    return this;
  }
  getColumnWidth(col: number) {
    return this.state.widths.get(col) ?? 100;
  }
  autoResizeColumns(start: number, n: number) {
    for (let c = start; c < start + n; c++) this.state.widths.delete(c);
    return this;
  }
  hideColumns(col: number, n = 1) {
    for (let c = col; c < col + n; c++) this.state.hidden.add(c);
  }
  showColumns(col: number, n = 1) {
    for (let c = col; c < col + n; c++) this.state.hidden.delete(c);
  }
  isColumnHiddenByUser(col: number) {
    return this.state.hidden.has(col);
  }
  setTabColor(color: string | null) {
    this.state.tabColor = color;
    return this;
  }
  getTabColor() {
    return this.state.tabColor;
  }
  getProtections(type?: unknown) {
    const wanted = enumName(type ?? 'RANGE');
    return this.state.protections
      .filter((p) => (wanted === 'SHEET' ? p.range === null : p.range !== null))
      .map((p) => new ProtectionImpl(this.state, p, this.#protected(p.range)));
  }
  #protected(block: [number, number, number, number] | null) {
    return () =>
      block ? this.#range(...block) : this.#range(1, 1, this.state.maxRows, this.state.maxColumns);
  }
  protect() {
    const rec = { id: this.wb.nextId('protection'), range: null, warningOnly: false, description: '' };
    this.state.protections.push(rec);
    return new ProtectionImpl(this.state, rec, this.#protected(null));
  }
  newChart() {
    return new ChartBuilderImpl(this.state, this.#resolve, this.#nextChart);
  }
  insertChart(chart: ChartImpl) {
    this.state.charts.push(structuredClone(chart.rec));
  }
  getCharts() {
    return this.state.charts.map((c) => new ChartImpl(c, this.state, this.#resolve, this.#nextChart));
  }
  removeChart(chart: ChartImpl) {
    this.state.charts = this.state.charts.filter((c) => c.id !== chart.rec.id);
  }
  updateChart(chart: ChartImpl) {
    this.state.charts = this.state.charts.map((c) =>
      c.id === chart.rec.id ? structuredClone(chart.rec) : c,
    );
  }
  copyTo(spreadsheet: SpreadsheetImpl) {
    return new SheetImpl(spreadsheet.wb, this.wb.copySheet(this.state, spreadsheet.wb), this.ctx);
  }
  activate() {
    this.wb.activeSheet = this.wb.sheets.indexOf(this.state);
    return this;
  }
}
