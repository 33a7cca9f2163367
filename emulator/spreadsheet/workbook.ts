/**
 * One spreadsheet document over HyperFormula: values and formulas live in the engine (so formulas
 * recalculate on write and reads return computed values); what the engine does not model (number
 * formats, notes, validation, protections, fonts, widths, frozen rows, charts) is recorded beside it.
 * Host-side helpers (setSheet, values, snapshot...) are for tests and the preview: not Apps Script API,
 * not counted.
 */
import { type DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import { wallClockFields } from '../services/simple-date-format';
import { engineConfig, trackPasses } from './engine';
import { applySheetsRules, sheetsErrorValue } from './sheets-rules';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

export interface RecordedChart {
  id: string;
  type: string;
  ranges: string[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
}
export interface RecordedValidation {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}
export interface RecordedProtection {
  id: number;
  range: [number, number, number, number] | null;
  warningOnly: boolean;
  description: string;
}

/** Developer metadata: on the spreadsheet, a sheet, or one whole row or column (1-based) of a sheet. */
export interface RecordedMetadata {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  type: 'SPREADSHEET' | 'SHEET' | 'ROW' | 'COLUMN';
  sheet: SheetState | null;
  index: number | null;
}

export class SheetState {
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  /** Hidden by the user: 1-based rows, and the whole sheet. */
  readonly hiddenRows = new Set<number>();
  hiddenSheet = false;
  /** 1-based row -> height in pixels (unset: 21). */
  readonly heights = new Map<number, number>();
  /** The selection, 1-based [row, col, numRows, numCols] (unset: A1). */
  selection: [number, number, number, number] | null = null;
  /** 'row:col' (0-based) -> property -> value: numberFormat, fontWeight, background, note, validation... */
  readonly cells = new Map<string, Record<string, unknown>>();
  readonly widths = new Map<number, number>();
  readonly hidden = new Set<number>();
  protections: RecordedProtection[] = [];
  charts: RecordedChart[] = [];
  /** Merged blocks, 1-based [row, col, numRows, numCols]. */
  merges: [number, number, number, number][] = [];
  tabColor: string | null = null;
  constructor(
    public name: string,
    public readonly gid: number,
    public readonly hfId: number,
  ) {}

  prop(row: number, col: number, key: string): unknown {
    return this.cells.get(`${row}:${col}`)?.[key];
  }
  setProp(row: number, col: number, key: string, value: unknown): void {
    const k = `${row}:${col}`;
    const rec = this.cells.get(k) ?? {};
    if (value === null || value === undefined || value === '') delete rec[key];
    else rec[key] = value;
    if (Object.keys(rec).length) this.cells.set(k, rec);
    else this.cells.delete(k);
  }
  /** Shifts recorded cell properties when rows or columns are inserted or deleted. */
  shift(axis: 'row' | 'col', at: number, by: number): void {
    const moved = new Map<string, Record<string, unknown>>();
    for (const [k, v] of this.cells) {
      const [r, c] = k.split(':').map(Number) as [number, number];
      const pos = axis === 'row' ? r : c;
      if (by < 0 && pos >= at && pos < at - by) continue;
      const np = pos >= at ? pos + by : pos;
      moved.set(axis === 'row' ? `${np}:${c}` : `${r}:${np}`, v);
    }
    this.cells.clear();
    for (const [k, v] of moved) this.cells.set(k, v);
  }
}

let nextWorkbook = 1;

/** Wall-clock time of an instant in a time zone, as milliseconds of a UTC date (whole seconds). */
function wallClock(ms: number, timeZone: string): number {
  const f = wallClockFields(ms, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** A Date's serial number as Sheets stores it: days since 1899-12-30 in the spreadsheet's zone. */
export function dateToSerial(date: Date, timeZone: string): number {
  const ms = date.getTime();
  return (wallClock(ms, timeZone) + (ms % 1000) - EPOCH_MS) / DAY_MS;
}

/** The instant a serial number means in the spreadsheet's zone. */
export function serialToMillis(serial: number, timeZone: string): number {
  const wall = Math.round(serial * DAY_MS) + EPOCH_MS;
  // The zone's offset at an instant, from whole seconds: wallClock drops the milliseconds, which
  // must not be counted as offset (they grew with each pass and could carry into the seconds).
  const offset = (ms: number) => wallClock(ms, timeZone) - (ms - (((ms % 1000) + 1000) % 1000));
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - offset(guess);
  return guess;
}

export function isDateFormat(format: unknown): boolean {
  return (
    typeof format === 'string' && /[dy]/i.test(format.replace(/"[^"]*"/g, '')) && !/^[#0.,%]+$/.test(format)
  );
}

function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export interface WorkbookOptions {
  name?: string;
  timeZone?: string;
  id?: string;
  /** Who may open it with openById/openByUrl (emails); unset: anyone. The active workbook is always open. */
  access?: readonly string[];
}

export class Workbook {
  readonly id: string;
  name: string;
  timeZone: string;
  /** Spreadsheet.getSpreadsheetLocale(); the engine's parsing stays en_US whatever it says. */
  locale = 'en_US';
  readonly hf: HyperFormula;
  sheets: SheetState[] = [];
  activeSheet = 0;
  /** Who may open it by id or URL (emails); null: anyone. */
  access: string[] | null;
  #nextGid = 0;
  readonly #nextIds = { protection: 0, chart: 0, metadata: 0 };
  /** Developer metadata of the document and its sheets, rows and columns. */
  metadata: RecordedMetadata[] = [];

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? `emulated-spreadsheet-${nextWorkbook++}`;
    this.access = options.access ? [...options.access] : null;
    this.name = options.name ?? 'Untitled spreadsheet';
    this.timeZone = options.timeZone ?? 'America/New_York';
    this.hf = HyperFormula.buildEmpty(engineConfig());
    trackPasses(this.hf);
    applySheetsRules(this.hf);
    this.hf.addNamedExpression('TRUE', '=TRUE()');
    this.hf.addNamedExpression('FALSE', '=FALSE()');
  }

  /** The next id of a protection, a chart or developer metadata: counted per workbook, so ids do not depend on test order. */
  nextId(kind: 'protection' | 'chart' | 'metadata'): number {
    this.#nextIds[kind] += 1;
    return this.#nextIds[kind];
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  // ---- sheets -------------------------------------------------------------------------------

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  requireSheet(name: string): SheetState {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet named "${name}".`);
    return s;
  }
  addSheetState(name: string, index = this.sheets.length): SheetState {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const hfName = this.hf.addSheet(`s${this.#nextGid}_${Math.random().toString(36).slice(2, 8)}`);
    this.hf.renameSheet(this.hf.getSheetId(hfName) as number, name);
    const state = new SheetState(
      name,
      this.#nextGid === 0 ? 0 : 100000 + this.#nextGid,
      this.hf.getSheetId(name) as number,
    );
    this.#nextGid++;
    this.sheets.splice(index, 0, state);
    return state;
  }
  removeSheet(state: SheetState): void {
    this.hf.removeSheet(state.hfId);
    this.sheets = this.sheets.filter((s) => s !== state);
    this.activeSheet = Math.min(this.activeSheet, Math.max(0, this.sheets.length - 1));
  }
  renameSheet(state: SheetState, name: string): void {
    if (this.sheets.some((s) => s !== state && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.hf.renameSheet(state.hfId, name);
    state.name = name;
  }

  // ---- cell contents ------------------------------------------------------------------------

  /** What a written value becomes in the engine, as if typed (a Date becomes its serial). */
  toContent(value: unknown): RawCellContent {
    if (value === null || value === undefined || value === '') return null;
    if (isDateValue(value)) return dateToSerial(value, this.timeZone);
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return String(value);
  }

  /**
   * Writes a block at 0-based (row, col), growing the sheet's size to hold it: Sheet.appendRow on a
   * full sheet and the host's setSheet/appendRows rely on that. A script's ranges already end on the
   * sheet (insideSheet in range.ts), so its setValues never grows it.
   */
  write(state: SheetState, row: number, col: number, rows: readonly (readonly unknown[])[]): void {
    // Array.from makes host-realm arrays: the engine refuses arrays made in the script's vm realm.
    const contents = Array.from(rows, (r, i) =>
      Array.from(r, (v, j) =>
        // A plain-text cell ("@") keeps a written string as text, as typing into it does in Sheets.
        typeof v === 'string' &&
        v !== '' &&
        !v.startsWith("'") &&
        state.prop(row + i, col + j, 'numberFormat') === '@'
          ? `'${v}`
          : this.toContent(v),
      ),
    );
    rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (isDateValue(v) && !state.prop(row + i, col + j, 'numberFormat')) {
          state.setProp(row + i, col + j, 'numberFormat', 'M/d/yyyy H:mm:ss');
        }
      });
    });
    state.maxRows = Math.max(state.maxRows, row + rows.length);
    state.maxColumns = Math.max(state.maxColumns, col + (rows[0]?.length ?? 0));
    this.hf.setCellContents({ sheet: state.hfId, row, col }, contents);
  }

  /** The computed value of a cell as getValues returns it (host realm). */
  valueAt(state: SheetState, row: number, col: number, raw: unknown): unknown {
    if (raw === null || raw === undefined) return '';
    if (typeof raw === 'object' && raw !== null && 'type' in raw)
      return sheetsErrorValue((raw as DetailedCellError).value);
    if (typeof raw === 'number') {
      const format = state.prop(row, col, 'numberFormat');
      const detailed = format ? '' : this.hf.getCellValueDetailedType({ sheet: state.hfId, row, col });
      if (isDateFormat(format) || detailed === 'NUMBER_DATE' || detailed === 'NUMBER_DATETIME') {
        return new Date(serialToMillis(raw, this.timeZone));
      }
    }
    return raw;
  }

  /** Computed values of a block (host realm), padded with ''. */
  readBlock(state: SheetState, row: number, col: number, numRows: number, numCols: number): unknown[][] {
    const raw = this.hf.getRangeValues({
      start: { sheet: state.hfId, row, col },
      end: { sheet: state.hfId, row: row + numRows - 1, col: col + numCols - 1 },
    });
    const out: unknown[][] = [];
    for (let i = 0; i < numRows; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < numCols; j++) line.push(this.valueAt(state, row + i, col + j, raw[i]?.[j]));
      out.push(line);
    }
    return out;
  }

  /**
   * A cell that only shows part of another cell's array result (an ARRAYFORMULA spilling down a
   * column): its value is the formula's, not typed. Copies and files must leave it empty, or the
   * formula finds its range occupied and shows #SPILL!.
   */
  isSpilled(state: SheetState, row: number, col: number): boolean {
    const address = { sheet: state.hfId, row, col };
    return this.hf.isCellPartOfArray(address) && !this.hf.doesCellHaveFormula(address);
  }

  /** The sheet's typed contents (values and formulas) with spilled cells left empty. */
  typedContents(state: SheetState): RawCellContent[][] {
    return this.hf
      .getSheetSerialized(state.hfId)
      .map((line, r) =>
        line.map((content, c) => (content !== null && this.isSpilled(state, r, c) ? null : content)),
      ) as RawCellContent[][];
  }

  formulaAt(state: SheetState, row: number, col: number): string {
    const f = this.hf.getCellFormula({ sheet: state.hfId, row, col });
    return f ?? '';
  }

  /**
   * 0-based index of the last row holding content (typedOnly: typed content, formula cells ignored),
   * -1 when empty. Scans up from the bottom cell by cell, so an append to a long sheet reads one row,
   * not the whole sheet.
   */
  #lastRowWith(state: SheetState, typedOnly: boolean): number {
    const { height, width } = this.hf.getSheetDimensions(state.hfId);
    for (let row = height - 1; row >= 0; row--) {
      for (let col = 0; col < width; col++) {
        const v = this.hf.getCellSerialized({ sheet: state.hfId, row, col });
        if (v === null || v === undefined || v === '') continue;
        if (typedOnly && typeof v === 'string' && v.startsWith('=')) continue;
        return row;
      }
    }
    return -1;
  }

  /** 0-based index of the last row holding typed content (formula cells ignored), -1 when empty. */
  lastTypedRow(state: SheetState): number {
    return this.#lastRowWith(state, true);
  }

  /** 0-based index of the last row / column holding content, -1 when empty. */
  lastRow(state: SheetState): number {
    return this.#lastRowWith(state, false);
  }
  lastColumn(state: SheetState): number {
    const { height, width } = this.hf.getSheetDimensions(state.hfId);
    for (let col = width - 1; col >= 0; col--) {
      for (let row = 0; row < height; row++) {
        const v = this.hf.getCellSerialized({ sheet: state.hfId, row, col });
        if (v !== null && v !== undefined && v !== '') return col;
      }
    }
    return -1;
  }

  displayOf(state: SheetState, row: number, col: number, value: unknown): string {
    const format = state.prop(row, col, 'numberFormat');
    if (isDateValue(value))
      return formatDate(value, this.timeZone, typeof format === 'string' ? format : 'M/d/yyyy');
    if (typeof value === 'number' && typeof format === 'string' && format.includes('%')) {
      const decimals = (format.split('.')[1] ?? '').replace(/[^0]/g, '').length;
      return `${(value * 100).toFixed(decimals)}%`;
    }
    if (typeof value === 'number' && typeof format === 'string' && /^[#,0]*0(\.0+)?$/.test(format)) {
      const decimals = (format.split('.')[1] ?? '').length;
      return value.toFixed(decimals);
    }
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    return value === '' ? '' : String(value);
  }

  // ---- host-side helpers for tests and the preview --------------------------------------------

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  setSheet(name: string, rows: unknown[][]): void {
    const state = this.sheet(name) ?? this.addSheetState(name);
    this.hf.clearSheet(state.hfId);
    if (rows.length) this.write(state, 0, 0, pad(rows));
  }
  appendRows(name: string, rows: unknown[][]): void {
    if (!rows.length) return;
    const state = this.requireSheet(name);
    // After the last typed row, so rows land under the data even beside a column's ARRAYFORMULA.
    const start = this.lastTypedRow(state) + 1;
    this.hf.batch(() => this.write(state, start, 0, pad(rows)));
  }
  values(name: string): unknown[][] {
    const state = this.requireSheet(name);
    const rows = this.lastRow(state) + 1;
    const cols = this.lastColumn(state) + 1;
    return rows && cols ? this.readBlock(state, 0, 0, rows, cols) : [];
  }
  formulas(name: string): string[][] {
    const state = this.requireSheet(name);
    const rows = this.lastRow(state) + 1;
    const cols = this.lastColumn(state) + 1;
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => this.formulaAt(state, r, c)),
    );
  }
  displayValues(name: string): string[][] {
    const state = this.requireSheet(name);
    return this.values(name).map((row, r) => row.map((v, c) => this.displayOf(state, r, c, v)));
  }
  /** Everything a person could see or a script could read, as JSON, for before/after comparisons. */
  snapshot(): unknown {
    return this.sheets.map((s) => ({
      name: s.name,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
      hiddenSheet: s.hiddenSheet,
      heights: [...s.heights.entries()].sort((a, b) => a[0] - b[0]),
      contents: this.hf.getSheetSerialized(s.hfId),
      cells: [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b)),
      widths: [...s.widths.entries()].sort((a, b) => a[0] - b[0]),
      hidden: [...s.hidden].sort((a, b) => a - b),
      protections: s.protections.map(({ id: _id, ...p }) => p),
      charts: s.charts.map(({ id: _id, ...c }) => c),
      merges: s.merges,
      tabColor: s.tabColor,
    }));
  }
  /** Copies a sheet's typed contents and records onto `target` of workbook `to` (this one or another). */
  #copySheetInto(s: SheetState, to: Workbook, target: SheetState): void {
    const contents = this.typedContents(s);
    if (contents.length) to.hf.setCellContents({ sheet: target.hfId, row: 0, col: 0 }, contents);
    target.maxRows = s.maxRows;
    target.maxColumns = s.maxColumns;
    target.frozenRows = s.frozenRows;
    target.frozenColumns = s.frozenColumns;
    for (const r of s.hiddenRows) target.hiddenRows.add(r);
    target.hiddenSheet = s.hiddenSheet;
    for (const [k, v] of s.heights) target.heights.set(k, v);
    for (const [k, v] of s.cells) target.cells.set(k, structuredClone(v));
    for (const [k, v] of s.widths) target.widths.set(k, v);
    for (const h of s.hidden) target.hidden.add(h);
    target.protections = structuredClone(s.protections);
    target.charts = structuredClone(s.charts);
    target.merges = structuredClone(s.merges);
    target.tabColor = s.tabColor;
  }
  /**
   * Sheet.copyTo: a copy of the sheet, named 'Copy of <name>', at the end of workbook `to`. Its
   * formulas are copied as typed; one naming a sheet `to` lacks reads #REF!, as in Sheets.
   */
  copySheet(s: SheetState, to: Workbook): SheetState {
    let name = `Copy of ${s.name}`;
    for (let n = 2; to.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()); n++)
      name = `Copy of ${s.name} ${n}`;
    const target = to.addSheetState(name);
    this.#copySheetInto(s, to, target);
    return target;
  }
  clone(name?: string): Workbook {
    const copy = new Workbook({ name: name ?? `Copy of ${this.name}`, timeZone: this.timeZone });
    for (const s of this.sheets) copy.addSheetState(s.name);
    // Contents after every sheet exists, so cross-sheet formulas resolve.
    this.sheets.forEach((s, i) => {
      this.#copySheetInto(s, copy, copy.sheets[i] as SheetState);
    });
    // Named ranges are the engine's named expressions (beside the TRUE and FALSE every workbook has).
    for (const name of this.hf.listNamedExpressions()) {
      const formula = this.hf.getNamedExpressionFormula(name);
      if (formula && !copy.hf.isItPossibleToAddNamedExpression(name, formula)) continue;
      if (formula) copy.hf.addNamedExpression(name, formula);
    }
    const sheetOf = (s: SheetState | null) => (s ? (copy.sheets[this.sheets.indexOf(s)] ?? null) : null);
    copy.metadata = this.metadata.map((m) => ({ ...m, sheet: sheetOf(m.sheet) }));
    Object.assign(copy.#nextIds, this.#nextIds);
    return copy;
  }
  static async fromXlsx(data: Buffer | string): Promise<Workbook> {
    const { readXlsx } = await import('./xlsx');
    return readXlsx(data);
  }
  async toXlsx(): Promise<Buffer> {
    const { writeXlsx } = await import('./xlsx');
    return writeXlsx(this);
  }
}

