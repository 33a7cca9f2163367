/**
 * SpreadsheetApp and the objects it returns, over a Workbook. Every method call is counted through
 * the execution's context as 'Class.method'; a method not written here throws
 * `Not emulated: Class.method` (one Proxy for all classes, so there is no silent gap).
 */
import { type ExecutionContext, NotEmulatedError } from '../contract';
import { translateFormula } from './formula-refs';
import { sortBlock, sortKeys } from './sort';
import type { RecordedValidation, SheetState, Workbook } from './workbook';

export class WorkbookRegistry {
  readonly #books = new Map<string, Workbook>();
  add(wb: Workbook): void {
    this.#books.set(wb.id, wb);
  }
  get(idOrUrl: string): Workbook | undefined {
    const m = /\/d\/([^/]+)/.exec(idOrUrl);
    return this.#books.get(m ? (m[1] as string) : idOrUrl);
  }
  all(): Workbook[] {
    return [...this.#books.values()];
  }
}

const CLASS = Symbol('emulatedClass');
const WRAPPED = Symbol('wrapped');

/** Wraps an emulated object: counts calls, wraps returned objects, refuses what is not emulated. */
function wrap<T extends object>(ctx: ExecutionContext, target: T): T {
  const className = (target as { [CLASS]?: string })[CLASS] ?? 'Object';
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === WRAPPED) return true;
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON' || prop === 'constructor') {
        return Reflect.get(obj, prop, receiver);
      }
      const value = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function') {
        if (value !== undefined) return value;
        return () => {
          throw new NotEmulatedError(`${className}.${String(prop)}`);
        };
      }
      return (...args: unknown[]) => {
        ctx.count(`${className}.${String(prop)}`);
        const result = value.apply(obj, args);
        return wrapResult(ctx, result);
      };
    },
  });
}

function wrapResult(ctx: ExecutionContext, result: unknown): unknown {
  if (
    Array.isArray(result) &&
    result.length &&
    result.every((r) => r && typeof r === 'object' && CLASS in r)
  ) {
    return result.map((r) => wrap(ctx, r));
  }
  if (
    result &&
    typeof result === 'object' &&
    CLASS in result &&
    !(result as { [WRAPPED]?: boolean })[WRAPPED]
  ) {
    return wrap(ctx, result as object);
  }
  return result;
}

/** Turns host values into the script's realm: Dates and arrays of the script's own constructors. */
function toScript(ctx: ExecutionContext, rows: unknown[][]): unknown[][] {
  const out = new ctx.realm.Array() as unknown[][];
  for (const row of rows) {
    const line = new ctx.realm.Array() as unknown[];
    for (const v of row) line.push(v instanceof Date ? new ctx.realm.Date(v.getTime()) : v);
    out.push(line);
  }
  return out;
}

