/**
 * Spreadsheet (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet): one
 * Workbook, and the registry of every workbook the emulator holds (for openById / openByUrl).
 */
import type { ExecutionContext } from '../contract';
import { splitSheet } from './a1';
import { addMetadata, DeveloperMetadataImpl, MetadataFinderImpl } from './developer-metadata';
import { NamedRangeImpl, namedRangeOf, rangeNames, removeNamedRange, setNamedRange } from './named-range';
import type { RangeImpl } from './range';
import { RangeListImpl } from './range-list';
import { SheetImpl } from './sheet';
import type { Surface } from './surface';
import { TextFinderImpl } from './text-finder';
import type { SheetState, Workbook } from './workbook';
import { CLASS } from './wrap';

export class WorkbookRegistry {
  readonly #books = new Map<string, Workbook>();
  add(wb: Workbook): void {
    this.#books.set(wb.id, wb);
  }
  /** The workbook with this id, or whose URL (…/d/<id>/…) this is. */
  get(idOrUrl: string): Workbook | undefined {
    const m = /\/d\/([^/]+)/.exec(idOrUrl);
    return this.#books.get(m ? (m[1] as string) : idOrUrl);
  }
  all(): Workbook[] {
    return [...this.#books.values()];
  }
}

export class SpreadsheetImpl implements Surface<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetImpl> {
  [CLASS] = 'Spreadsheet';
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext,
    readonly registry?: WorkbookRegistry,
  ) {}
  #sheet(s: SheetState) {
    return new SheetImpl(this.wb, s, this.ctx);
  }
  #active() {
    const s = this.wb.sheets[this.wb.activeSheet];
    if (!s) throw new Error('Exception: The spreadsheet has no sheets.');
    return this.#sheet(s);
  }
  getId() {
    return this.wb.id;
  }
  getName() {
    return this.wb.name;
  }
  rename(name: string) {
    this.wb.name = name;
  }
  getUrl() {
    return this.wb.url;
  }
  getSpreadsheetTimeZone() {
    return this.wb.timeZone;
  }
  setSpreadsheetTimeZone(tz: string) {
    this.wb.timeZone = tz;
  }
  getSheets() {
    return this.wb.sheets.map((s) => this.#sheet(s));
  }
  getNumSheets() {
    return this.wb.sheets.length;
  }
  getSheetByName(name: string) {
    const s = this.wb.sheet(name);
    return s ? this.#sheet(s) : null;
  }
  getSheetById(id: number) {
    const s = this.wb.sheets.find((x) => x.gid === id);
    return s ? this.#sheet(s) : null;
  }
  getActiveSheet() {
    return this.#active();
  }
  setActiveSheet(sheet: SheetImpl) {
    this.wb.activeSheet = Math.max(0, this.wb.sheets.indexOf(sheet.state));
    return sheet;
  }
  insertSheet(nameOrIndex?: string | number, index?: number) {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : `Sheet${this.wb.sheets.length + 1}`;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this.wb.sheets.length);
    const state = this.wb.addSheetState(name, at);
    this.wb.activeSheet = this.wb.sheets.indexOf(state);
    return this.#sheet(state);
  }
  /** A copy of the active sheet, placed after it and made active. */
  duplicateActiveSheet() {
    const active = this.#active().state;
    const state = this.wb.copySheet(active, this.wb);
    this.wb.sheets = this.wb.sheets.filter((s) => s !== state);
    this.wb.sheets.splice(this.wb.sheets.indexOf(active) + 1, 0, state);
    this.wb.activeSheet = this.wb.sheets.indexOf(state);
    return this.#sheet(state);
  }
  deleteSheet(sheet: SheetImpl) {
    if (this.wb.sheets.length === 1)
      throw new Error("Exception: You can't remove all the sheets in a document.");
    this.wb.removeSheet(sheet.state);
  }
  // The active sheet's own methods, which Spreadsheet offers too.
  getActiveRange() {
    return this.#active().getActiveRange();
  }
  getActiveCell() {
    return this.#active().getActiveCell();
  }
  getCurrentCell() {
    return this.#active().getCurrentCell();
  }
  setActiveRange(range: RangeImpl) {
    return new SheetImpl(this.wb, range.sheetState, this.ctx).setActiveRange(range);
  }
  setActiveSelection(range: RangeImpl | string) {
    return typeof range === 'string'
      ? this.#active().setActiveSelection(this.getRange(range))
      : this.setActiveRange(range);
  }
  getDataRange() {
    return this.#active().getDataRange();
  }
  getLastRow() {
    return this.#active().getLastRow();
  }
  getLastColumn() {
    return this.#active().getLastColumn();
  }
  getFrozenRows() {
    return this.#active().getFrozenRows();
  }
  setFrozenRows(rows: number) {
    this.#active().setFrozenRows(rows);
  }
  getSheetValues(row: number, col: number, numRows: number, numCols: number) {
    return this.#active().getSheetValues(row, col, numRows, numCols);
  }
  getSpreadsheetLocale() {
    return this.wb.locale;
  }
  setSpreadsheetLocale(locale: string) {
    this.wb.locale = locale;
  }
  getRange(a1: string) {
    const [name, rest] = splitSheet(a1);
    const state = name ? this.wb.sheet(name) : this.wb.sheets[this.wb.activeSheet];
    if (!state) throw new Error('Exception: Range not found');
    return new SheetImpl(this.wb, state, this.ctx).getRange(rest);
  }
  getRangeList(a1Notations: string[]) {
    return new RangeListImpl(a1Notations.map((a1) => this.getRange(a1)));
  }
  getRangeByName(name: string) {
    return namedRangeOf(this.wb, this.ctx, name);
  }
  getNamedRanges() {
    return rangeNames(this.wb).map((n) => new NamedRangeImpl(this.wb, this.ctx, n));
  }
  setNamedRange(name: string, range: RangeImpl) {
    setNamedRange(this.wb, name, range);
  }
  removeNamedRange(name: string) {
    removeNamedRange(this.wb, name);
  }
  createTextFinder(findText: string) {
    const areas = this.wb.sheets.map((state) => ({
      state,
      block: { row: 1, col: 1, numRows: state.maxRows, numCols: state.maxColumns },
    }));
    return new TextFinderImpl(this.wb, this.ctx, areas, findText);
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown) {
    addMetadata(this.wb, { type: 'SPREADSHEET', sheet: null, index: null }, key, value, visibility);
    return this;
  }
  getDeveloperMetadata() {
    return this.wb.metadata
      .filter((m) => m.type === 'SPREADSHEET')
      .map((m) => new DeveloperMetadataImpl(this.wb, this.ctx, m));
  }
  createDeveloperMetadataFinder() {
    return new MetadataFinderImpl(this.wb, this.ctx, () => true);
  }
  copy(name: string) {
    const copy = this.wb.clone(name);
    this.registry?.add(copy);
    return new SpreadsheetImpl(copy, this.ctx, this.registry);
  }
  getOwner() {
    return null;
  }
  /** A toast is a passing message: it changes nothing in the sheet, and is recorded on the run's ui. */
  toast(message: unknown, title?: unknown, _seconds?: number | null) {
    this.ctx.toast(String(message ?? ''), title === undefined || title === null ? '' : String(title));
  }
}
