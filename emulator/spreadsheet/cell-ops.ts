/**
 * Moving blocks of cells, as Range.copyTo, moveTo, deleteCells and getDataRegion do
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#copytodestination,-options).
 * Contents live in HyperFormula, everything else (formats, notes, validation) in the sheet's cell
 * records; both move together.
 */
import type { RawCellContent } from 'hyperformula';
import { translateFormula } from './formula-refs';
import type { Block } from './sort';
import type { SheetState, Workbook } from './workbook';

/** What a copy carries: contents (as typed, or computed values), and/or the cell records. */
export interface CopyParts {
  contents: 'typed' | 'values' | null;
  /** Cell record keys to copy; null copies none, 'all' every key. */
  records: 'all' | 'format' | 'validation' | null;
}

const FORMAT_EXCLUDES = new Set(['note', 'validation']);

function pick(rec: Record<string, unknown> | undefined, parts: CopyParts['records']) {
  if (!rec || !parts) return undefined;
  if (parts === 'all') return structuredClone(rec);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (parts === 'format' ? !FORMAT_EXCLUDES.has(k) : k === 'validation') out[k] = structuredClone(v);
  }
  return out;
}

/** Copies `src` to `dst` (its top-left, tiled when `dst` is a whole multiple of the source's size). */
export function copyBlock(
  wb: Workbook,
  from: SheetState,
  src: Block,
  to: SheetState,
  dst: Block,
  parts: CopyParts,
): void {
  const tilesDown = Math.max(1, Math.floor(dst.numRows / src.numRows));
  const tilesAcross = Math.max(1, Math.floor(dst.numCols / src.numCols));
  // Read everything first: the source and destination may overlap.
  const cells = Array.from({ length: src.numRows }, (_, i) =>
    Array.from({ length: src.numCols }, (_, j) => {
      const address = { sheet: from.hfId, row: src.row - 1 + i, col: src.col - 1 + j };
      const spilled = wb.isSpilled(from, address.row, address.col);
      const raw =
        parts.contents === 'values' || spilled
          ? wb.hf.getCellValue(address)
          : wb.hf.getCellSerialized(address);
      const content =
        typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: string }).value : raw;
      return { content: content as RawCellContent, rec: from.cells.get(`${address.row}:${address.col}`) };
    }),
  );
  const contents: RawCellContent[][] = [];
  for (let ti = 0; ti < tilesDown; ti++) {
    for (let i = 0; i < src.numRows; i++) {
      const line: RawCellContent[] = [];
      for (let tj = 0; tj < tilesAcross; tj++) {
        for (let j = 0; j < src.numCols; j++) {
          const cell = cells[i]?.[j];
          const down = dst.row + ti * src.numRows - src.row;
          const across = dst.col + tj * src.numCols - src.col;
          const c = cell?.content ?? null;
          line.push(
            typeof c === 'string' && c.startsWith('=') && parts.contents === 'typed'
              ? translateFormula(c, down, across)
              : c,
          );
          if (parts.records) {
            const key = `${dst.row - 1 + ti * src.numRows + i}:${dst.col - 1 + tj * src.numCols + j}`;
            const rec = pick(cell?.rec, parts.records);
            const kept = parts.records === 'all' ? {} : omitCopied(to.cells.get(key), parts.records);
            const merged = { ...kept, ...rec };
            if (Object.keys(merged).length) to.cells.set(key, merged);
            else to.cells.delete(key);
          }
        }
      }
      contents.push(line);
    }
  }
  if (parts.contents) wb.write(to, dst.row - 1, dst.col - 1, contents);
}

/** The destination's own record less the keys a partial copy replaces. */
function omitCopied(rec: Record<string, unknown> | undefined, parts: 'format' | 'validation') {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec ?? {}))
    if (parts === 'format' ? FORMAT_EXCLUDES.has(k) : k !== 'validation') out[k] = v;
  return out;
}

/** Moves records of a block by (rows, cols) onto `to`, as a cut and paste does. */
function moveRecords(from: SheetState, src: Block, to: SheetState, rows: number, cols: number): void {
  const moved: [string, Record<string, unknown>][] = [];
  for (let i = 0; i < src.numRows; i++)
    for (let j = 0; j < src.numCols; j++) {
      const key = `${src.row - 1 + i}:${src.col - 1 + j}`;
      const rec = from.cells.get(key);
      from.cells.delete(key);
      if (rec) moved.push([`${src.row - 1 + i + rows}:${src.col - 1 + j + cols}`, rec]);
    }
  for (let i = 0; i < src.numRows; i++)
    for (let j = 0; j < src.numCols; j++)
      to.cells.delete(`${src.row - 1 + i + rows}:${src.col - 1 + j + cols}`);
  for (const [key, rec] of moved) to.cells.set(key, rec);
}

/**
 * Cut and paste: contents and records move; formulas keep pointing where they pointed, and formulas
 * elsewhere that pointed at the moved cells follow them (HyperFormula's moveCells does both).
 */
export function moveBlock(
  wb: Workbook,
  from: SheetState,
  src: Block,
  to: SheetState,
  row: number,
  col: number,
): void {
  wb.hf.moveCells(
    {
      start: { sheet: from.hfId, row: src.row - 1, col: src.col - 1 },
      end: { sheet: from.hfId, row: src.row + src.numRows - 2, col: src.col + src.numCols - 2 },
    },
    { sheet: to.hfId, row: row - 1, col: col - 1 },
  );
  to.maxRows = Math.max(to.maxRows, row + src.numRows - 1);
  to.maxColumns = Math.max(to.maxColumns, col + src.numCols - 1);
  moveRecords(from, src, to, row - src.row, col - src.col);
}

