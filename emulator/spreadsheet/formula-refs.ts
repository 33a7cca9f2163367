/**
 * A1 references inside formula text: finding them and shifting their relative parts, as Sheets does
 * when a formula is copied to another cell (setFormula over a range, copyTo, a sort moving a row).
 * One scanner for all of them, so every operation that moves a formula agrees on what a reference is.
 *
 * What counts as a reference: `A1`, `$A$1`, `A1:B2`, `A:A`, `A2:A`, `5:7`, each optionally prefixed by
 * a sheet (`Sheet1!`, `'Call Log'!`). Text in double quotes, function names (`LOG10(`), numbers
 * (`1E5`) and names are left alone.
 */

export interface RefEnd {
  /** 1-based column, or undefined for a whole-row reference. */
  col?: number;
  colAbs: boolean;
  /** 1-based row, or undefined for a whole-column (or open-ended, `A2:A`) end. */
  row?: number;
  rowAbs: boolean;
}

export interface FormulaRef {
  /** The sheet named before `!`, unquoted; null for the formula's own sheet. */
  sheet: string | null;
  start: RefEnd;
  /** The second end of a range; undefined for a single cell. */
  end?: RefEnd;
}

const END = /(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?/y;
const SHEET_NAME = /([A-Za-z_][A-Za-z0-9_.]*)!/y;
const WORD = /[A-Za-z0-9_.$]+/y;
const WORD_CHAR = /[A-Za-z0-9_.$]/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function readEnd(text: string, at: number): { end: RefEnd; next: number } | null {
  END.lastIndex = at;
  const m = END.exec(text);
  if (!m || m[0] === '' || (!m[2] && !m[4])) return null;
  // A '$' must stand before a part: '$' then nothing is not a reference.
  if ((m[1] && !m[2] && !m[4]) || (m[3] && !m[4])) return null;
  return {
    end: {
      col: m[2] ? colNumber(m[2]) : undefined,
      colAbs: m[2] ? m[1] === '$' : false,
      row: m[4] ? Number(m[4]) : undefined,
      rowAbs: m[4] ? (m[2] ? m[3] === '$' : m[1] === '$') : false,
    },
    next: END.lastIndex,
  };
}

/** Reads a reference (without sheet) at `at`: a cell, a range, whole columns or whole rows. */
function readRef(text: string, at: number): { start: RefEnd; end?: RefEnd; next: number } | null {
  const first = readEnd(text, at);
  if (!first) return null;
  const single = first.end.col !== undefined && first.end.row !== undefined;
  if (text[first.next] === ':') {
    const second = readEnd(text, first.next + 1);
    if (second) {
      const a = first.end;
      const b = second.end;
      const columns = a.col !== undefined && b.col !== undefined;
      const rows = a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined;
      if (columns || rows) return { start: a, end: b, next: second.next };
    }
  }
  return single ? { start: first.end, next: first.next } : null;
}

type Visit = (ref: FormulaRef) => string | undefined;

/** Scans `formula`, calling `visit` on each reference; a returned string replaces the reference. */
function scan(formula: string, visit: Visit): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"'))
        j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const before = i > 0 ? (formula[i - 1] as string) : '';
    let sheet: string | null = null;
    let at = i;
    if (ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'"))
        j += formula[j] === "'" ? 2 : 1;
      if (formula[j + 1] !== '!') {
        out += formula.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      sheet = formula.slice(i + 1, j).replace(/''/g, "'");
      at = j + 2;
    } else if (!WORD_CHAR.test(ch) || WORD_CHAR.test(before)) {
      out += ch;
      i += 1;
      continue;
    } else {
      SHEET_NAME.lastIndex = i;
      const named = SHEET_NAME.exec(formula);
      if (named) {
        sheet = named[1] as string;
        at = SHEET_NAME.lastIndex;
      }
    }
    const ref = readRef(formula, at);
    const after = ref ? (formula[ref.next] ?? '') : '';
    if (ref && !WORD_CHAR.test(after) && after !== '(' && after !== '!') {
      const replaced = visit({ sheet, start: ref.start, end: ref.end });
      out += replaced === undefined ? formula.slice(i, ref.next) : formula.slice(i, at) + replaced;
      i = ref.next;
      continue;
    }
    WORD.lastIndex = at;
    const word = WORD.exec(formula);
    const next = word && word.index === at ? WORD.lastIndex : at + 1;
    out += formula.slice(i, Math.max(next, i + 1));
    i = Math.max(next, i + 1);
  }
  return out;
}

/** Every reference in a formula, in order. */
export function formulaRefs(formula: string): FormulaRef[] {
  const refs: FormulaRef[] = [];
  scan(formula, (ref) => {
    refs.push(ref);
    return undefined;
  });
  return refs;
}

function endText(e: RefEnd): string {
  const col = e.col === undefined ? '' : `${e.colAbs ? '$' : ''}${columnLetters(e.col)}`;
  const row = e.row === undefined ? '' : `${e.rowAbs ? '$' : ''}${e.row}`;
  return col + row;
}

function shiftEnd(e: RefEnd, rows: number, cols: number): RefEnd | null {
  const row = e.row === undefined || e.rowAbs ? e.row : e.row + rows;
  const col = e.col === undefined || e.colAbs ? e.col : e.col + cols;
  if ((row !== undefined && row < 1) || (col !== undefined && col < 1)) return null;
  return { ...e, row, col };
}

/**
 * The formula as it reads when copied `rows` down and `cols` right: relative rows and columns move,
 * `$` parts and whole-column / whole-row parts stay. A reference pushed off the sheet's top or left
 * becomes #REF!, as in Sheets.
 */
export function translateFormula(formula: string, rows: number, cols: number): string {
  if ((rows === 0 && cols === 0) || !formula.startsWith('=')) return formula;
  return scan(formula, (ref) => {
    // Whole columns keep their (absent) rows; whole rows keep their (absent) columns.
    const start = shiftEnd(ref.start, rows, cols);
    const end = ref.end ? shiftEnd(ref.end, rows, cols) : undefined;
    if (!start || end === null) return '#REF!';
    return end ? `${endText(start)}:${endText(end)}` : endText(start);
  });
}
