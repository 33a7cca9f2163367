/**
 * Formulas as the .xlsx file format spells them, and back. Google Sheets exports and imports .xlsx in
 * Excel's dialect; our files must too, or Excel and LibreOffice recalculate a Sheets formula to #NAME?.
 *
 * One table of rules per function (FUNCTION_RULES); a function it does not name is stored as written:
 * - ARRAYFORMULA(x): the file has no such function; x is stored as an array formula over the range
 *   the Sheets formula fills (`<f t="array" ref="D2:D251">`), and read back as ARRAYFORMULA(x).
 * - Functions newer than the file format are stored with the prefix Excel writes (MS-XLSX 2.2.3,
 *   "future functions"): `_xlfn.MAXIFS`, `_xlfn._xlws.FILTER`. COUNTIFS, SUMIFS, IFERROR are not
 *   future functions (Excel 2007) and stay bare. Read back without the prefix.
 * - Sheets-only functions with no equivalent that LibreOffice 7.4 computes (KEPT_FUNCTIONS, listed in
 *   the README) are kept with their cached value, as Google Sheets' own export keeps them.
 */

/** A formula as text pieces and function calls; a call named '' is a parenthesised group. */
type Node = string | Call;
interface Call {
  name: string;
  args: Node[][];
}

interface Cursor {
  src: string;
  at: number;
}

/** Reads a quoted run ("text" or 'Sheet name'), a doubled quote being one quote character. */
function quoted(cur: Cursor, quote: string): string {
  const start = cur.at++;
  while (cur.at < cur.src.length) {
    if (cur.src[cur.at] === quote && cur.src[cur.at + 1] === quote) cur.at += 2;
    else if (cur.src[cur.at++] === quote) break;
  }
  return cur.src.slice(start, cur.at);
}

/** Parses until one of `stops` at this depth; commas split arguments only directly inside a call. */
function sequence(cur: Cursor, stops: string): Node[] {
  const out: Node[] = [];
  const push = (text: string) => {
    const last = out.length - 1;
    if (typeof out[last] === 'string') out[last] += text;
    else out.push(text);
  };
  while (cur.at < cur.src.length) {
    const ch = cur.src[cur.at] as string;
    if (stops.includes(ch)) break;
    if (ch === '"' || ch === "'") {
      push(quoted(cur, ch));
      continue;
    }
    if (ch === '{') {
      cur.at++;
      push('{');
      for (const node of sequence(cur, '}')) typeof node === 'string' ? push(node) : out.push(node);
      cur.at++;
      push('}');
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*(?=\()/.exec(cur.src.slice(cur.at))?.[0];
    if (name !== undefined || ch === '(') {
      cur.at += (name ?? '').length + 1;
      const args: Node[][] = [sequence(cur, ',)')];
      while (cur.src[cur.at] === ',') {
        cur.at++;
        args.push(sequence(cur, ',)'));
      }
      cur.at++;
      out.push({ name: name ?? '', args });
      continue;
    }
    // Inside braces a comma separates columns, not arguments.
    push(ch);
    cur.at++;
  }
  return out;
}

function parse(formula: string): Node[] {
  return sequence({ src: formula, at: 0 }, '');
}

function text(nodes: readonly Node[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : `${n.name}(${n.args.map(text).join(',')})`)).join('');
}

/** Future functions of MS-XLSX 2.2.3 that a school workbook could plausibly use. */
const FUTURE_FUNCTIONS: [string, string][] = [
  ...[
    'AGGREGATE',
    'CEILING.MATH',
    'CONCAT',
    'DAYS',
    'FLOOR.MATH',
    'IFNA',
    'IFS',
    'ISOWEEKNUM',
    'MAXIFS',
    'MINIFS',
    'NUMBERVALUE',
    'PERCENTILE.INC',
    'PERCENTILE.EXC',
    'QUARTILE.INC',
    'RANK.EQ',
    'RANK.AVG',
    'STDEV.S',
    'STDEV.P',
    'SWITCH',
    'TEXTJOIN',
    'VAR.S',
    'VAR.P',
    'XOR',
    'UNIQUE',
    'SORTBY',
    'SEQUENCE',
    'XLOOKUP',
    'XMATCH',
    'LET',
    'TEXTSPLIT',
    'TEXTBEFORE',
    'TEXTAFTER',
    'VSTACK',
    'HSTACK',
    'TOCOL',
    'TOROW',
    'CHOOSECOLS',
    'CHOOSEROWS',
    'TAKE',
    'DROP',
    'WRAPROWS',
    'WRAPCOLS',
    'EXPAND',
    'NETWORKDAYS.INTL',
    'WORKDAY.INTL',
    'FORMULATEXT',
    'ISFORMULA',
    'SHEET',
    'SHEETS',
    'UNICHAR',
    'UNICODE',
  ].map((name): [string, string] => [name, `_xlfn.${name}`]),
  ['FILTER', '_xlfn._xlws.FILTER'],
  ['SORT', '_xlfn._xlws.SORT'],
];

/**
 * Sheets-only functions with no equivalent LibreOffice 7.4 computes in reasonable time. The exact
 * SUMPRODUCT/COUNTIFS distinct count (each row adds 1/(rows holding its value) when a row holding its
 * value meets the criteria) is right, but LibreOffice evaluates it over whole columns a million rows
 * at a time: 25 such formulas on the demo school took over six minutes. So a formula using one is
 * stored as Google Sheets' own .xlsx export stores it, IFERROR(__xludf.DUMMYFUNCTION("formula"),
 * cached value): Excel and LibreOffice show the value it had when saved, and it reads back as the
 * Sheets formula. COUNTUNIQUEIFS: support.google.com/docs/answer/9584429; COUNTUNIQUE: answer/3093405.
 */
const KEPT = ['COUNTUNIQUE', 'COUNTUNIQUEIFS'];

/** How the file stores each function the rules name (by upper-case Sheets name). */
type Rule = { stored: string } | { kept: true } | { array: true };
export const FUNCTION_RULES: Readonly<Record<string, Rule>> = {
  ARRAYFORMULA: { array: true },
  ...Object.fromEntries(KEPT.map((name) => [name, { kept: true }])),
  ...Object.fromEntries(FUTURE_FUNCTIONS.map(([name, stored]) => [name, { stored }])),
};
export const KEPT_FUNCTIONS: readonly string[] = KEPT;
const UNPREFIXED = new Map(FUTURE_FUNCTIONS.map(([name, stored]) => [stored.toUpperCase(), name]));
const storedName = (name: string): string => {
  const rule = FUNCTION_RULES[name.toUpperCase()];
  return rule && 'stored' in rule ? rule.stored : name;
};

const DUMMY = '__xludf.DUMMYFUNCTION';
/** What Sheets writes in each cell an array of kept formulas fills. */
const COMPUTED_VALUE = `IFERROR(${DUMMY}("""COMPUTED_VALUE"""),`;

/** A cached value as a formula literal: a number, "text", TRUE/FALSE or an error (#N/A). */
export type Literal = number | string | boolean | { error: string };

function literal(value: Literal): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return value.error;
  return `"${value.replace(/"/g, '""')}"`;
}