/** Deletes a block, shifting the cells below it up ('ROWS') or those right of it left ('COLUMNS'). */
export function deleteBlock(wb: Workbook, state: SheetState, block: Block, shift: 'ROWS' | 'COLUMNS'): void {
  const { height, width } = wb.hf.getSheetDimensions(state.hfId);
  const rows = shift === 'ROWS';
  const after: Block = rows
    ? {
        row: block.row + block.numRows,
        col: block.col,
        numRows: height - (block.row - 1 + block.numRows),
        numCols: block.numCols,
      }
    : {
        row: block.row,
        col: block.col + block.numCols,
        numRows: block.numRows,
        numCols: width - (block.col - 1 + block.numCols),
      };
  const clear = () =>
    wb.write(
      state,
      block.row - 1,
      block.col - 1,
      Array.from({ length: block.numRows }, () => Array(block.numCols).fill(null)),
    );
  for (let i = 0; i < block.numRows; i++)
    for (let j = 0; j < block.numCols; j++) state.cells.delete(`${block.row - 1 + i}:${block.col - 1 + j}`);
  clear();
  if (after.numRows >= 1 && after.numCols >= 1) moveBlock(wb, state, after, state, block.row, block.col);
}

/**
 * The block grown in the four cardinal directions (only up and down for 'ROWS', left and right for
 * 'COLUMNS') while a cell next to it holds data; diagonal neighbours do not count.
 */
export function dataRegion(
  wb: Workbook,
  state: SheetState,
  block: Block,
  dimension?: 'ROWS' | 'COLUMNS',
): Block {
  const { height, width } = wb.hf.getSheetDimensions(state.hfId);
  const filled = (r: number, c: number) => {
    if (r < 0 || c < 0 || r >= height || c >= width) return false;
    const v = wb.hf.getCellValue({ sheet: state.hfId, row: r, col: c });
    return v !== null && v !== '';
  };
  let [top, left] = [block.row - 1, block.col - 1];
  let [bottom, right] = [top + block.numRows - 1, left + block.numCols - 1];
  const anyInRow = (r: number) =>
    Array.from({ length: right - left + 1 }, (_, j) => left + j).some((c) => filled(r, c));
  const anyInCol = (c: number) =>
    Array.from({ length: bottom - top + 1 }, (_, i) => top + i).some((r) => filled(r, c));
  for (let grew = true; grew; ) {
    grew = false;
    if (dimension !== 'COLUMNS') {
      if (top > 0 && anyInRow(top - 1)) [top, grew] = [top - 1, true];
      if (anyInRow(bottom + 1)) [bottom, grew] = [bottom + 1, true];
    }
    if (dimension !== 'ROWS') {
      if (left > 0 && anyInCol(left - 1)) [left, grew] = [left - 1, true];
      if (anyInCol(right + 1)) [right, grew] = [right + 1, true];
    }
  }
  return { row: top + 1, col: left + 1, numRows: bottom - top + 1, numCols: right - left + 1 };
}

/** Inserts empty cells where the block is, pushing the cells below down ('ROWS') or right ('COLUMNS'). */
export function insertBlock(wb: Workbook, state: SheetState, block: Block, shift: 'ROWS' | 'COLUMNS'): void {
  const { height, width } = wb.hf.getSheetDimensions(state.hfId);
  const rows = shift === 'ROWS';
  const from: Block = rows
    ? { row: block.row, col: block.col, numRows: height - block.row + 1, numCols: block.numCols }
    : { row: block.row, col: block.col, numRows: block.numRows, numCols: width - block.col + 1 };
  if (from.numRows >= 1 && from.numCols >= 1) {
    const to = rows ? [block.row + block.numRows, block.col] : [block.row, block.col + block.numCols];
    moveBlock(wb, state, from, state, to[0] as number, to[1] as number);
  }
}

/**
 * The cell Ctrl+arrow reaches from the block's first cell: the far edge of the run of cells with
 * data it is in, or the next cell with data, or the sheet's edge (1-based [row, col]).
 */
export function nextDataCell(
  wb: Workbook,
  state: SheetState,
  block: Block,
  direction: string,
): [number, number] {
  const [dr, dc] = (
    { UP: [-1, 0], DOWN: [1, 0], PREVIOUS: [0, -1], NEXT: [0, 1] } as Record<string, [number, number]>
  )[direction] ?? [0, 0];
  const filled = (r: number, c: number) => {
    const v = wb.hf.getCellValue({ sheet: state.hfId, row: r - 1, col: c - 1 });
    return v !== null && v !== '';
  };
  const inside = (r: number, c: number) => r >= 1 && c >= 1 && r <= state.maxRows && c <= state.maxColumns;
  let [r, c] = [block.row, block.col];
  if (!inside(r + dr, c + dc)) return [r, c];
  if (filled(r, c) && filled(r + dr, c + dc)) {
    while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) [r, c] = [r + dr, c + dc];
    return [r, c];
  }
  [r, c] = [r + dr, c + dc];
  while (inside(r + dr, c + dc) && !filled(r, c)) [r, c] = [r + dr, c + dc];
  return [r, c];
}
