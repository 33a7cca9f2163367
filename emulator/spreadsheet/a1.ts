/**
 * Range addresses as Sheet.getRange(a1Notation) takes them: A1 (`A1`, `A1:C3`, `$A$1`, `A:A`, `A2:A`,
 * `5:7`, any case), R1C1 (`R5C3`, `R2C2:R4C5`, any case), a leading `!` for the sheet in use
 * (`'!c2:e5'`), and a sheet prefix (`'Call Log'!A1`).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getrangea1notation
 */
import { columnLetters } from './formula-refs';

/** A block, 1-based, and whether it was written as whole columns (`D:F`) or whole rows (`5:7`). */
export interface ParsedRange {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  whole?: 'columns' | 'rows';
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 -> A, 27 -> AA. */
export const colLetters = columnLetters;

const A1 = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/;
const R1C1 = /^[Rr](\d+)[Cc](\d+)(?::[Rr](\d+)[Cc](\d+))?$/;

function block(r1: number, c1: number, r2: number, c2: number): ParsedRange {
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numCols: Math.abs(c2 - c1) + 1,
  };
}

/** Parses an address without a sheet prefix on a sheet of the given size; throws `Range not found`. */
export function parseA1(text: string, maxRows: number, maxColumns: number): ParsedRange {
  const a1 = text.trim().replace(/^!/, '');
  const rc = R1C1.exec(a1);
  if (rc) {
    const [r1, c1, r2 = r1, c2 = c1] = rc.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
    return block(r1 as number, c1 as number, r2 as number, c2 as number);
  }
  const m = A1.exec(a1);
  if (!m || (!m[1] && !m[2])) throw new Error('Range not found');
  const [, c1 = '', r1 = '', c2 = c1, r2 = m[3] === undefined ? r1 : (m[4] ?? '')] = m;
  // A range needs each end complete on the same axes: 'A1:B' and '1:B2' are not addresses.
  if ((!c1 && (c2 || !r2)) || (!r1 && r2 && !c1) || (m[3] !== undefined && !c2 && !r2)) {
    throw new Error('Range not found');
  }
  const out = block(
    r1 ? Number(r1) : 1,
    c1 ? colIndex(c1) : 1,
    r2 ? Number(r2) : maxRows,
    c2 ? colIndex(c2) : maxColumns,
  );
  if (out.row < 1 || out.col < 1) throw new Error('Range not found');
  if (!r1 && !r2) out.whole = 'columns';
  else if (!c1 && !c2) out.whole = 'rows';
  return out;
}

/** Splits `'Call Log'!A1:B2` into the sheet name (null when there is none) and the address. */
export function splitSheet(a1: string): [string | null, string] {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(a1);
  if (!m) return [null, a1];
  return [(m[1] ?? m[2] ?? '').replace(/''/g, "'"), m[3] as string];
}

/** A sheet name as a formula or A1 prefix writes it: quoted when it is not a plain word. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The A1 notation of a block: `A1`, `A1:C3`, or `D:F` / `5:7` for whole columns / rows. */
export function a1Notation(r: ParsedRange): string {
  const lastCol = colLetters(r.col + r.numCols - 1);
  const lastRow = r.row + r.numRows - 1;
  if (r.whole === 'columns') return `${colLetters(r.col)}:${lastCol}`;
  if (r.whole === 'rows') return `${r.row}:${lastRow}`;
  const start = `${colLetters(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return start;
  return `${start}:${lastCol}${lastRow}`;
}