// ---- A1 notation --------------------------------------------------------------------------------

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function colLetters(col1: number): string {
  let n = col1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Parses 'A1', 'A1:C3', 'A:A', 'A2:A', '2:2' into 1-based row, col, numRows, numCols. */
function parseA1(a1: string, state: SheetState): [number, number, number, number] {
  const m = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/.exec(a1.trim());
  if (!m || (!m[1] && !m[2])) throw new Error(`Range not found`);
  const [, c1, r1, c2 = c1, r2 = m[3] === undefined ? r1 : m[4]] = m as unknown as string[];
  const row = r1 ? Number(r1) : 1;
  const col = c1 ? colIndex(c1 as string) : 1;
  const lastRow = r2 ? Number(r2) : state.maxRows;
  const lastCol = c2 ? colIndex(c2 as string) : state.maxColumns;
  return [
    Math.min(row, lastRow),
    Math.min(col, lastCol),
    Math.abs(lastRow - row) + 1,
    Math.abs(lastCol - col) + 1,
  ];
}

function splitSheet(a1: string): [string | null, string] {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(a1);
  if (!m) return [null, a1];
  return [(m[1] ?? m[2] ?? '').replace(/''/g, "'"), m[3] as string];
}

// ---- classes ------------------------------------------------------------------------------------

class DataValidationImpl {
  [CLASS] = 'DataValidation';
  constructor(readonly rec: RecordedValidation) {}
  getCriteriaType() {
    return this.rec.criteria;
  }
  getCriteriaValues() {
    return [...this.rec.values];
  }
  getAllowInvalid() {
    return this.rec.allowInvalid;
  }
  getHelpText() {
    return this.rec.helpText;
  }
  copy() {
    return new DataValidationBuilderImpl({ ...this.rec });
  }
}

class DataValidationBuilderImpl {
  [CLASS] = 'DataValidationBuilder';
  constructor(
    readonly rec: RecordedValidation = { criteria: '', values: [], allowInvalid: true, helpText: '' },
  ) {}
  #set(criteria: string, values: unknown[]) {
    this.rec.criteria = criteria;
    this.rec.values = values;
    return this;
  }
  requireValueInList(values: string[], showDropdown = true) {
    return this.#set('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: RangeImpl, showDropdown = true) {
    return this.#set('VALUE_IN_RANGE', [`${range.sheetState.name}!${range.getA1Notation()}`, showDropdown]);
  }
  requireCheckbox() {
    return this.#set('CHECKBOX', []);
  }
  requireDate() {
    return this.#set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(d: Date) {
    return this.#set('DATE_AFTER', [d]);
  }
  requireDateBefore(d: Date) {
    return this.#set('DATE_BEFORE', [d]);
  }
  requireDateOnOrAfter(d: Date) {
    return this.#set('DATE_ON_OR_AFTER', [d]);
  }
  requireDateOnOrBefore(d: Date) {
    return this.#set('DATE_ON_OR_BEFORE', [d]);
  }
  requireNumberBetween(a: number, b: number) {
    return this.#set('NUMBER_BETWEEN', [a, b]);
  }
  requireNumberGreaterThanOrEqualTo(a: number) {
    return this.#set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [a]);
  }
  requireTextIsEmail() {
    return this.#set('TEXT_IS_VALID_EMAIL', []);
  }
  requireFormulaSatisfied(formula: string) {
    return this.#set('CUSTOM_FORMULA', [formula]);
  }
  setAllowInvalid(allow: boolean) {
    this.rec.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.rec.helpText = text;
    return this;
  }
  build() {
    if (!this.rec.criteria) throw new Error('Exception: You must specify a validation criteria.');
    return new DataValidationImpl({ ...this.rec, values: [...this.rec.values] });
  }
}

class ProtectionImpl {
  [CLASS] = 'Protection';
  constructor(
    readonly sheet: SheetState,
    readonly rec: {
      id: number;
      range: [number, number, number, number] | null;
      warningOnly: boolean;
      description: string;
    },
    readonly wb: Workbook,
  ) {}
  setWarningOnly(w: boolean) {
    this.rec.warningOnly = w;
    return this;
  }
  isWarningOnly() {
    return this.rec.warningOnly;
  }
  setDescription(d: string) {
    this.rec.description = d;
    return this;
  }
  getDescription() {
    return this.rec.description;
  }
  getRange() {
    const r = this.rec.range;
    return r
      ? new RangeImpl(this.wb, this.sheet, ...r)
      : new RangeImpl(this.wb, this.sheet, 1, 1, this.sheet.maxRows, this.sheet.maxColumns);
  }
  remove() {
    this.sheet.protections = this.sheet.protections.filter((p) => p.id !== this.rec.id);
  }
  canEdit() {
    return true;
  }
}

let nextProtection = 1;
/** What Apps Script's getNumberFormat reports for a cell nobody formatted (not 'General'). */
const AUTOMATIC_FORMAT = '0.###############';
let nextChart = 1;

/** Turns a recorded 'Sheet!A1:B2' back into a Range of the execution. */
type RangeResolver = (ref: string) => RangeImpl;

