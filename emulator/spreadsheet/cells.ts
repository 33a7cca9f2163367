/**
 * How many cells one Spreadsheet service call moves between the script and the spreadsheet, as Apps
 * Script's cost goes: a read of a range's contents moves every cell of it (blank ones too: getValues
 * of 'C2:C' returns every row of the sheet), a write moves the cells it fills, and a TextFinder
 * search moves only what it answers (the cells it found), not the cells it looked through, which
 * stay on Google's side. Formats, notes and validation rules are left out: the figures answer "how
 * much data did this action read and write".
 * https://developers.google.com/apps-script/guides/support/best-practices ("Use batch operations")
 */

export interface CellCount {
  read: number;
  written: number;
}

/** Range (and Sheet) methods that return the contents of every cell of the range as a grid. */
const GRID_READS = new Set([
  'getValues',
  'getDisplayValues',
  'getFormulas',
  'getFormulasR1C1',
  'getSheetValues',
]);
/** Methods that return the content of one cell. */
const CELL_READS = new Set(['getValue', 'getDisplayValue', 'getFormula', 'getFormulaR1C1']);
/** Methods that write a grid given as their first argument. */
const GRID_WRITES = new Set(['setValues', 'setFormulas', 'setFormulasR1C1']);
/** Range methods that write one value or formula into every cell of the range. */
const FILL_WRITES = new Set(['setValue', 'setFormula', 'setFormulaR1C1']);

function gridCells(grid: unknown): number {
  if (!Array.isArray(grid)) return 0;
  let n = 0;
  for (const row of grid) n += Array.isArray(row) ? row.length : 0;
  return n;
}

interface Sized {
  getNumRows(): number;
  getNumColumns(): number;
}

function rangeCells(target: object): number {
  const range = target as Partial<Sized>;
  return typeof range.getNumRows === 'function' && typeof range.getNumColumns === 'function'
    ? range.getNumRows() * range.getNumColumns()
    : 0;
}

/** The cells a call of `className.method` on `target` with `args`, answering `result`, moved. */
export function cellsMoved(
  className: string,
  method: string,
  target: object,
  args: readonly unknown[],
  result: unknown,
): CellCount {
  if (className === 'TextFinder') {
    if (method === 'findAll') return { read: Array.isArray(result) ? result.length : 0, written: 0 };
    if (method === 'findNext' || method === 'findPrevious' || method === 'getCurrentMatch')
      return { read: result ? 1 : 0, written: 0 };
    if (method === 'replaceAllWith' || method === 'replaceWith')
      return { read: 0, written: typeof result === 'number' ? result : 0 };
    return { read: 0, written: 0 };
  }
  if (GRID_READS.has(method)) return { read: gridCells(result), written: 0 };
  if (CELL_READS.has(method) && className === 'Range') return { read: 1, written: 0 };
  if (GRID_WRITES.has(method)) return { read: 0, written: gridCells(args[0]) };
  if (FILL_WRITES.has(method) && className === 'Range') return { read: 0, written: rangeCells(target) };
  if (method === 'appendRow' && className === 'Sheet')
    return { read: 0, written: Array.isArray(args[0]) ? args[0].length : 0 };
  return { read: 0, written: 0 };
}
