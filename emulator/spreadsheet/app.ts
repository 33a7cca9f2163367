/**
 * The SpreadsheetApp global of one execution
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app), and Charts.
 * Each class lives in its own file (range.ts, sheet.ts, spreadsheet.ts...); every object reaches the
 * script through wrap.ts's Proxy, which counts calls as 'Class.method'.
 */
import type { ExecutionContext } from '../contract';
import { DataValidationBuilderImpl } from './data-validation';
import { chartsEnums, SpreadsheetEnums } from './enums';
import { type RangeImpl, resolveAddress } from './range';
import type { SheetImpl } from './sheet';
import { SpreadsheetImpl, type WorkbookRegistry } from './spreadsheet';
import type { Surface } from './surface';
import { ColorBuilderImpl, TextStyleBuilderImpl } from './text-style';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, Workbook } from './workbook';
import { CLASS, wrap } from './wrap';

class SpreadsheetAppImpl implements Surface<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppImpl> {
  [CLASS] = 'SpreadsheetApp';
  constructor(
    readonly ctx: ExecutionContext,
    readonly active: Workbook | null,
    readonly registry: WorkbookRegistry,
  ) {
    Object.assign(this, SpreadsheetEnums);
  }
  getActiveSpreadsheet() {
    if (this.ctx.authMode === 'NONE') {
      throw new Error(
        'Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      );
    }
    return this.active ? new SpreadsheetImpl(this.active, this.ctx, this.registry) : null;
  }
  getActive() {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet() {
    return this.getActiveSpreadsheet()?.getActiveSheet() ?? null;
  }
  getActiveRange() {
    return this.getActiveSpreadsheet()?.getActiveRange() ?? null;
  }
  getCurrentCell() {
    return this.getActiveSpreadsheet()?.getCurrentCell() ?? null;
  }
  setActiveSheet(sheet: SheetImpl) {
    return new SpreadsheetImpl(sheet.wb, this.ctx, this.registry).setActiveSheet(sheet);
  }
  setActiveRange(range: RangeImpl) {
    return new SpreadsheetImpl(range.wb, this.ctx, this.registry).setActiveRange(range);
  }
  /** A new spreadsheet with one sheet, 'Sheet1', that only its creator may open by id. */
  create(name: string, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS) {
    const wb = new Workbook({
      name: String(name),
      timeZone: this.active?.timeZone,
      access: this.ctx.userEmail ? [this.ctx.userEmail] : undefined,
    });
    const sheet = wb.addSheetState('Sheet1');
    sheet.maxRows = rows;
    sheet.maxColumns = columns;
    this.registry.add(wb);
    return new SpreadsheetImpl(wb, this.ctx, this.registry);
  }
  openById(id: string) {
    const wb = this.registry.get(String(id));
    if (!wb)
      throw new Error(
        'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    const user = this.ctx.userEmail.toLowerCase();
    if (wb !== this.active && wb.access && !wb.access.some((e) => e.toLowerCase() === user))
      throw new Error('Exception: You do not have permission to access the requested document.');
    return new SpreadsheetImpl(wb, this.ctx, this.registry);
  }
  openByUrl(url: string) {
    return this.openById(url);
  }
  flush() {}
  getUi() {
    return this.ctx.getUi() as GoogleAppsScript.Base.Ui;
  }
  newDataValidation() {
    const fallback = this.active?.sheets[this.active.activeSheet];
    return new DataValidationBuilderImpl((ref) => {
      const book = this.active;
      if (!book || !fallback) throw new Error('Exception: Range not found');
      return resolveAddress(book, this.ctx, ref, fallback);
    });
  }
  newColor() {
    return new ColorBuilderImpl();
  }
  newTextStyle() {
    return new TextStyleBuilderImpl();
  }
}

/** The SpreadsheetApp global of one execution. */
export function createSpreadsheetApp(
  ctx: ExecutionContext,
  active: Workbook | null,
  registry: WorkbookRegistry,
): object {
  if (active) registry.add(active);
  return wrap(ctx, new SpreadsheetAppImpl(ctx, active, registry));
}

/** The Charts global: its enums (Charts.ChartType.LINE...). */
export const Charts = chartsEnums();