class ChartImpl {
  [CLASS] = 'EmbeddedChart';
  constructor(
    readonly rec: SheetState['charts'][number],
    readonly resolve: RangeResolver,
  ) {}
  getChartId() {
    return Number(this.rec.id);
  }
  getId() {
    return this.rec.id;
  }
  getOptions() {
    return { get: (k: string) => this.rec.options[k] };
  }
  /** Ranges, as Apps Script returns them (Range objects, not text). */
  getRanges() {
    return this.rec.ranges.map(this.resolve);
  }
  modify() {
    return new ChartBuilderImpl(this.sheet, this.resolve, { ...this.rec, ranges: [...this.rec.ranges] });
  }
  sheet!: SheetState;
}

class ChartBuilderImpl {
  [CLASS] = 'EmbeddedChartBuilder';
  constructor(
    readonly sheet: SheetState,
    readonly resolve: RangeResolver,
    readonly rec: SheetState['charts'][number] = {
      id: '',
      type: 'LINE',
      ranges: [],
      position: [1, 1, 0, 0],
      options: {},
    },
  ) {}
  addRange(range: RangeImpl) {
    this.rec.ranges.push(`${range.sheetState.name}!${range.getA1Notation()}`);
    return this;
  }
  clearRanges() {
    this.rec.ranges = [];
    return this;
  }
  setChartType(type: unknown) {
    this.rec.type = String(type);
    return this;
  }
  asLineChart() {
    return this.setChartType('LINE');
  }
  asColumnChart() {
    return this.setChartType('COLUMN');
  }
  setPosition(row: number, col: number, offX: number, offY: number) {
    this.rec.position = [row, col, offX, offY];
    return this;
  }
  setOption(key: string, value: unknown) {
    this.rec.options[key] = value;
    return this;
  }
  setNumHeaders(n: number) {
    this.rec.options.numHeaders = n;
    return this;
  }
  setTitle(t: string) {
    this.rec.options.title = t;
    return this;
  }
  build() {
    const chart = new ChartImpl({ ...this.rec, id: this.rec.id || String(nextChart++) }, this.resolve);
    chart.sheet = this.sheet;
    return chart;
  }
}

