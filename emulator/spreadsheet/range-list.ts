/**
 * RangeList (https://developers.google.com/apps-script/reference/spreadsheet/range-list): several
 * ranges of one sheet, each operation applied to every range in order.
 */
import type { RangeImpl } from './range';
import type { Surface } from './surface';
import { CLASS } from './wrap';

type GasRangeList = GoogleAppsScript.Spreadsheet.RangeList;

export class RangeListImpl implements Surface<GasRangeList, RangeListImpl> {
  [CLASS] = 'RangeList';
  constructor(readonly ranges: RangeImpl[]) {}
  #each(fn: (r: RangeImpl) => unknown) {
    for (const r of this.ranges) fn(r);
    return this;
  }
  getRanges() {
    return [...this.ranges];
  }
  activate() {
    return this.#each((r) => r.activate());
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    return this.#each((r) => r.clear(options));
  }
  clearContent() {
    return this.#each((r) => r.clearContent());
  }
  clearFormat() {
    return this.#each((r) => r.clearFormat());
  }
  clearNote() {
    return this.#each((r) => r.clearNote());
  }
  clearDataValidations() {
    return this.#each((r) => r.clearDataValidations());
  }
  breakApart() {
    return this.#each((r) => r.breakApart());
  }
  check() {
    return this.#each((r) => r.check());
  }
  uncheck() {
    return this.#each((r) => r.uncheck());
  }
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown) {
    return this.#each((r) => r.insertCheckboxes(checkedValue, uncheckedValue));
  }
  removeCheckboxes() {
    return this.#each((r) => r.removeCheckboxes());
  }
  setValue(value: unknown) {
    return this.#each((r) => r.setValue(value));
  }
  setFormula(formula: string) {
    return this.#each((r) => r.setFormula(formula));
  }
  setNote(note: string | null) {
    return this.#each((r) => r.setNote(note));
  }
  setNumberFormat(format: string) {
    return this.#each((r) => r.setNumberFormat(format));
  }
  setBackground(color: string | null) {
    return this.#each((r) => r.setBackground(color));
  }
  setFontColor(color: string | null) {
    return this.#each((r) => r.setFontColor(color));
  }
  setFontWeight(weight: 'bold' | 'normal' | null) {
    return this.#each((r) => r.setFontWeight(weight));
  }
  setFontStyle(style: 'italic' | 'normal' | null) {
    return this.#each((r) => r.setFontStyle(style));
  }
  setFontSize(size: number) {
    return this.#each((r) => r.setFontSize(size));
  }
  setHorizontalAlignment(a: 'left' | 'center' | 'right' | 'normal' | null) {
    return this.#each((r) => r.setHorizontalAlignment(a));
  }
  setWrap(on: boolean) {
    return this.#each((r) => r.setWrap(on));
  }
}
