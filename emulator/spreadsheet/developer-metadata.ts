/**
 * Developer metadata (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata):
 * key/value pairs a script attaches to the spreadsheet, a sheet, or a whole row or column, found
 * again with a DeveloperMetadataFinder. Row and column locations are recorded by position: inserting
 * rows above one does not move it here (Sheets moves it), so that is the limit of this emulation.
 */
import type { ExecutionContext } from '../contract';
import { NotEmulatedError } from '../contract';
import { enumName } from '../services/host-object';
import { SpreadsheetEnums } from './enums';
import { RangeImpl } from './range';
import { SheetImpl } from './sheet';
import { SpreadsheetImpl } from './spreadsheet';
import type { Surface } from './surface';
import type { RecordedMetadata, SheetState, Workbook } from './workbook';
import { CLASS } from './wrap';

type Location = Pick<RecordedMetadata, 'type' | 'sheet' | 'index'>;

/** Where a range's metadata goes: Sheets takes only a whole row or a whole column. */
export function rangeLocation(range: RangeImpl): Location {
  if (range.whole === 'rows' && range.numRows === 1)
    return { type: 'ROW', sheet: range.sheetState, index: range.row };
  if (range.whole === 'columns' && range.numCols === 1)
    return { type: 'COLUMN', sheet: range.sheetState, index: range.col };
  throw new Error(
    'Exception: Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
  );
}

export function addMetadata(
  wb: Workbook,
  at: Location,
  key: string,
  value?: unknown,
  visibility?: unknown,
): void {
  if (typeof key !== 'string' || !key) throw new Error('Exception: Developer metadata needs a key.');
  // (key, visibility) passes the enum second; (key, value, visibility) the value.
  const second = value !== undefined && typeof value === 'object' && value !== null;
  const vis = enumName(second ? value : (visibility ?? 'DOCUMENT'));
  wb.metadata.push({
    id: wb.nextId('metadata'),
    key,
    value: second || value === undefined ? null : String(value),
    visibility: vis === 'PROJECT' ? 'PROJECT' : 'DOCUMENT',
    ...at,
  });
}

export class DeveloperMetadataImpl
  implements Surface<GoogleAppsScript.Spreadsheet.DeveloperMetadata, DeveloperMetadataImpl>
{
  [CLASS] = 'DeveloperMetadata';
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext,
    readonly rec: RecordedMetadata,
  ) {}
  getId() {
    return this.rec.id;
  }
  getKey() {
    return this.rec.key;
  }
  getValue() {
    return this.rec.value;
  }
  getVisibility() {
    return SpreadsheetEnums.DeveloperMetadataVisibility[this.rec.visibility];
  }
  getLocation() {
    return new MetadataLocationImpl(this.wb, this.ctx, this.rec);
  }
  setKey(key: string) {
    this.rec.key = key;
    return this;
  }
  setValue(value: string) {
    this.rec.value = value;
    return this;
  }
  setVisibility(visibility: unknown) {
    this.rec.visibility = enumName(visibility) === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
    return this;
  }
  moveToSpreadsheet() {
    Object.assign(this.rec, { type: 'SPREADSHEET', sheet: null, index: null });
    return this;
  }
  moveToSheet(sheet: SheetImpl) {
    Object.assign(this.rec, { type: 'SHEET', sheet: sheet.state, index: null });
    return this;
  }
  moveToRow(row: RangeImpl) {
    Object.assign(this.rec, rangeLocation(row));
    return this;
  }
  moveToColumn(column: RangeImpl) {
    Object.assign(this.rec, rangeLocation(column));
    return this;
  }
  remove() {
    this.wb.metadata = this.wb.metadata.filter((m) => m !== this.rec);
  }
}

export class MetadataLocationImpl
  implements Surface<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, MetadataLocationImpl>
{
  [CLASS] = 'DeveloperMetadataLocation';
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext,
    readonly rec: RecordedMetadata,
  ) {}
  getLocationType() {
    return SpreadsheetEnums.DeveloperMetadataLocationType[this.rec.type];
  }
  getSpreadsheet() {
    return this.rec.type === 'SPREADSHEET' ? new SpreadsheetImpl(this.wb, this.ctx) : null;
  }
  getSheet() {
    return this.rec.sheet && this.rec.type === 'SHEET'
      ? new SheetImpl(this.wb, this.rec.sheet, this.ctx)
      : null;
  }
  #line(type: 'ROW' | 'COLUMN') {
    const { sheet, index } = this.rec;
    if (this.rec.type !== type || !sheet || index === null) return null;
    const p =
      type === 'ROW'
        ? { row: index, col: 1, numRows: 1, numCols: sheet.maxColumns, whole: 'rows' as const }
        : { row: 1, col: index, numRows: sheet.maxRows, numCols: 1, whole: 'columns' as const };
    return RangeImpl.at(this.wb, sheet, this.ctx, p);
  }
  getRow() {
    return this.#line('ROW');
  }
  getColumn() {
    return this.#line('COLUMN');
  }
}

export class MetadataFinderImpl
  implements Surface<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, MetadataFinderImpl>
{
  [CLASS] = 'DeveloperMetadataFinder';
  readonly #tests: ((m: RecordedMetadata) => boolean)[] = [];
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext,
    /** The finder's scope: everything, one sheet's, or one row's or column's. */
    readonly scope: (m: RecordedMetadata) => boolean,
  ) {}
  #where(test: (m: RecordedMetadata) => boolean) {
    this.#tests.push(test);
    return this;
  }
  withId(id: number) {
    return this.#where((m) => m.id === id);
  }
  withKey(key: string) {
    return this.#where((m) => m.key === key);
  }
  withValue(value: string) {
    return this.#where((m) => m.value === value);
  }
  withVisibility(visibility: unknown) {
    return this.#where((m) => m.visibility === enumName(visibility));
  }
  withLocationType(type: unknown) {
    return this.#where((m) => m.type === enumName(type));
  }
  onIntersectingLocations(): MetadataFinderImpl {
    throw new NotEmulatedError('DeveloperMetadataFinder.onIntersectingLocations');
  }
  find() {
    return this.wb.metadata
      .filter((m) => this.scope(m) && this.#tests.every((t) => t(m)))
      .map((m) => new DeveloperMetadataImpl(this.wb, this.ctx, m));
  }
}

/** Metadata located on a sheet, or on any of its rows and columns. */
export function onSheet(state: SheetState): (m: RecordedMetadata) => boolean {
  return (m) => m.sheet === state;
}
