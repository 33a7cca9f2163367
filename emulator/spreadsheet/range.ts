/**
 * Range (https://developers.google.com/apps-script/reference/spreadsheet/range): a block of one
 * sheet. Contents go through the Workbook (HyperFormula); formats, notes and validation are the
 * sheet's cell records. Moving blocks is cell-ops.ts, sorting sort.ts, formula copies formula-refs.ts.
 */
import type { ExecutionContext } from '../contract';
import { NotEmulatedError } from '../contract';
import { enumName } from '../services/host-object';
import { a1Notation, type ParsedRange, parseA1, splitSheet } from './a1';
import {
  type CopyParts,
  copyBlock,
  dataRegion,
  deleteBlock,
  insertBlock,
  moveBlock,
  nextDataCell,
} from './cell-ops';
import { normalizeColor } from './colors';
import { DataValidationImpl } from './data-validation';
import { addMetadata, DeveloperMetadataImpl, MetadataFinderImpl, rangeLocation } from './developer-metadata';
import { translateFormula } from './formula-refs';
import { ProtectionImpl } from './protection';
import { RangeStyle } from './range-style';
import { SheetImpl } from './sheet';
import { sortBlock, sortKeys } from './sort';
import type { Surface } from './surface';
import { TextFinderImpl } from './text-finder';
import type { RecordedValidation, SheetState, Workbook } from './workbook';
import { CLASS, toScript } from './wrap';

/** What Apps Script's getNumberFormat reports for a cell nobody formatted (not 'General'). */
export const AUTOMATIC_FORMAT = '0.###############';

/** Turns a recorded 'Sheet'!A1 address into a Range of the execution (`fallback` without a sheet). */
export function resolveAddress(
  wb: Workbook,
  ctx: ExecutionContext | undefined,
  ref: string,
  fallback: SheetState,
) {
  const [name, a1] = splitSheet(ref);
  const state = (name && wb.sheet(name)) || fallback;
  return RangeImpl.at(wb, state, ctx, parseA1(a1, state.maxRows, state.maxColumns));
}

/**
 * A range the script asks for by position (Sheet.getRange, getSheetValues, Range.offset) must end on
 * the sheet: Apps Script throws this Exception rather than growing the sheet, as saving past a full
 * tab's last row shows (github.com/diegomanuel/binance-to-google-sheets/issues/19). Only appendRow
 * and inserting rows or columns make a sheet bigger. Starts below 1 and empty counts keep their own
 * messages (RangeStyle), checked first.
 */
export function insideSheet(range: RangeImpl): RangeImpl {
  const { maxRows, maxColumns } = range.sheetState;
  if (range.getLastRow() > maxRows || range.getLastColumn() > maxColumns) {
    const error = new Error('The coordinates of the range are outside the dimensions of the sheet.');
    error.name = 'Exception';
    throw error;
  }
  return range;
}

