/**
 * DataValidation and DataValidationBuilder
 * (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder).
 * A rule is recorded as plain data on its cells (RecordedValidation: the .xlsx writer reads it too);
 * a range criterion is recorded as its 'Sheet'!A1 address and read back as a Range.
 */
import { enumName } from '../services/host-object';
import { quoteSheet } from './a1';
import { SpreadsheetEnums } from './enums';
import type { Surface } from './surface';
import type { RecordedValidation } from './workbook';
import { CLASS } from './wrap';

type GasValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GasBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** Turns a recorded 'Sheet'!A1 address back into a Range of the execution. */
export type RangeResolver = (ref: string) => object;

/** What a rule needs of a Range: its address, recorded with the sheet. */
export interface Addressable {
  getA1Notation(): string;
  getSheet(): { getName(): string };
}

export function recordedAddress(range: Addressable): string {
  return `${quoteSheet(range.getSheet().getName())}!${range.getA1Notation()}`;
}

const CRITERIA = SpreadsheetEnums.DataValidationCriteria;

export class DataValidationImpl implements Surface<GasValidation, DataValidationImpl> {
  [CLASS] = 'DataValidation';
  constructor(
    readonly rec: RecordedValidation,
    readonly resolve: RangeResolver,
  ) {}
  getCriteriaType() {
    return CRITERIA[this.rec.criteria] ?? this.rec.criteria;
  }
  /** Apps Script's values for the criteria: a range criterion's first value is a Range. */
  getCriteriaValues() {
    const values = [...this.rec.values];
    if (this.rec.criteria === 'VALUE_IN_RANGE' && typeof values[0] === 'string')
      values[0] = this.resolve(values[0]);
    return values;
  }
  getAllowInvalid() {
    return this.rec.allowInvalid;
  }
  getHelpText() {
    return this.rec.helpText;
  }
  copy() {
    return new DataValidationBuilderImpl(this.resolve, structuredClone(this.rec));
  }
}

export class DataValidationBuilderImpl implements Surface<GasBuilder, DataValidationBuilderImpl> {
  [CLASS] = 'DataValidationBuilder';
  constructor(
    readonly resolve: RangeResolver,
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
  requireValueInRange(range: Addressable, showDropdown = true) {
    return this.#set('VALUE_IN_RANGE', [recordedAddress(range), showDropdown]);
  }
  /** No values: TRUE/FALSE; one value: checked; two: checked and unchecked (kept as given). */
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown) {
    const values = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    return this.#set('CHECKBOX', values);
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
  requireDateBetween(a: Date, b: Date) {
    return this.#set('DATE_BETWEEN', [a, b]);
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
  requireNumberNotBetween(a: number, b: number) {
    return this.#set('NUMBER_NOT_BETWEEN', [a, b]);
  }
  requireNumberEqualTo(a: number) {
    return this.#set('NUMBER_EQUAL_TO', [a]);
  }
  requireNumberNotEqualTo(a: number) {
    return this.#set('NUMBER_NOT_EQUAL_TO', [a]);
  }
  requireNumberGreaterThan(a: number) {
    return this.#set('NUMBER_GREATER_THAN', [a]);
  }
  requireNumberGreaterThanOrEqualTo(a: number) {
    return this.#set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [a]);
  }
  requireNumberLessThan(a: number) {
    return this.#set('NUMBER_LESS_THAN', [a]);
  }
  requireNumberLessThanOrEqualTo(a: number) {
    return this.#set('NUMBER_LESS_THAN_OR_EQUAL_TO', [a]);
  }
  requireTextContains(text: string) {
    return this.#set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string) {
    return this.#set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string) {
    return this.#set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail() {
    return this.#set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl() {
    return this.#set('TEXT_IS_VALID_URL', []);
  }
  requireFormulaSatisfied(formula: string) {
    return this.#set('CUSTOM_FORMULA', [formula]);
  }
  withCriteria(criteria: unknown, args: unknown[]) {
    return this.#set(enumName(criteria), [...args]);
  }
  getCriteriaType() {
    return CRITERIA[this.rec.criteria] ?? this.rec.criteria;
  }
  getCriteriaValues() {
    return new DataValidationImpl(this.rec, this.resolve).getCriteriaValues();
  }
  getAllowInvalid() {
    return this.rec.allowInvalid;
  }
  getHelpText() {
    return this.rec.helpText;
  }
  setAllowInvalid(allow: boolean) {
    this.rec.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.rec.helpText = text;
    return this;
  }
  copy() {
    return new DataValidationBuilderImpl(this.resolve, structuredClone(this.rec));
  }
  build() {
    if (!this.rec.criteria) throw new Error('Exception: You must specify a validation criteria.');
    return new DataValidationImpl(structuredClone(this.rec), this.resolve);
  }
}
