/**
 * Named ranges (https://developers.google.com/apps-script/reference/spreadsheet/named-range). A
 * name is a HyperFormula named expression, so formulas can use it (`=SUM(Totals)`) and it follows
 * its cells when rows or columns are inserted or deleted; the engine is the only record of it.
 */
import type { ExecutionContext } from '../contract';
import { a1Notation, parseA1, quoteSheet, splitSheet } from './a1';
import { RangeImpl } from './range';
import type { Surface } from './surface';
import type { Workbook } from './workbook';
import { CLASS } from './wrap';

/** The names Workbook defines for itself (TRUE, FALSE), not named ranges of the document. */
const ENGINE_NAMES = new Set(['TRUE', 'FALSE']);

/** Sheets' rules for a range name (support.google.com/docs/answer/63175). */
function checkName(name: string): void {
  const ok =
    /^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) &&
    !/^(true|false)$/i.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  if (!ok)
    throw new Error(
      `Exception: "${name}" is not a valid range name: use letters, numbers and underscores, not starting with a number, and not a cell address.`,
    );
}

function expressionOf(range: RangeImpl): string {
  const abs = a1Notation(range.block).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `=${quoteSheet(range.sheetState.name)}!${abs}`;
}

/** The names of the document's named ranges. */
export function rangeNames(wb: Workbook): string[] {
  return wb.hf.listNamedExpressions().filter((n) => !ENGINE_NAMES.has(n.toUpperCase()));
}

/** The range a name stands for now, or null when the name is not a range (or its cells were deleted). */
export function namedRangeOf(
  wb: Workbook,
  ctx: ExecutionContext | undefined,
  name: string,
): RangeImpl | null {
  const formula = wb.hf.getNamedExpressionFormula(name);
  if (!formula) return null;
  const [sheet, a1] = splitSheet(formula.replace(/^=/, ''));
  const state = sheet ? wb.sheet(sheet) : undefined;
  if (!state) return null;
  try {
    return RangeImpl.at(wb, state, ctx, parseA1(a1, state.maxRows, state.maxColumns));
  } catch {
    return null;
  }
}

export function setNamedRange(wb: Workbook, name: string, range: RangeImpl): void {
  checkName(name);
  const existing = rangeNames(wb).find((n) => n.toLowerCase() === name.toLowerCase());
  if (existing) wb.hf.removeNamedExpression(existing);
  wb.hf.addNamedExpression(name, expressionOf(range));
}

export function removeNamedRange(wb: Workbook, name: string): void {
  const existing = rangeNames(wb).find((n) => n.toLowerCase() === name.toLowerCase());
  if (!existing) throw new Error(`Exception: No named range called "${name}".`);
  wb.hf.removeNamedExpression(existing);
}

export class NamedRangeImpl implements Surface<GoogleAppsScript.Spreadsheet.NamedRange, NamedRangeImpl> {
  [CLASS] = 'NamedRange';
  constructor(
    readonly wb: Workbook,
    readonly ctx: ExecutionContext | undefined,
    public name: string,
  ) {}
  getName() {
    return this.name;
  }
  getRange() {
    const range = namedRangeOf(this.wb, this.ctx, this.name);
    if (!range) throw new Error(`Exception: The named range "${this.name}" no longer refers to cells.`);
    return range;
  }
  remove() {
    removeNamedRange(this.wb, this.name);
  }
  setName(name: string) {
    const range = this.getRange();
    checkName(name);
    removeNamedRange(this.wb, this.name);
    setNamedRange(this.wb, name, range);
    this.name = name;
    return this;
  }
  setRange(range: RangeImpl) {
    setNamedRange(this.wb, this.name, range);
    return this;
  }
}