export class RangeImpl extends RangeStyle implements Surface<GoogleAppsScript.Spreadsheet.Range, RangeImpl> {
  [CLASS] = 'Range';
  constructor(
    wb: Workbook,
    sheetState: SheetState,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
    /** Written as whole columns ('D:F') or whole rows ('5:7'): getA1Notation keeps it so. */
    readonly whole?: ParsedRange['whole'],
  ) {
    super(wb, sheetState, row, col, numRows, numCols);
  }
  static at(wb: Workbook, state: SheetState, ctx: ExecutionContext | undefined, p: ParsedRange): RangeImpl {
    const r = new RangeImpl(wb, state, p.row, p.col, p.numRows, p.numCols, p.whole);
    return ctx ? r.withCtx(ctx) : r;
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
  #sub(row: number, col: number, numRows: number, numCols: number) {
    return RangeImpl.at(this.wb, this.sheetState, this.#ctx, { row, col, numRows, numCols });
  }
  #resolve = (ref: string) => resolveAddress(this.wb, this.#ctx, ref, this.sheetState);
  get block() {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }
  getRow() {
    return this.row;
  }
  getRowIndex() {
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
  getHeight() {
    return this.numRows;
  }
  getWidth() {
    return this.numCols;
  }
  getSheet() {
    return new SheetImpl(this.wb, this.sheetState, this.#ctx);
  }
  getA1Notation() {
    return a1Notation({ ...this.block, whole: this.whole });
  }
  getCell(row: number, column: number) {
    if (row < 1 || row > this.numRows || column < 1 || column > this.numCols)
      throw new Error('Exception: The coordinates of the cell are outside the range.');
    return this.#sub(this.row + row - 1, this.col + column - 1, 1, 1);
  }
  offset(r: number, c: number, nr = this.numRows, nc = this.numCols) {
    return insideSheet(this.#sub(this.row + r, this.col + c, nr, nc));
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
    this.checkSize(values);
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, values);
    return this;
  }
  setValue(value: unknown) {
    return this.#fill(value);
  }
  #fill(value: unknown) {
    const rows = Array.from({ length: this.numRows }, () => Array(this.numCols).fill(value));
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, rows);
    return this;
  }
  getFormulas() {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numCols }, (_, j) =>
        this.wb.formulaAt(this.sheetState, this.row - 1 + i, this.col - 1 + j),
      ),
    );
  }
  getFormula() {
    return this.wb.formulaAt(this.sheetState, this.row - 1, this.col - 1);
  }
  setFormulas(formulas: string[][]) {
    this.checkSize(formulas, 'data');
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
    sortBlock(this.wb, this.sheetState, this.block, sortKeys(sortSpecObj, this.block));
    return this;
  }
  isBlank() {
    return this.wb
      .readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols)
      .every((r) => r.every((v) => v === ''));
  }
  clearContent() {
    return this.#fill(null);
  }
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
    validationsOnly?: boolean;
  }) {
    if (options?.validationsOnly) return this.clearDataValidations();
    if (options?.commentsOnly) return this.clearNote();
    if (!options?.formatOnly) this.clearContent();
    if (!options?.contentsOnly) this.cells((r, c) => this.sheetState.cells.delete(`${r}:${c}`));
    return this;
  }
  // ---- copy, move, delete ---------------------------------------------------------------------
  #sameBook(target: RangeImpl) {
    if (target.wb !== this.wb)
      throw new Error('Exception: Target range and source range must be on the same spreadsheet.');
  }
  copyTo(destination: RangeImpl, typeOrOptions?: unknown, transposed?: boolean) {
    this.#sameBook(destination);
    if (transposed) throw new NotEmulatedError('Range.copyTo (transposed)');
    copyBlock(
      this.wb,
      this.sheetState,
      this.block,
      destination.sheetState,
      destination.block,
      copyParts(typeOrOptions),
    );
  }
  moveTo(target: RangeImpl) {
    this.#sameBook(target);
    moveBlock(this.wb, this.sheetState, this.block, target.sheetState, target.row, target.col);
  }
  deleteCells(shiftDimension: unknown) {
    const dim = enumName(shiftDimension);
    if (dim !== 'ROWS' && dim !== 'COLUMNS')
      throw new Error('Exception: deleteCells takes SpreadsheetApp.Dimension.ROWS or COLUMNS.');
    deleteBlock(this.wb, this.sheetState, this.block, dim);
  }
  insertCells(shiftDimension: unknown) {
    const dim = enumName(shiftDimension);
    if (dim !== 'ROWS' && dim !== 'COLUMNS')
      throw new Error('Exception: insertCells takes SpreadsheetApp.Dimension.ROWS or COLUMNS.');
    insertBlock(this.wb, this.sheetState, this.block, dim);
    return this;
  }
  getNextDataCell(direction: unknown) {
    const [r, c] = nextDataCell(this.wb, this.sheetState, this.block, enumName(direction));
    return this.#sub(r, c, 1, 1);
  }
  /** Trims each text cell's ends and folds inner runs of whitespace to one space; formulas are left. */
  trimWhitespace() {
    const values = this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols);
    this.cells((r, c, i, j) => {
      const v = values[i]?.[j];
      if (typeof v !== 'string' || this.wb.formulaAt(this.sheetState, r, c)) return;
      const trimmed = v.trim().replace(/\s+/g, ' ');
      if (trimmed !== v) this.wb.write(this.sheetState, r, c, [[trimmed]]);
    });
    return this;
  }
  /**
   * Removes rows whose values (in the columns given, else all) repeat an earlier row's, moving the
   * rest up and clearing the rows left at the bottom; returns the range of the rows kept.
   */
  removeDuplicates(columnsToCompare?: number[]) {
    const columns = (columnsToCompare ?? Array.from({ length: this.numCols }, (_, j) => this.col + j)).map(
      (c) => {
        if (c < this.col || c > this.getLastColumn())
          throw new Error(`Exception: Column ${c} is outside the range the duplicates are removed from.`);
        return c - this.col;
      },
    );
    // Kept rows are rewritten by value, which would turn a formula into its result: refused instead.
    if (this.getFormulas().some((line) => line.some(Boolean)))
      throw new NotEmulatedError('Range.removeDuplicates over cells holding formulas');
    const values = this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols);
    const seen = new Set<string>();
    const kept = values.filter((line) => {
      const key = JSON.stringify(columns.map((j) => line[j]));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const blank = Array.from({ length: this.numRows - kept.length }, () => Array(this.numCols).fill(null));
    this.wb.write(this.sheetState, this.row - 1, this.col - 1, [...kept, ...blank]);
    return this.#sub(this.row, this.col, Math.max(1, kept.length), this.numCols);
  }
  getGridId() {
    return this.sheetState.gid;
  }
  isStartColumnBounded() {
    return this.whole !== 'rows';
  }
  isEndColumnBounded() {
    return this.whole !== 'rows';
  }
  isStartRowBounded() {
    return this.whole !== 'columns';
  }
  isEndRowBounded() {
    return this.whole !== 'columns';
  }
  getDataRegion(dimension?: unknown) {
    const dim = dimension === undefined ? undefined : enumName(dimension);
    const r = dataRegion(this.wb, this.sheetState, this.block, dim as 'ROWS' | 'COLUMNS' | undefined);
    return this.#sub(r.row, r.col, r.numRows, r.numCols);
  }
  createTextFinder(findText: string) {
    return new TextFinderImpl(this.wb, this.#ctx, [{ state: this.sheetState, block: this.block }], findText);
  }
  // ---- merges ---------------------------------------------------------------------------------
  #overlaps(m: [number, number, number, number]) {
    return (
      m[0] <= this.getLastRow() &&
      m[0] + m[2] - 1 >= this.row &&
      m[1] <= this.getLastColumn() &&
      m[1] + m[3] - 1 >= this.col
    );
  }
  #mergeBlocks(blocks: [number, number, number, number][]) {
    this.breakApart();
    for (const b of blocks) {
      if (b[2] === 1 && b[3] === 1) continue;
      this.sheetState.merges.push(b);
      // Only the top-left cell's contents survive a merge.
      const others = Array.from({ length: b[2] }, (_, i) =>
        Array.from({ length: b[3] }, (_, j) =>
          i || j
            ? null
            : this.wb.hf.getCellSerialized({ sheet: this.sheetState.hfId, row: b[0] - 1, col: b[1] - 1 }),
        ),
      );
      this.wb.write(this.sheetState, b[0] - 1, b[1] - 1, others);
    }
    return this;
  }
  merge() {
    return this.#mergeBlocks([[this.row, this.col, this.numRows, this.numCols]]);
  }
  mergeAcross() {
    return this.#mergeBlocks(
      Array.from({ length: this.numRows }, (_, i) => [this.row + i, this.col, 1, this.numCols]),
    );
  }
  mergeVertically() {
    return this.#mergeBlocks(
      Array.from({ length: this.numCols }, (_, j) => [this.row, this.col + j, this.numRows, 1]),
    );
  }
  breakApart() {
    const hit = this.sheetState.merges.filter((m) => this.#overlaps(m));
    const inside = (m: [number, number, number, number]) =>
      m[0] >= this.row &&
      m[1] >= this.col &&
      m[0] + m[2] - 1 <= this.getLastRow() &&
      m[1] + m[3] - 1 <= this.getLastColumn();
    if (!hit.every(inside))
      throw new Error('Exception: You must select all cells in a merged range to merge or unmerge them.');
    this.sheetState.merges = this.sheetState.merges.filter((m) => !hit.includes(m));
    return this;
  }
  isPartOfMerge() {
    return this.sheetState.merges.some((m) => this.#overlaps(m));
  }
  getMergedRanges() {
    return this.sheetState.merges.filter((m) => this.#overlaps(m)).map((m) => this.#sub(...m));
  }
  // ---- validation and checkboxes ---------------------------------------------------------------
  setDataValidation(rule: DataValidationImpl | null) {
    return this.setAll('validation', rule ? structuredClone(rule.rec) : null);
  }
  setDataValidations(rules: (DataValidationImpl | null)[][]) {
    return this.setEach(
      'validation',
      rules.map((r) => r.map((v) => (v ? structuredClone(v.rec) : null))),
    );
  }
  getDataValidation() {
    const rec = this.sheetState.prop(this.row - 1, this.col - 1, 'validation') as
      | RecordedValidation
      | undefined;
    return rec ? new DataValidationImpl(rec, this.#resolve) : null;
  }
  getDataValidations() {
    return this.getEach('validation', null).map((r) =>
      r.map((v) => (v ? new DataValidationImpl(v as RecordedValidation, this.#resolve) : null)),
    );
  }
  clearDataValidations() {
    return this.setAll('validation', null);
  }
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown) {
    const values = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    this.setAll('validation', { criteria: 'CHECKBOX', values, allowInvalid: true, helpText: '' });
    return this.#fill(values.length ? (values[1] ?? '') : false);
  }
  removeCheckboxes() {
    this.#checkboxes((r, c, checkbox, value) => {
      if (!checkbox) return;
      this.sheetState.setProp(r, c, 'validation', null);
      if (value === checkbox.checked || value === checkbox.unchecked)
        this.wb.write(this.sheetState, r, c, [[null]]);
    });
    return this;
  }
  check() {
    return this.#setChecked(true);
  }
  uncheck() {
    return this.#setChecked(false);
  }
  #setChecked(on: boolean) {
    this.#checkboxes((r, c, checkbox, value) => {
      if (checkbox && (value === checkbox.checked || value === checkbox.unchecked))
        this.wb.write(this.sheetState, r, c, [[on ? checkbox.checked : checkbox.unchecked]]);
    });
    return this;
  }
  /** True when every cell is a checked checkbox, false when every one is unchecked, else null. */
  isChecked() {
    const states = new Set<string>();
    this.#checkboxes((_r, _c, checkbox, value) => {
      states.add(
        !checkbox
          ? 'other'
          : value === checkbox.checked
            ? 'on'
            : value === checkbox.unchecked
              ? 'off'
              : 'other',
      );
    });
    if (states.size !== 1 || states.has('other')) return null;
    return states.has('on');
  }
  #checkboxes(
    fn: (r: number, c: number, box: { checked: unknown; unchecked: unknown } | null, value: unknown) => void,
  ) {
    const values = this.wb.readBlock(this.sheetState, this.row - 1, this.col - 1, this.numRows, this.numCols);
    this.cells((r, c, i, j) => {
      const rule = this.sheetState.prop(r, c, 'validation') as RecordedValidation | undefined;
      const box =
        rule?.criteria === 'CHECKBOX'
          ? {
              checked: rule.values.length ? rule.values[0] : true,
              unchecked: rule.values.length ? (rule.values[1] ?? '') : false,
            }
          : null;
      fn(r, c, box, values[i]?.[j]);
    });
  }
  // ---- other records --------------------------------------------------------------------------
  setNumberFormat(f: string) {
    return this.setAll('numberFormat', /^general$/i.test(String(f)) ? null : f);
  }
  setNumberFormats(f: string[][]) {
    return this.setEach(
      'numberFormat',
      f.map((r) => r.map((v) => (/^general$/i.test(String(v)) ? null : v))),
    );
  }
  getNumberFormat() {
    return this.getEach('numberFormat', AUTOMATIC_FORMAT)[0]?.[0] as string;
  }
  getNumberFormats() {
    return this.getEach('numberFormat', AUTOMATIC_FORMAT) as string[][];
  }
  protect() {
    const rec = {
      id: this.wb.nextId('protection'),
      range: [this.row, this.col, this.numRows, this.numCols] as [number, number, number, number],
      warningOnly: false,
      description: '',
    };
    this.sheetState.protections.push(rec);
    return new ProtectionImpl(this.sheetState, rec, () =>
      this.#sub(this.row, this.col, this.numRows, this.numCols),
    );
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown) {
    addMetadata(this.wb, rangeLocation(this), key, value, visibility);
    return this;
  }
  #metadataHere() {
    const at = rangeLocation(this);
    return (m: { sheet: SheetState | null; type: string; index: number | null }) =>
      m.sheet === at.sheet && m.type === at.type && m.index === at.index;
  }
  getDeveloperMetadata() {
    const here = this.#metadataHere();
    return this.wb.metadata.filter(here).map((m) => new DeveloperMetadataImpl(this.wb, this.ctx, m));
  }
  createDeveloperMetadataFinder() {
    return new MetadataFinderImpl(this.wb, this.ctx, this.#metadataHere());
  }
  activate() {
    this.wb.activeSheet = Math.max(0, this.wb.sheets.indexOf(this.sheetState));
    return this;
  }
  getBackgroundObject() {
    return this.colorObject('background', '#ffffff');
  }
  setBackgroundObject(color: { asRgbColor(): { asHexString(): string } } | null) {
    return this.setBackground(color ? color.asRgbColor().asHexString() : null);
  }
  setBackgroundRGB(red: number, green: number, blue: number) {
    const hex = [red, green, blue]
      .map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0'))
      .join('');
    return this.setBackground(normalizeColor(`#${hex}`));
  }
}