function pad(rows: unknown[][]): unknown[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length === width ? r : [...r, ...Array(width - r.length).fill('')]));
}

/** Formats a date with a Sheets number format (yyyy, mm/MM, dd, d, H, mm minutes, ss). */
export function formatDate(date: Date, timeZone: string, format: string): string {
  const wall = new Date(wallClock(date.getTime(), timeZone));
  const two = (n: number) => String(n).padStart(2, '0');
  return format.replace(
    /yyyy|yy|mmmm|mmm|MM|mm|M|m|dd|d|HH|H|hh|h|ss|s/g,
    (token, offset: number, whole: string) => {
      const before = whole.slice(0, offset);
      const minuteContext = /[Hh][^a-zA-Z]*$/.test(before);
      switch (token) {
        case 'yyyy':
          return String(wall.getUTCFullYear());
        case 'yy':
          return two(wall.getUTCFullYear() % 100);
        case 'mmmm':
          return wall.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
        case 'mmm':
          return wall.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
        case 'MM':
        case 'mm':
          return minuteContext ? two(wall.getUTCMinutes()) : two(wall.getUTCMonth() + 1);
        case 'M':
        case 'm':
          return minuteContext ? String(wall.getUTCMinutes()) : String(wall.getUTCMonth() + 1);
        case 'dd':
          return two(wall.getUTCDate());
        case 'd':
          return String(wall.getUTCDate());
        case 'HH':
        case 'hh':
          return two(wall.getUTCHours());
        case 'H':
        case 'h':
          return String(wall.getUTCHours());
        case 'ss':
          return two(wall.getUTCSeconds());
        default:
          return String(wall.getUTCSeconds());
      }
    },
  );
}
