/**
 * TextFinder (https://developers.google.com/apps-script/reference/spreadsheet/text-finder): finds
 * text in the displayed values (or formulas, with matchFormulaText) of a range, a sheet or a whole
 * spreadsheet, row by row, and replaces it. As the reference says: case-insensitive unless
 * matchCase(true), a partial match unless matchEntireCell(true) (the whole cell's content), findAll
 * answers every matching cell, findNext the next one (null when nothing matches). The search runs
 * when a find method is called, on the cells as they are then, and only the cells found come back to
 * the script (emulator/spreadsheet/cells.ts counts them, not the cells looked through).
 *
 * What the reference does not say is refused: whether findNext after the last match starts again
 * from the first (as Sheets' Find dialog does) or answers null, and the same for findPrevious before
 * the first; a script that needs either gets NotEmulatedError rather than a guess.
 */
import { type ExecutionContext, NotEmulatedError } from '../contract';
import { RangeImpl } from './range';
import type { Block } from './sort';
import type { Surface } from './surface';
import type { SheetState, Workbook } from './workbook';
import { CLASS } from './wrap';

export interface SearchArea {
  state: SheetState;
  block: Block;
}

interface Hit {
  state: SheetState;
  row: number;
  col: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TextFinderImpl implements Surface<GoogleAppsScript.Spreadsheet.TextFinder, TextFinderImpl> {
  [CLASS] = 'TextFinder';
  #matchCase = false;
  #entireCell = false;
  #regex = false;
  #formulas = false;
  #diacritics = false;
  #current = -1;
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext | undefined,
    readonly areas: SearchArea[],
    readonly findText: string,
  ) {}
  matchCase(on: boolean) {
    this.#matchCase = on;
    return this;
  }
  matchEntireCell(on: boolean) {
    this.#entireCell = on;
    return this;
  }
  useRegularExpression(on: boolean) {
    this.#regex = on;
    return this;
  }
  matchFormulaText(on: boolean) {
    this.#formulas = on;
    return this;
  }
  ignoreDiacritics(on: boolean) {
    this.#diacritics = on;
    return this;
  }
  startFrom(range: RangeImpl) {
    const hits = this.#hits();
    this.#current = hits.findIndex(
      (h) => h.state === range.sheetState && h.row === range.row - 1 && h.col === range.col - 1,
    );
    return this;
  }
  #pattern(global: boolean): RegExp {
    const source = this.#regex ? this.findText : escapeRegExp(this.#fold(this.findText));
    const whole = this.#entireCell ? `^(?:${source})$` : source;
    return new RegExp(whole, `${this.#matchCase ? '' : 'i'}${global ? 'g' : ''}`);
  }
  #fold(text: string): string {
    return this.#diacritics ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
  }
  #text(h: Hit, value: unknown): string {
    if (this.#formulas) {
      const f = this.wb.formulaAt(h.state, h.row, h.col);
      if (f) return f;
    }
    return this.wb.displayOf(h.state, h.row, h.col, value);
  }
  /** Matching cells in order; only the part of each area that holds data is read (once). */
  #hits(): Hit[] {
    const pattern = this.#pattern(false);
    const out: Hit[] = [];
    for (const { state, block } of this.areas) {
      const rows = Math.min(block.numRows, this.wb.lastRow(state) + 2 - block.row);
      const cols = Math.min(block.numCols, this.wb.lastColumn(state) + 2 - block.col);
      if (rows < 1 || cols < 1) continue;
      const values = this.wb.readBlock(state, block.row - 1, block.col - 1, rows, cols);
      for (let i = 0; i < values.length; i++) {
        for (let j = 0; j < cols; j++) {
          const hit = { state, row: block.row - 1 + i, col: block.col - 1 + j };
          const text = this.#text(hit, values[i]?.[j]);
          if (text !== '' && pattern.test(this.#fold(text))) out.push(hit);
        }
      }
    }
    return out;
  }
  #range(h: Hit) {
    return RangeImpl.at(this.wb, h.state, this.ctx, {
      row: h.row + 1,
      col: h.col + 1,
      numRows: 1,
      numCols: 1,
    });
  }
  findAll() {
    return this.#hits().map((h) => this.#range(h));
  }
  findNext() {
    const hits = this.#hits();
    if (!hits.length) return null;
    if (this.#current + 1 >= hits.length)
      throw new NotEmulatedError('TextFinder.findNext after the last match (wrap-around is not documented)');
    this.#current += 1;
    return this.#range(hits[this.#current] as Hit);
  }
  findPrevious() {
    const hits = this.#hits();
    if (!hits.length) return null;
    if (this.#current === 0)
      throw new NotEmulatedError(
        'TextFinder.findPrevious before the first match (wrap-around is not documented)',
      );
    this.#current = this.#current < 0 ? hits.length - 1 : this.#current - 1;
    return this.#range(hits[this.#current] as Hit);
  }
  getCurrentMatch() {
    const hit = this.#hits()[this.#current];
    return hit ? this.#range(hit) : null;
  }
  #replace(h: Hit, replaceText: string) {
    const [[value]] = this.wb.readBlock(h.state, h.row, h.col, 1, 1) as [[unknown]];
    const text = this.#text(h, value);
    const replaced = this.#fold(text).replace(this.#pattern(true), replaceText);
    this.wb.write(h.state, h.row, h.col, [[replaced]]);
  }
  /** Replaces every match; returns how many cells changed. */
  replaceAllWith(replaceText: string) {
    const hits = this.#hits();
    for (const h of hits) this.#replace(h, replaceText);
    return hits.length;
  }
  replaceWith(replaceText: string) {
    const hit = this.#hits()[this.#current];
    if (!hit) return 0;
    this.#replace(hit, replaceText);
    return 1;
  }
}