/** Reads copyTo's second argument: a CopyPasteType, `{contentsOnly, formatOnly}`, or nothing. */
function copyParts(typeOrOptions: unknown): CopyParts {
  if (typeOrOptions === undefined || typeOrOptions === null) return { contents: 'typed', records: 'all' };
  if (typeof typeOrOptions === 'object' && !('name' in typeOrOptions)) {
    const o = typeOrOptions as { contentsOnly?: boolean; formatOnly?: boolean };
    if (o.contentsOnly && o.formatOnly)
      throw new Error('Exception: copyTo takes contentsOnly or formatOnly, not both.');
    if (o.contentsOnly) return { contents: 'typed', records: null };
    if (o.formatOnly) return { contents: null, records: 'format' };
    return { contents: 'typed', records: 'all' };
  }
  switch (enumName(typeOrOptions)) {
    case 'PASTE_NORMAL':
    case 'PASTE_NO_BORDERS':
      return { contents: 'typed', records: 'all' };
    case 'PASTE_VALUES':
      return { contents: 'values', records: null };
    case 'PASTE_FORMULA':
      return { contents: 'typed', records: null };
    case 'PASTE_FORMAT':
      return { contents: null, records: 'format' };
    case 'PASTE_DATA_VALIDATION':
      return { contents: null, records: 'validation' };
    default:
      throw new NotEmulatedError(`Range.copyTo (${enumName(typeOrOptions)})`);
  }
}