function usesKept(nodes: readonly Node[]): boolean {
  return nodes.some(
    (n) => typeof n !== 'string' && (KEPT.includes(n.name.toUpperCase()) || n.args.some(usesKept)),
  );
}

/** How the file stores a cell that only shows part of a kept formula's array (a spilled cell). */
export function keptSpilledCell(cached: Literal): string {
  return `${COMPUTED_VALUE}${literal(cached)})`;
}

/**
 * The file's formula for a Sheets formula (no leading '='), whether it is an array formula, and
 * whether it is kept (stored with its cached value, which `cached` gives).
 */
export function toFileFormula(
  formula: string,
  cached: Literal = '',
): { formula: string; array: boolean; kept: boolean } {
  const nodes = parse(formula);
  if (usesKept(nodes)) {
    return { formula: `IFERROR(${DUMMY}(${literal(formula)}),${literal(cached)})`, array: false, kept: true };
  }
  let array = false;
  const convert = (list: Node[], top: boolean): Node[] =>
    list.map((node): Node => {
      if (typeof node === 'string') return node;
      const args = node.args.map((arg) => convert(arg, false));
      if (node.name.toUpperCase() === 'ARRAYFORMULA' && args.length === 1) {
        array = true;
        // The whole formula: its body is the array formula; inside an expression: a group.
        return top && list.length === 1 ? text(args[0] as Node[]) : { name: '', args };
      }
      return { name: storedName(node.name), args };
    });
  return { formula: text(convert(nodes, true)), array, kept: false };
}

/** The Sheets formula inside Sheets' IFERROR(__xludf.DUMMYFUNCTION("formula"),cached), if it is one. */
function keptFormula(nodes: readonly Node[]): string | undefined {
  const [call, ...rest] = nodes;
  if (rest.length || typeof call !== 'object' || call.name.toUpperCase() !== 'IFERROR') return undefined;
  const [dummy, ...after] = call.args[0] ?? [];
  if (after.length || typeof dummy !== 'object' || dummy.name.toUpperCase() !== DUMMY.toUpperCase())
    return undefined;
  const quoted = text(dummy.args[0] ?? []);
  if (!/^"([^"]|"")*"$/.test(quoted)) return undefined;
  return quoted.slice(1, -1).replace(/""/g, '"');
}

/**
 * The Sheets formula (no leading '=') for a formula read from a file, or null for a cell that only
 * shows part of a kept formula's array (its formula fills it).
 */
export function fromFileFormula(formula: string, array: boolean): string | null {
  if (formula.startsWith(COMPUTED_VALUE)) return null;
  const nodes = parse(formula);
  const kept = keptFormula(nodes);
  if (kept !== undefined) return kept;
  const convert = (list: Node[]): Node[] =>
    list.map((node): Node => {
      if (typeof node === 'string') return node;
      return { name: UNPREFIXED.get(node.name.toUpperCase()) ?? node.name, args: node.args.map(convert) };
    });
  const out = text(convert(nodes));
  return array && !/^ARRAYFORMULA\(/i.test(out) ? `ARRAYFORMULA(${out})` : out;
}
