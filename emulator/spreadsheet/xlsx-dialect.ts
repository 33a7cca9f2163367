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
 * - Sheets-only functions (KEPT_FUNCTIONS) are translated into an equivalent Excel and LibreOffice 7.4
 *   compute, in a shape the reader recognises and turns back; a shape with none (listed in the README)
 *   is kept with its cached value, as Google Sheets' own export keeps it.
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

/** One column of one tab: 'Call Log'!$E:$E, E2:E500 (the only range a distinct count translates). */
const ONE_COLUMN =
  /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?\$?([A-Z]+)(?:\$?\d+)?:\$?([A-Z]+)(?:\$?\d+)?$/;
const oneColumn = (ref: string | undefined): ref is string => {
  const m = ONE_COLUMN.exec(ref ?? '');
  return !!m && m[1] === m[2];
};

/**
 * COUNTUNIQUEIFS(range, criteria_range1, criterion1, ...) (support.google.com/docs/answer/9584429)
 * as Excel and LibreOffice 7.4 compute it: each row adds 1/(rows holding its value) when some row
 * holding its value meets every criterion, so each value met adds up to 1 and the criteria keep
 * COUNTIFS' own meaning. The rows iterated stop at the range's last non-blank cell (LOOKUP(2,1/...)):
 * over a whole column of a million rows, LibreOffice took over six minutes for 25 such formulas, and
 * blank rows add nothing. SUMPRODUCT evaluates its argument as an array in both, so no array formula.
 * The values group as COUNTIF criteria match them: case-insensitively, 5 with "5", and a value with
 * * ? ~ or a leading < > = is read as a pattern (Student IDs and emails have none).
 */
function distinctCount(range: string, criteria: readonly string[]): string {
  const first = `INDEX(${range},1)`;
  const last = `IFERROR(LOOKUP(2,1/(${range}<>""),ROW(${range})),ROW(${first}))`;
  const rows = `${first}:INDEX(${range},${last}-ROW(${first})+1)`;
  const met = [range, `${rows}&""`, ...criteria].join(',');
  return `SUMPRODUCT((COUNTIFS(${met})>0)*(${rows}<>"")/COUNTIF(${range},${rows}&""))`;
}

/** The Sheets-only call a distinctCount text came from, or undefined if it is not one. */
function distinctCountCall(call: Call): { name: string; args: string[] } | undefined {
  if (call.name.toUpperCase() !== 'SUMPRODUCT' || call.args.length !== 1) return undefined;
  const group = call.args[0]?.[0];
  const countifs = typeof group === 'object' && group.name === '' ? group.args[0]?.[0] : undefined;
  if (typeof countifs !== 'object' || countifs.name.toUpperCase() !== 'COUNTIFS') return undefined;
  const [range, , ...criteria] = countifs.args.map(text);
  if (!oneColumn(range) || distinctCount(range, criteria) !== text([call])) return undefined;
  return { name: criteria.length ? 'COUNTUNIQUEIFS' : 'COUNTUNIQUE', args: [range, ...criteria] };
}

/** How the file stores each function the rules name (by upper-case Sheets name). */
type Rule =
  | { stored: string }
  | { array: true }
  /** Sheets-only: translated when toFile can, otherwise the formula is kept with its cached value. */
  | { sheetsOnly: true; toFile(args: string[]): string | undefined };
export const FUNCTION_RULES: Readonly<Record<string, Rule>> = {
  ARRAYFORMULA: { array: true },
  COUNTUNIQUEIFS: {
    sheetsOnly: true,
    toFile: ([range, ...criteria]) =>
      oneColumn(range) && criteria.length % 2 === 0 && criteria.length
        ? distinctCount(range, criteria)
        : undefined,
  },
  // COUNTUNIQUE of one column translates; of FILTER(...) or of several values it is kept: FILTER's
  // conditions are boolean arrays, which COUNTIFS cannot take, and LibreOffice 7.4 has no FILTER.
  COUNTUNIQUE: {
    sheetsOnly: true,
    toFile: (args) => (args.length === 1 && oneColumn(args[0]) ? distinctCount(args[0], []) : undefined),
  },
  ...Object.fromEntries(FUTURE_FUNCTIONS.map(([name, stored]) => [name, { stored }])),
};
/** Sheets-only functions: the README lists which of their shapes are kept with their cached value. */
export const KEPT_FUNCTIONS: readonly string[] = Object.keys(FUNCTION_RULES).filter(
  (name) => 'sheetsOnly' in (FUNCTION_RULES[name] as Rule),
);
const UNPREFIXED = new Map(FUTURE_FUNCTIONS.map(([name, stored]) => [stored.toUpperCase(), name]));
const ruleOf = (name: string): Rule | undefined => FUNCTION_RULES[name.toUpperCase()];

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

/** Whether a Sheets-only call in the formula has no translation (so the whole formula is kept). */
function usesKept(nodes: readonly Node[]): boolean {
  return nodes.some((n) => {
    if (typeof n === 'string') return false;
    const rule = ruleOf(n.name);
    return (
      (rule && 'sheetsOnly' in rule && rule.toFile(n.args.map(text)) === undefined) || n.args.some(usesKept)
    );
  });
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
      const rule = ruleOf(node.name);
      if (rule && 'array' in rule && args.length === 1) {
        array = true;
        // The whole formula: its body is the array formula; inside an expression: a group.
        return top && list.length === 1 ? text(args[0] as Node[]) : { name: '', args };
      }
      if (rule && 'sheetsOnly' in rule) return rule.toFile(args.map(text)) ?? text([node]);
      return { name: rule && 'stored' in rule ? rule.stored : node.name, args };
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
      const distinct = distinctCountCall(node);
      if (distinct) return { name: distinct.name, args: distinct.args.map((arg) => convert(parse(arg))) };
      return { name: UNPREFIXED.get(node.name.toUpperCase()) ?? node.name, args: node.args.map(convert) };
    });
  const out = text(convert(nodes));
  return array && !/^ARRAYFORMULA\(/i.test(out) ? `ARRAYFORMULA(${out})` : out;
}
