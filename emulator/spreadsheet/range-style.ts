/**
 * The part of Range that reads and writes the sheet's cell records rather than contents: notes,
 * fonts, colours, alignment, wrapping and text styles
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setfontweightfontweight).
 * Range extends it; scripts see one Range.
 */
import { normalizeColor } from './colors';
import { ColorImpl, TextStyleImpl } from './text-style';
import type { SheetState, Workbook } from './workbook';

type Fields = TextStyleImpl['fields'];

export class RangeStyle {
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
  /** Calls fn with each cell's 0-based sheet position and its 0-based place in the range. */
  cells(fn: (r: number, c: number, i: number, j: number) => void) {
    for (let i = 0; i < this.numRows; i++)
      for (let j = 0; j < this.numCols; j++) fn(this.row - 1 + i, this.col - 1 + j, i, j);
  }
  /** Sheets' messages for a grid that does not fit the range. */
  checkSize(values: unknown, what = 'data') {
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
  setAll(key: string, value: unknown) {
    this.cells((r, c) => this.sheetState.setProp(r, c, key, value));
    return this;
  }
  setEach(key: string, values: unknown[][]) {
    this.checkSize(values);
    this.cells((r, c, i, j) => this.sheetState.setProp(r, c, key, values[i]?.[j]));
    return this;
  }
  getEach(key: string, fallback: unknown): unknown[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from(
        { length: this.numCols },
        (_, j) => this.sheetState.prop(this.row - 1 + i, this.col - 1 + j, key) ?? fallback,
      ),
    );
  }
  #first(key: string, fallback: unknown) {
    return this.sheetState.prop(this.row - 1, this.col - 1, key) ?? fallback;
  }
  colorObject(key: string, fallback: string) {
    return new ColorImpl(String(this.#first(key, fallback)));
  }
  clearFormat() {
    this.cells((r, c) => {
      const rec = this.sheetState.cells.get(`${r}:${c}`);
      if (!rec) return;
      for (const k of Object.keys(rec)) if (k !== 'note' && k !== 'validation') delete rec[k];
      if (!Object.keys(rec).length) this.sheetState.cells.delete(`${r}:${c}`);
    });
    return this;
  }
  clearNote() {
    return this.setAll('note', '');
  }
  setNote(n: string | null) {
    return this.setAll('note', n ?? '');
  }
  setNotes(n: (string | null)[][]) {
    return this.setEach('note', n);
  }
  getNote() {
    return this.#first('note', '') as string;
  }
  getNotes() {
    return this.getEach('note', '') as string[][];
  }
  setFontWeight(w: 'bold' | 'normal' | null) {
    return this.setAll('fontWeight', w);
  }
  setFontWeights(w: (string | null)[][]) {
    return this.setEach('fontWeight', w);
  }
  getFontWeight() {
    return this.#first('fontWeight', 'normal') as 'bold' | 'normal';
  }
  getFontWeights() {
    return this.getEach('fontWeight', 'normal') as ('bold' | 'normal')[][];
  }
  setFontColor(c: string | null) {
    return this.setAll('fontColor', normalizeColor(c));
  }
  setFontColors(c: (string | null)[][]) {
    return this.setEach(
      'fontColor',
      c.map((r) => r.map(normalizeColor)),
    );
  }
  getFontColor() {
    return this.#first('fontColor', '#000000') as string;
  }
  getFontColorObject() {
    return this.colorObject('fontColor', '#000000');
  }
  setFontSize(s: number) {
    return this.setAll('fontSize', s);
  }
  getFontSize() {
    return this.#first('fontSize', 10) as number;
  }
  setFontStyle(s: 'italic' | 'normal' | null) {
    return this.setAll('fontStyle', s);
  }
  getFontStyle() {
    return this.#first('fontStyle', 'normal') as 'italic' | 'normal';
  }
  setFontFamily(f: string | null) {
    return this.setAll('fontFamily', f);
  }
  getFontFamily() {
    return this.#first('fontFamily', 'Arial') as string;
  }
  setFontLine(line: 'underline' | 'line-through' | 'none' | null) {
    return this.setAll('fontLine', line === 'none' ? null : line);
  }
  getFontLine() {
    return this.#first('fontLine', 'none') as 'underline' | 'line-through' | 'none';
  }
  setBackground(c: string | null) {
    return this.setAll('background', normalizeColor(c));
  }
  setBackgrounds(c: (string | null)[][]) {
    return this.setEach(
      'background',
      c.map((r) => r.map(normalizeColor)),
    );
  }
  getBackground() {
    return this.#first('background', '#ffffff') as string;
  }
  getBackgrounds() {
    return this.getEach('background', '#ffffff') as string[][];
  }
  setWrap(w: boolean) {
    return this.setAll('wrap', w);
  }
  getWrap() {
    return this.#first('wrap', true) as boolean;
  }
  setWrapStrategy(w: unknown) {
    return this.setAll('wrapStrategy', String(w));
  }
  setHorizontalAlignment(a: 'left' | 'center' | 'right' | 'normal' | null) {
    return this.setAll('horizontalAlignment', a);
  }
  getHorizontalAlignment() {
    return this.#first('horizontalAlignment', 'general') as string;
  }
  setVerticalAlignment(a: 'top' | 'middle' | 'bottom' | null) {
    return this.setAll('verticalAlignment', a);
  }
  getVerticalAlignment() {
    return this.#first('verticalAlignment', 'bottom') as string;
  }
  getFontColors() {
    return this.getEach('fontColor', '#000000') as string[][];
  }
  getFontSizes() {
    return this.getEach('fontSize', 10) as number[][];
  }
  setFontSizes(sizes: number[][]) {
    return this.setEach('fontSize', sizes);
  }
  getFontStyles() {
    return this.getEach('fontStyle', 'normal') as ('italic' | 'normal')[][];
  }
  setFontStyles(styles: (string | null)[][]) {
    return this.setEach('fontStyle', styles);
  }
  getFontFamilies() {
    return this.getEach('fontFamily', 'Arial') as string[][];
  }
  setFontFamilies(families: (string | null)[][]) {
    return this.setEach('fontFamily', families);
  }
  getFontLines() {
    return this.getEach('fontLine', 'none') as ('underline' | 'line-through' | 'none')[][];
  }
  getHorizontalAlignments() {
    return this.getEach('horizontalAlignment', 'general') as string[][];
  }
  setHorizontalAlignments(alignments: (string | null)[][]) {
    return this.setEach('horizontalAlignment', alignments);
  }
  getVerticalAlignments() {
    return this.getEach('verticalAlignment', 'bottom') as string[][];
  }
  setVerticalAlignments(alignments: (string | null)[][]) {
    return this.setEach('verticalAlignment', alignments);
  }
  getWraps() {
    return this.getEach('wrap', true) as boolean[][];
  }
  setWraps(wraps: boolean[][]) {
    return this.setEach('wrap', wraps);
  }
  /** A text style sets the records it names; unset parts of the style leave the cell's own. */
  setTextStyle(style: TextStyleImpl) {
    const f = style.fields;
    this.cells((r, c) => {
      const set = (key: string, v: unknown) => v !== null && this.sheetState.setProp(r, c, key, v);
      set('fontWeight', f.bold === null ? null : f.bold ? 'bold' : 'normal');
      set('fontStyle', f.italic === null ? null : f.italic ? 'italic' : 'normal');
      set('fontLine', f.underline ? 'underline' : f.strikethrough ? 'line-through' : null);
      set('fontSize', f.fontSize);
      set('fontFamily', f.fontFamily);
      set('fontColor', f.color);
    });
    return this;
  }
  getTextStyle() {
    const fields: Fields = {
      bold: this.getFontWeight() === 'bold',
      italic: this.getFontStyle() === 'italic',
      underline: this.getFontLine() === 'underline',
      strikethrough: this.getFontLine() === 'line-through',
      fontSize: this.getFontSize(),
      fontFamily: this.getFontFamily(),
      color: this.getFontColor(),
    };
    return new TextStyleImpl(fields);
  }
}