export class RangeImpl {
  [CLASS] = 'Range';
  constructor(
    readonly wb: Workbook,
    readonly sheetState: SheetState,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {
    // Apps Script's messages, checked in this order.
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (col < 1) throw new Error('The starting column of the range is too small.');
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
  }
  #ctx?: ExecutionContext;
  withCtx(ctx: ExecutionContext) {
    this.#ctx = ctx;
    return this;
  }
  get ctx(): ExecutionContext {
    if (!this.#ctx) throw new Error('Range used outside an execution');
    return this.#ctx;
  }
  #cells(fn: (r: number, c: number, i: number, j: number) => void) {
    for (let i = 0; i < this.numRows; i++)
      for (let j = 0; j < this.numCols; j++) fn(this.row - 1 + i, this.col - 1 + j, i, j);
  }
  #checkSize(values: unknown, what = 'data') {
    if (!Array.isArray(values))
      throw new Error(`The parameters (${typeof values}) don't match the method signature.`);
    if (values.length !== this.numRows) {
      throw new Error(
        `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const r of values as unknown[][]) {
      if (!Array.isArray(r) || r.length !== this.numCols) {
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${Array.isArray(r) ? r.length : 0} but the range has ${this.numCols}.`,
        );
      }
    }
  }
  getRow() {
    return this.row;
  }
  getColumn() {
    return this.col;
  }
  getLastRow() {
    return this.row + this.numRows - 1;
  }
  getLastColumn() {
    return this.col + this.numCols - 1;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numCols;
  }
  getSheet() {
    return new SheetImpl(this.wb, this.sheetState, this.#ctx);
  }
  getA1Notation() {
    const start = `${colLetters(this.col)}${this.row}`;
    if (this.numRows === 1 && this.numCols === 1) return start;
    return `${start}:${colLetters(this.col + this.numCols - 1)}${this.row + this.numRows - 1}`;
  }
  getValues() {
    return toScript(
      this.ctx,
      this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols),
    );
  }
  getValue() {
    return toScript(this.ctx, this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, 1, 1))[0]?.[0];
  }
  getDisplayValues() {
    const values = this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols);
    return values.map((row, i) =>
      row.map((v, j) => this.wb.displayOf(this.sheetState, this.row - 1 + i, this.col - 1 + j, v)),
    );
  }
  getDisplayValue() {
    return this.getDisplayValues()[0]?.[0] ?? '';
  }
  setValues(values: unknown[][]) {
    this.#checkSize(values);
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, values);
    return this;
  }
  setValue(value: unknown) {
    this.wb.write(
      this.sheetState,
      this.row - 1,
      this.col - 1,
      Array.from({ length: this.numRows }, () => Array(this.numCols).fill(value)),
    );
    return this;
  }
  getFormulas() {
    const out: string[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: string[] = [];
      for (let j = 0; j < this.numCols; j++)
        line.push(this.wb.formulaAt(this.sheetState, this.row - 1 + i, this.col - 1 + j));
      out.push(line);
    }
    return out;
  }
  getFormula() {
    return this.wb.formulaAt(this.sheetState, this.row - 1, this.col - 1);
  }
  setFormulas(formulas: string[][]) {
    this.#checkSize(formulas, 'data');
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, formulas);
    return this;
  }
  /** One formula for the whole range: each cell gets it as if copied there from the top-left cell. */
  setFormula(formula: string) {
    const rows = Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numCols }, (_, j) => translateFormula(String(formula), i, j)),
    );
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, rows);
    return this;
  }
  sort(sortSpecObj: unknown) {
    const block = { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
    sortBlock(this.wb, this.sheetState, block, sortKeys(sortSpecObj, block));
    return this;
  }
  clearContent() {
    this.wb.write(
      this.sheetState,
      this.row - 1,
      this.col - 1,
      Array.from({ length: this.numRows }, () => Array(this.numCols).fill(null)),
    );
    return this;
  }
  clear() {
    this.clearContent();
    this.#cells((r, c) => this.sheetState.cells.delete(`${r}:${c}`));
    return this;
  }
  clearFormat() {
    this.#cells((r, c) => {
      const rec = this.sheetState.cells.get(`${r}:${c}`);
      if (!rec) return;
      for (const k of Object.keys(rec)) if (k !== 'note' && k !== 'validation') delete rec[k];
    });
    return this;
  }
  clearNote() {
    return this.#setAll('note', '');
  }
  clearDataValidations() {
    return this.#setAll('validation', null);
  }
  #setAll(key: string, value: unknown) {
    this.#cells((r, c) => this.sheetState.setProp(r, c, key, value));
    return this;
  }
  #setEach(key: string, values: unknown[][]) {
    this.#checkSize(values);
    this.#cells((r, c, i, j) => this.sheetState.setProp(r, c, key, values[i]?.[j]));
    return this;
  }
  #getEach(key: string, fallback: unknown) {
    const out: unknown[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < this.numCols; j++)
        line.push(this.sheetState.prop(this.row - 1 + i, this.col - 1 + j, key) ?? fallback);
      out.push(line);
    }
    return out;
  }
  setNumberFormat(f: string) {
    return this.#setAll('numberFormat', f);
  }
  setNumberFormats(f: string[][]) {
    return this.#setEach('numberFormat', f);
  }
  getNumberFormat() {
    return this.#getEach('numberFormat', AUTOMATIC_FORMAT)[0]?.[0];
  }
  getNumberFormats() {
    return this.#getEach('numberFormat', AUTOMATIC_FORMAT);
  }
  setNote(n: string | null) {
    return this.#setAll('note', n ?? '');
  }
  setNotes(n: string[][]) {
    return this.#setEach('note', n);
  }
  getNote() {
    return this.#getEach('note', '')[0]?.[0];
  }
  getNotes() {
    return this.#getEach('note', '');
  }
  setDataValidation(rule: DataValidationImpl | null) {
    return this.#setAll('validation', rule ? { ...rule.rec } : null);
  }
  setDataValidations(rules: (DataValidationImpl | null)[][]) {
    return this.#setEach(
      'validation',
      rules.map((r) => r.map((v) => (v ? { ...v.rec } : null))),
    );
  }
  getDataValidation() {
    const rec = this.sheetState.prop(this.row - 1, this.col - 1, 'validation') as
      | RecordedValidation
      | undefined;
    return rec ? new DataValidationImpl(rec) : null;
  }
  getDataValidations() {
    return this.#getEach('validation', null).map((r) =>
      r.map((v) => (v ? new DataValidationImpl(v as RecordedValidation) : null)),
    );
  }
  setFontWeight(w: string | null) {
    return this.#setAll('fontWeight', w);
  }
  setFontWeights(w: string[][]) {
    return this.#setEach('fontWeight', w);
  }
  getFontWeight() {
    return this.#getEach('fontWeight', 'normal')[0]?.[0];
  }
  setFontColor(c: string | null) {
    return this.#setAll('fontColor', c);
  }
  setFontColors(c: string[][]) {
    return this.#setEach('fontColor', c);
  }
  setFontSize(s: number) {
    return this.#setAll('fontSize', s);
  }
  setFontStyle(s: string) {
    return this.#setAll('fontStyle', s);
  }
  setBackground(c: string | null) {
    return this.#setAll('background', c);
  }
  setBackgrounds(c: string[][]) {
    return this.#setEach('background', c);
  }
  getBackground() {
    return this.#getEach('background', '#ffffff')[0]?.[0];
  }
  getBackgrounds() {
    return this.#getEach('background', '#ffffff');
  }
  setWrap(w: boolean) {
    return this.#setAll('wrap', w);
  }
  setWrapStrategy(w: unknown) {
    return this.#setAll('wrapStrategy', String(w));
  }
  setHorizontalAlignment(a: string) {
    return this.#setAll('horizontalAlignment', a);
  }
  setVerticalAlignment(a: string) {
    return this.#setAll('verticalAlignment', a);
  }
  protect() {
    const rec = {
      id: nextProtection++,
      range: [this.row, this.col, this.numRows, this.numCols] as [number, number, number, number],
      warningOnly: false,
      description: '',
    };
    this.sheetState.protections.push(rec);
    return new ProtectionImpl(this.sheetState, rec, this.wb);
  }
  offset(r: number, c: number, nr = this.numRows, nc = this.numCols) {
    return new RangeImpl(this.wb, this.sheetState, this.row + r, this.col + c, nr, nc).withCtx(this.ctx);
  }
  isBlank() {
    return this.wb
      .readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols)
      .every((r) => r.every((v) => v === ''));
  }
}

