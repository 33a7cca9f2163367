/**
 * Range.sort and Sheet.sort: the rows of a block are permuted by their sort keys, contents, formats,
 * notes and validation moving with their row, as Sheets' Data > Sort range does
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#sortsortspecobj).
 *
 * A formula moves with its row and reads as if copied there (its relative references to its own row
 * follow it; `$A$2`, other sheets' absolute cells and whole columns stay). A formula that points at a
 * different row of the block, or at another row by a relative reference, would mean something after
 * the sort that we cannot vouch for, so the sort is refused with "Not emulated" and nothing changes.
 * Cells that only show an array formula's spilled output are not contents: they stay, and the
 * formula recomputes them.
 */
import type { DetailedCellError, RawCellContent } from 'hyperformula';
import { NotEmulatedError } from '../contract';
import { type FormulaRef, formulaRefs, translateFormula } from './formula-refs';
import type { SheetState, Workbook } from './workbook';

export interface SortKey {
  /** 1-based sheet column. */
  column: number;
  ascending: boolean;
}

/** A block of a sheet, 1-based. */
export interface Block {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Reads Apps Script's sortSpecObj: a column number, `{column, ascending}`, or an array of those. */
export function sortKeys(spec: unknown, block: Block): SortKey[] {
  const list = Array.isArray(spec) ? spec : [spec];
  if (!list.length) throw new Error('Exception: The sort specification is empty: give a column number.');
  return list.map((item) => {
    const key =
      typeof item === 'number'
        ? { column: item, ascending: true }
        : typeof item === 'object' && item !== null && typeof (item as SortKey).column === 'number'
          ? { column: (item as SortKey).column, ascending: (item as SortKey).ascending !== false }
          : null;
    if (!key)
      throw new Error(
        'Exception: A sort specification is a column number or {column: number, ascending: boolean}.',
      );
    if (key.column < block.col || key.column >= block.col + block.numCols)
      throw new Error(`Exception: Sort column ${key.column} is outside the range being sorted.`);
    return key;
  });
}

// Sheets' order across types in an ascending sort: numbers (and dates), then text, then booleans
// (FALSE before TRUE), then errors; blank cells last in either direction.
const collator = new Intl.Collator('en', { sensitivity: 'accent', numeric: false });
function typeRank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  return 3;
}
function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}
function compareValues(a: unknown, b: unknown, ascending: boolean): number {
  if (isBlank(a) || isBlank(b)) return Number(isBlank(a)) - Number(isBlank(b));
  const ra = typeRank(a);
  const rb = typeRank(b);
  let order = ra - rb;
  if (!order && ra === 0) order = (a as number) - (b as number);
  else if (!order && ra === 1) order = collator.compare(a as string, b as string);
  else if (!order && ra === 2) order = Number(a) - Number(b);
  else if (!order && ra === 3) order = 0;
  return ascending ? order : -order;
}

function rowsOf(ref: FormulaRef): [number, number] | null {
  const lo = ref.start.row;
  if (lo === undefined) return null;
  const hi = ref.end ? (ref.end.row ?? Number.POSITIVE_INFINITY) : lo;
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

/** Refuses a formula whose meaning after moving from `row` would be a guess (see the file comment). */
function checkMovable(formula: string, row: number, sheetName: string, block: Block): void {
  const top = block.row;
  const bottom = block.row + block.numRows - 1;
  for (const ref of formulaRefs(formula)) {
    const span = rowsOf(ref);
    if (!span) continue;
    const own = span[0] === row && span[1] === row;
    const relative = !ref.start.rowAbs || (ref.end !== undefined && !ref.end.rowAbs);
    const sameSheet = ref.sheet === null || ref.sheet === sheetName;
    if (own && relative) continue;
    if (sameSheet && span[0] <= bottom && span[1] >= top)
      throw new NotEmulatedError('sorting a range whose formulas refer to other rows of it');
    if (relative)
      throw new NotEmulatedError('sorting a range whose formulas refer by relative reference to other rows');
  }
}

/** Sorts the block's rows in place by `keys` (stable: equal rows keep their order). */
export function sortBlock(wb: Workbook, state: SheetState, block: Block, keys: SortKey[]): void {
  const { row, col, numRows, numCols } = block;
  const r0 = row - 1;
  const c0 = col - 1;
  const address = (i: number, j: number) => ({ sheet: state.hfId, row: r0 + i, col: c0 + j });
  const values = wb.hf.getRangeValues({ start: address(0, 0), end: address(numRows - 1, numCols - 1) });
  const keyOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as DetailedCellError).value : v);
  const order = Array.from({ length: numRows }, (_, i) => i);
  order.sort((a, b) => {
    for (const key of keys) {
      const j = key.column - col;
      const c = compareValues(keyOf(values[a]?.[j]), keyOf(values[b]?.[j]), key.ascending);
      if (c) return c;
    }
    return 0;
  });
  if (order.every((from, to) => from === to)) return;

  const spill = Array.from({ length: numRows }, (_, i) =>
    Array.from({ length: numCols }, (_, j) => wb.isSpilled(state, r0 + i, c0 + j)),
  );
  const spilled = (i: number, j: number) => spill[i]?.[j] === true;
  // Everything is read and checked before anything is written: a refusal leaves the sheet as it was.
  const contents: RawCellContent[][] = order.map((from, to) =>
    Array.from({ length: numCols }, (_, j) => {
      if (spilled(from, j)) return null;
      const content = wb.hf.getCellSerialized(address(from, j));
      if (typeof content !== 'string' || !content.startsWith('=')) return content;
      checkMovable(content, row + from, state.name, block);
      return translateFormula(content, to - from, 0);
    }),
  );
  for (let i = 0; i < numRows; i++)
    for (let j = 0; j < numCols; j++)
      if (spilled(i, j) && contents[i]?.[j] !== null)
        throw new NotEmulatedError("sorting contents into an array formula's spilled output");
  const props = order.map((from) =>
    Array.from({ length: numCols }, (_, j) => state.cells.get(`${r0 + from}:${c0 + j}`)),
  );
  // Only cells whose content changes are written: a column of per-row formulas that read their own
  // row holds, after the move, exactly the formula already there, and rewriting thousands of them
  // (each re-linked to whole-column ranges) took minutes for a 2,000-row tab.
  const current = order.map((_, i) =>
    Array.from({ length: numCols }, (_, j) =>
      spilled(i, j) ? null : wb.hf.getCellSerialized(address(i, j)),
    ),
  );
  wb.hf.batch(() => {
    for (let i = 0; i < numRows; i++)
      for (let j = 0; j < numCols; j++) {
        const next = contents[i]?.[j] ?? null;
        if (!spilled(i, j) && !sameContent(current[i]?.[j] ?? null, next))
          wb.hf.setCellContents(address(i, j), next);
      }
  });
  for (let i = 0; i < numRows; i++) {
    for (let j = 0; j < numCols; j++) {
      const key = `${r0 + i}:${c0 + j}`;
      const rec = props[i]?.[j];
      if (rec) state.cells.set(key, rec);
      else state.cells.delete(key);
    }
  }
}

/** Serialized cell contents compare by value; a date or rich number by its serial. */
function sameContent(a: RawCellContent, b: RawCellContent): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