export class SheetImpl {
  [CLASS] = 'Sheet';
  constructor(
    readonly wb: Workbook,
    readonly state: SheetState,
    readonly ctx?: ExecutionContext,
  ) {}
  #range(row: number, col: number, nr: number, nc: number) {
    const r = new RangeImpl(this.wb, this.state, row, col, nr, nc);
    return this.ctx ? r.withCtx(this.ctx) : r;
  }
  #resolve: RangeResolver = (ref) => {
    const [name, a1] = splitSheet(ref);
    const state = (name && this.wb.sheet(name)) || this.state;
    return new SheetImpl(this.wb, state, this.ctx).getRange(a1);
  };
  #live() {
    if (!this.wb.sheets.includes(this.state)) throw new Error('Exception: The sheet has been deleted.');
  }
  getName() {
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
      return this.#range(...parseA1(a1, this.state));
    }
    if (typeof a !== 'number' || typeof col !== 'number')
      throw new Error("The parameters don't match the method signature for Sheet.getRange.");
    return this.#range(a, col, numRows, numCols);
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
    return this.insertRowsAfter(before - 1, n);
  }
  deleteRows(start: number, n: number) {
    this.wb.hf.removeRows(this.state.hfId, [start - 1, n]);
    this.state.shift('row', start - 1, -n);
    this.state.maxRows -= n;
  }
  deleteRow(row: number) {
    return this.deleteRows(row, 1);
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
  getProtections(_type?: unknown) {
    const wanted = String(_type ?? 'RANGE');
    return this.state.protections
      .filter((p) => (wanted === 'SHEET' ? p.range === null : p.range !== null))
      .map((p) => new ProtectionImpl(this.state, p, this.wb));
  }
  protect() {
    const rec = { id: nextProtection++, range: null, warningOnly: false, description: '' };
    this.state.protections.push(rec);
    return new ProtectionImpl(this.state, rec, this.wb);
  }
  newChart() {
    return new ChartBuilderImpl(this.state, this.#resolve);
  }
  insertChart(chart: ChartImpl) {
    this.state.charts.push({ ...chart.rec });
  }
  getCharts() {
    return this.state.charts.map((c) => {
      const impl = new ChartImpl(c, this.#resolve);
      impl.sheet = this.state;
      return impl;
    });
  }
  removeChart(chart: ChartImpl) {
    this.state.charts = this.state.charts.filter((c) => c.id !== chart.rec.id);
  }
  updateChart(chart: ChartImpl) {
    this.state.charts = this.state.charts.map((c) => (c.id === chart.rec.id ? { ...chart.rec } : c));
  }
  activate() {
    this.wb.activeSheet = this.wb.sheets.indexOf(this.state);
    return this;
  }
}

export class SpreadsheetImpl {
  [CLASS] = 'Spreadsheet';
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext,
    readonly registry?: WorkbookRegistry,
  ) {}
  #sheet(s: SheetState) {
    return new SheetImpl(this.wb, s, this.ctx);
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
  getSheetByName(name: string) {
    const s = this.wb.sheet(name);
    return s ? this.#sheet(s) : null;
  }
  getActiveSheet() {
    const s = this.wb.sheets[this.wb.activeSheet];
    return s ? this.#sheet(s) : null;
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
  deleteSheet(sheet: SheetImpl) {
    if (this.wb.sheets.length === 1)
      throw new Error("Exception: You can't remove all the sheets in a document.");
    this.wb.removeSheet(sheet.state);
  }
  getRange(a1: string) {
    const [name, rest] = splitSheet(a1);
    const state = name ? this.wb.sheet(name) : this.wb.sheets[this.wb.activeSheet];
    if (!state) throw new Error('Exception: Range not found');
    return new SheetImpl(this.wb, state, this.ctx).getRange(rest);
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
  toast(message: unknown, title?: unknown, _seconds?: number) {
    this.ctx.toast(String(message ?? ''), title === undefined || title === null ? '' : String(title));
  }
}

/** The SpreadsheetApp global of one execution. */
export function createSpreadsheetApp(
  ctx: ExecutionContext,
  active: Workbook | null,
  registry: WorkbookRegistry,
): object {
  if (active) registry.add(active);
  const app = {
    [CLASS]: 'SpreadsheetApp',
    getActiveSpreadsheet() {
      if (ctx.authMode === 'NONE') {
        throw new Error(
          'Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: https://www.googleapis.com/auth/spreadsheets',
        );
      }
      return active ? new SpreadsheetImpl(active, ctx, registry) : null;
    },
    getActive() {
      return app.getActiveSpreadsheet();
    },
    openById(id: string) {
      const wb = registry.get(id);
      if (!wb)
        throw new Error(
          'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      return new SpreadsheetImpl(wb, ctx, registry);
    },
    openByUrl(url: string) {
      return app.openById(url);
    },
    flush() {},
    getUi() {
      return ctx.getUi();
    },
    newDataValidation() {
      return new DataValidationBuilderImpl();
    },
    DataValidationCriteria: Object.fromEntries(
      [
        'VALUE_IN_LIST',
        'VALUE_IN_RANGE',
        'CHECKBOX',
        'DATE_IS_VALID_DATE',
        'TEXT_IS_VALID_EMAIL',
        'NUMBER_BETWEEN',
        'CUSTOM_FORMULA',
      ].map((k) => [k, k]),
    ),
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    WrapStrategy: { WRAP: 'WRAP', CLIP: 'CLIP', OVERFLOW: 'OVERFLOW' },
  };
  return wrap(ctx, app);
}

/** Charts.ChartType and friends, as the Charts global. */
export const Charts = {
  ChartType: Object.fromEntries(
    ['LINE', 'COLUMN', 'BAR', 'AREA', 'PIE', 'TABLE', 'COMBO', 'SCATTER'].map((k) => [k, k]),
  ),
};
