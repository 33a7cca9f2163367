/**
 * The HyperFormula engine the Workbook runs on, with speed-ups that keep HyperFormula's own results
 * (emulator/test/engine.test.ts compares them with a stock engine through edits, appends, inserts
 * and deletes; engine-incremental.test.ts with a freshly loaded workbook after appends, edits, deletes
 * and sorts). Measured on the add-on's goal formulas at 100 teachers x 5,000 calls, one appended call
 * row cost about 31 s of recalculation on stock HyperFormula, and here about 0.55 s before items 5-7
 * and the kept index below, and less than half of that with them (emulator/README.md, Measured here).
 *
 * 1. COUNTIFS, SUMIFS, MAXIFS... (the conditional aggregation plugin). Stock HyperFormula scans the
 *    whole range with generators for every criterion it has not cached, and a write to the range
 *    clears the cache: after one appended call row, `ARRAYFORMULA(COUNTIFS(log!B:B, B2:B101))` scans
 *    5,000 rows 100 times. Here the range's values are read once into an array and, for an equality
 *    criterion on text (an email, an id, "Reached"), indexed by the engine's own normalised text, so
 *    each criterion visits only the rows that can match. Every candidate row is still checked with
 *    HyperFormula's own criterion functions, in row order, so results are the same. Anything unusual
 *    (an array literal instead of a range, mismatched sizes, a bad criterion) goes to the stock
 *    implementation. (Keeping the arrays in the range's criterion cache gave stale counts after rows
 *    were appended under whole-column ranges.) A range's data is kept from one read to the next and
 *    compared cell by cell: unchanged, it is reused with its index; a few rows changed (an appended
 *    call), only those rows move in the index; many (a sort), it is indexed afresh.
 * 2. Passes (trackPasses): within one recalculation a range's values are final before any formula
 *    reading it runs, so a whole column ('Call Log'!$B:$B) is read once per pass however many
 *    per-row formulas read it, and the aggregations share their arrays and indexes.
 * 3. Reading a text as a date (criteria such as ">=2026-09-01", and stock HyperFormula's comparisons,
 *    which sheets-rules.ts replaces with Sheets' text-as-text rule) calls the date parser once per
 *    configured format: a text's answer is remembered, and a text with a character no date or time
 *    can hold (a letter other than am/pm, '@', '_'...) is refused before parsing, as the stock parser
 *    refuses it after normalising.
 * 4. IF evaluates only the branch it picks (below).
 * 5. Sub-formulas with the same value in every cell (the Settings look-ups) are worked out once per
 *    pass (sharedKey, below).
 * 6. A criterion (">="&date, an email) is parsed and its matcher built once per engine, not per
 *    formula: both depend on the criterion's value alone.
 * 7. A text compared by a criterion is folded (lower case, accents removed: Unicode NFD) once per
 *    engine, not once per cell per formula.
 * 8. A formula whose recorded reads (cells, shared sub-formulas, the rows its aggregations counted)
 *    are all as they were keeps its value without being evaluated (skipUnchangedFormulas, below).
 *
 * Relies on HyperFormula 3.x internals (plugin fields, the evaluator and interpreter methods,
 * RangeVertex caches): trackPasses throws if an upgrade removes them, and the engine test compares.
 */
import {
  CellError,
  type ConfigParams,
  FunctionArgumentType,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { COUNTUNIQUEIFS_METADATA, countUniqueIfs, SHEETS_FUNCTION_PLUGINS } from './sheets-functions';

/** The parts of HyperFormula's internal objects this file uses. */
interface CellAddress {
  sheet: number;
  row: number;
  col: number;
}
interface CellRange {
  start: CellAddress;
  end: CellAddress;
  sheet: number;
}
interface RangeValue {
  range?: CellRange;
  sameDimensionsAs(other: RangeValue): boolean;
  valuesFromTopLeftCorner(): unknown[];
}
type CacheEntry = [unknown, unknown[]];
interface RangeVertex {
  getCriterionFunctionValue(key: string, criterion: string): unknown;
  getCriterionFunctionValues(key: string): Map<string, CacheEntry>;
  setCriterionFunctionValues(key: string, values: Map<string, CacheEntry>): void;
  addDependentCacheRange(range: RangeVertex): void;
}
interface Criterion {
  operator: string;
  value: unknown;
}
interface CriterionPackage {
  raw: string | number | boolean;
  lambda: (value: unknown) => boolean;
}
interface PluginInternals {
  interpreter: {
    criterionBuilder: {
      fromCellValue(raw: unknown, helper: unknown): CriterionPackage | undefined;
      parseCriterion(raw: unknown, helper: unknown): Criterion | undefined;
    };
  };
  dependencyGraph: { getRange(start: CellAddress, end: CellAddress): RangeVertex | undefined };
  arithmeticHelper: { normalizeString(text: string): string; requiresRegex(pattern: string): boolean };
  config: { matchWholeCell: boolean };
}
type Compose = (acc: unknown, value: unknown) => unknown;
type MapValue = (value: unknown) => unknown;
type Aggregate = (
  values: RangeValue,
  conditionArgs: unknown[],
  functionName: string,
  initial: unknown,
  compose: Compose,
  map: MapValue,
) => unknown;

/** A range's values, flattened row by row, and an index of its texts (built on first need). */
interface RangeData {
  values: unknown[];
  raw: unknown[];
  index?: Map<string, number[]>;
  /** The data this was made from by changing `changed` rows (item 8 follows the chain). */
  prev?: RangeData;
  changed?: number[];
}
/** Reads of a range kept in a chain: a formula read longer ago than this is recomputed. */
const CHAIN_LIMIT = 4;

const SLOW = Symbol('slow path');

interface ParsedCriterion {
  pkg: CriterionPackage;
  /** The criterion's cache key: typed, as the number 1001 and the text "1001" differ in Sheets. */
  key: string;
  /** For an equality on text without wildcards: the normalised text, looked up in the index. */
  indexKey: string | undefined;
}
interface Condition extends ParsedCriterion {
  range: CellRange;
  vertex: RangeVertex;
  arg: RangeValue;
}
/**
 * Past this many changed rows, or an eighth of the range, it is indexed afresh rather than row by row
 * (moving a row in its bucket costs more than indexing it anew; a sort moves them all).
 */
const REINDEX_MIN = 32;
/** Criteria remembered per engine before the memo starts again (a few hundred distinct in a school). */
const CRITERIA_LIMIT = 10_000;

/** What formulas of the recalculation pass under way share, per engine (its interpreter). */
interface Pass {
  /** Range data (values, index) per range vertex, for the conditional aggregations. */
  data: Map<RangeVertex, RangeData>;
  /** Whole-column ranges ('Call Log'!$B:$B) as evaluated, so their cells are read once per pass. */
  columns: Map<string, RangeValue>;
  /** Values of sub-formulas every cell shares (see sharedKey), outside and inside array formulas. */
  shared: [Map<string, unknown>, Map<string, unknown>];
}
const passes = new WeakMap<object, Pass>();

interface DateTimeHelper {
  dateStringToDateNumber(text: string): unknown;
}
interface Evaluator {
  lazilyTransformingAstService?: unknown;
  recomputeFormulaVertexValue?: unknown;
  interpreter: {
    evaluateAstWithoutPostprocessing: (ast: { type: string }, state: unknown) => unknown;
    dateTimeHelper?: DateTimeHelper;
    arithmeticHelper?: { dateTimeHelper?: DateTimeHelper; normalizeString(text: string): string };
  };
  [method: string]: unknown;
}

/** Texts read as dates (or not), or folded, remembered per engine: a Call Log repeats the same texts. */
const DATE_MEMO_LIMIT = 100_000;

function memoiseDates(helper: DateTimeHelper): void {
  const parse = helper.dateStringToDateNumber;
  if (typeof parse !== 'function') throw new Error('HyperFormula changed: no dateStringToDateNumber');
  const memo = new Map<string, unknown>();
  helper.dateStringToDateNumber = (text: string) => {
    if (memo.has(text)) return memo.get(text);
    const value = parse.call(helper, text);
    if (memo.size >= DATE_MEMO_LIMIT) memo.clear();
    memo.set(text, value);
    return value;
  };
}

/**
 * A text criterion compares each cell's text folded to lower case without accents (Unicode NFD, then
 * combining marks removed): per cell and per formula, the same few emails and outcomes again and
 * again. The folded text depends on the text alone (and the engine's settings), so it is remembered.
 */
function memoiseNormalising(helper: { normalizeString(text: string): string }): void {
  const fold = helper.normalizeString;
  if (typeof fold !== 'function')
    throw new Error('HyperFormula changed: no ArithmeticHelper.normalizeString');
  const memo = new Map<string, string>();
  helper.normalizeString = (text: string) => {
    let folded = memo.get(text);
    if (folded === undefined) {
      folded = fold.call(helper, text);
      if (memo.size >= DATE_MEMO_LIMIT) memo.clear();
      memo.set(text, folded);
    }
    return folded;
  };
}

/**
 * Marks each recalculation of this engine as a pass, in which formulas share range reads: within
 * one pass a range's values are final once a formula reading it runs (the engine computes a range's
 * cells before the formulas that read it), so a range read once serves every formula of the pass.
 * A whole column read by 100 per-row formulas is then read once, not 100 times. Without this, each
 * formula reads its ranges (and the aggregations compare them with their last read).
 */
export function trackPasses(hf: HyperFormula): void {
  const evaluator = (hf as unknown as { evaluator: Evaluator }).evaluator;
  const interpreter = evaluator.interpreter;
  // A text compared with another (range="Reached") is first tried as a date, once per configured
  // format: the answer depends on the text alone, so it is worked out once per text.
  const helpers = new Set([interpreter.dateTimeHelper, interpreter.arithmeticHelper?.dateTimeHelper]);
  for (const helper of helpers) if (helper) memoiseDates(helper);
  if (interpreter.arithmeticHelper) memoiseNormalising(interpreter.arithmeticHelper);
  for (const method of ['run', 'partialRun', 'runAndForget']) {
    const original = evaluator[method];
    if (typeof original !== 'function') throw new Error(`HyperFormula changed: no Evaluator.${method}`);
    evaluator[method] = (...args: unknown[]) => {
      const outer = passes.get(interpreter);
      passes.set(interpreter, { data: new Map(), columns: new Map(), shared: [new Map(), new Map()] });
      try {
        return original.apply(evaluator, args);
      } finally {
        if (outer) passes.set(interpreter, outer);
        else passes.delete(interpreter);
      }
    };
  }
  shareWithinPasses(interpreter);
  skipUnchangedFormulas(evaluator);
}

type Evaluate = (ast: { type: string }, state: unknown) => unknown;

/** Items 2 and 5 (whole columns and shared sub-formulas read once per pass), and item 8's reads. */
function shareWithinPasses(interpreter: Evaluator['interpreter']): void {
  const evaluate = interpreter.evaluateAstWithoutPostprocessing;
  if (typeof evaluate !== 'function')
    throw new Error('HyperFormula changed: no evaluateAstWithoutPostprocessing');
  interpreter.evaluateAstWithoutPostprocessing = function (ast, state) {
    const pass = passes.get(interpreter);
    if (!pass) return evaluate.call(this, ast, state);
    if (ast?.type === 'COLUMN_RANGE') {
      // An absolute column is the same range in every cell: found before it is evaluated again.
      const known = pass.columns.get(sharedKey(ast as AstNode) ?? '');
      return known ?? sharedColumn(pass, ast as AstNode, evaluate.call(this, ast, state) as RangeValue);
    }
    const key = COMPOUND.has(ast?.type) ? sharedKey(ast as AstNode) : null;
    const reads = recording(interpreter);
    if (key === null)
      return reads
        ? recorded(reads, evaluate.bind(this), ast as AstNode, state)
        : evaluate.call(this, ast, state);
    const arrays = (state as { arraysFlag?: boolean }).arraysFlag === true;
    const memo = pass.shared[arrays ? 1 : 0];
    let value: unknown;
    if (memo.has(key)) value = memo.get(key);
    else {
      value = unrecorded(interpreter, () => evaluate.call(this, ast, state));
      // Only plain values: a range or array result is an object later code may fill in or extend.
      if (value === null || typeof value !== 'object' || !('data' in value)) memo.set(key, value);
    }
    reads?.shared.push({ ast: ast as AstNode, arrays, value });
    return value;
  };
}

/** The pass's first evaluation of a whole-column range, so its cells are read once per pass. */
function sharedColumn(pass: Pass, ast: AstNode, value: RangeValue): RangeValue {
  const range = value?.range;
  if (!range || typeof value.valuesFromTopLeftCorner !== 'function') return value;
  const key = `${range.sheet},${range.start.col},${range.start.row},${range.end.col},${range.end.row}`;
  const known = pass.columns.get(key);
  if (known) return known;
  pass.columns.set(key, value);
  const absolute = sharedKey(ast);
  if (absolute !== null) pass.columns.set(absolute, value);
  return value;
}

/** Functions that read ranges only through the indexed aggregation (IndexedConditionalAggregation). */
const AGGREGATIONS: ReadonlySet<string> = new Set([
  'COUNTIF',
  'COUNTIFS',
  'SUMIF',
  'SUMIFS',
  'MAXIFS',
  'MINIFS',
  'AVERAGEIF',
  'AVERAGEIFS',
  'COUNTUNIQUEIFS',
]);
/** Functions of the values of their arguments alone, which take no range (else: not skippable). */
const SCALAR: ReadonlySet<string> = new Set([
  'IF',
  'IFERROR',
  'IFNA',
  'ISNUMBER',
  'ISTEXT',
  'ISBLANK',
  'ISERROR',
  'NOT',
  'AND',
  'OR',
  'INT',
  'ROUND',
  'ABS',
]);
/**
 * Functions whose value depends on their arguments alone: not on the cell holding the formula (ROW(),
 * COLUMN(), INDIRECT, OFFSET), the clock (NOW, TODAY) or chance (RAND). Kept to a list so that a
 * function HyperFormula adds is never shared by mistake.
 */
const PURE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...SCALAR,
  ...AGGREGATIONS,
  'INDEX',
  'MATCH',
  'VLOOKUP',
  'HLOOKUP',
  'ISNA',
  'LEN',
  'LOWER',
  'UPPER',
  'TRIM',
  'SUM',
  'COUNT',
  'COUNTA',
  'MIN',
  'MAX',
  'DATE',
]);
/** Nodes worth sharing: a function call or an operator (a leaf costs no more than a look-up). */
const COMPOUND: ReadonlySet<unknown> = new Set([
  'FUNCTION_CALL',
  'CONCATENATE_OP',
  'EQUALS_OP',
  'NOT_EQUAL_OP',
  'GREATER_THAN_OP',
  'LESS_THAN_OP',
  'GREATER_THAN_OR_EQUAL_OP',
  'LESS_THAN_OR_EQUAL_OP',
  'PLUS_OP',
  'MINUS_OP',
  'TIMES_OP',
  'DIV_OP',
  'POWER_OP',
  'MINUS_UNARY_OP',
  'PLUS_UNARY_OP',
  'PERCENT_OP',
  'PARENTHESES',
]);
interface Address {
  sheet?: number;
  row?: number;
  col?: number;
  isAbsolute(): boolean;
}
interface AstNode {
  type: string;
  procedureName?: string;
  args?: AstNode[];
  left?: AstNode;
  right?: AstNode;
  value?: unknown;
  expression?: AstNode;
  reference?: Address;
  start?: Address;
  end?: Address;
}
const keys = new WeakMap<object, string | null>();

/**
 * 5. Sub-formulas with the same value in every cell of one recalculation are worked out once per
 *    pass: those with only absolute references naming their sheet ('Settings'!$B:$B, not $E5 or
 *    B:B), constants, operators and PURE_FUNCTIONS. The 2,000 per-row Families formulas each hold
 *    `">="&IF(ISNUMBER(INDEX(Settings!...)),...)`; it is looked up once, not once per row. Within a
 *    pass the cells such a sub-formula reads are final before any formula reading them runs (see
 *    trackPasses), so the shared value is the one each row would compute. HyperFormula gives each
 *    formula its own copy of the syntax tree, so sub-formulas are matched by a key written from
 *    their text (null: not shared), worked out once per tree node.
 */
function sharedKey(ast: AstNode): string | null {
  const known = keys.get(ast);
  if (known !== undefined) return known;
  const key = workOutKey(ast);
  keys.set(ast, key);
  return key;
}

const absolute = (a: Address | undefined) =>
  a?.isAbsolute() === true ? `${a.sheet}!${a.row ?? ''},${a.col ?? ''}` : null;

function workOutKey(ast: AstNode): string | null {
  switch (ast.type) {
    case 'NUMBER':
    case 'STRING':
      return JSON.stringify(ast.value);
    case 'EMPTY':
      return '_';
    case 'CELL_REFERENCE':
      return absolute(ast.reference);
    case 'CELL_RANGE':
    case 'COLUMN_RANGE':
    case 'ROW_RANGE': {
      const [start, end] = [absolute(ast.start), absolute(ast.end)];
      return start === null || end === null ? null : `${ast.type}(${start}:${end})`;
    }
    case 'FUNCTION_CALL':
      return PURE_FUNCTIONS.has(ast.procedureName ?? '')
        ? call(ast.procedureName ?? '', ast.args ?? [])
        : null;
    case 'PARENTHESES':
      return ast.expression ? sharedKey(ast.expression) : null;
    case 'MINUS_UNARY_OP':
    case 'PLUS_UNARY_OP':
    case 'PERCENT_OP':
      return call(ast.type, [ast.value as AstNode]);
    default:
      return COMPOUND.has(ast.type) && ast.left && ast.right ? call(ast.type, [ast.left, ast.right]) : null;
  }
}

function call(name: string, args: AstNode[]): string | null {
  const parts: string[] = [];
  for (const arg of args) {
    const key = sharedKey(arg);
    if (key === null) return null;
    parts.push(key);
  }
  return `${name}(${parts.join(';')})`;
}

/** What one evaluation of a formula read (item 8), to tell at the next pass whether it can change. */
interface Reads {
  /** The formula's syntax tree then: a row or column inserted or removed gives it a new one. */
  formula: object;
  address: CellAddress;
  cells: { at: CellAddress; value: unknown }[];
  shared: { ast: AstNode; arrays: boolean; value: unknown }[];
  aggregations: Aggregated[];
  /** False once it read something this list cannot hold (then it is recomputed every time). */
  complete: boolean;
  /** The value it computed from these reads. */
  value?: unknown;
}
interface Aggregated {
  lambdas: CriterionPackage['lambda'][];
  /** The criteria ranges, then the values range, with the data each had when read. */
  ranges: { vertex: RangeVertex; data: RangeData }[];
}
interface Recorder {
  reads?: Reads;
  /** Evaluations under way that are not the formula's own reads (a shared sub-formula's). */
  aside: number;
  byVertex: WeakMap<object, Reads>;
  plugin?: { unchanged(aggregation: Aggregated): boolean };
}
const recorders = new WeakMap<object, Recorder>();

function recorder(interpreter: object): Recorder {
  let found = recorders.get(interpreter);
  if (!found) {
    found = { aside: 0, byVertex: new WeakMap() };
    recorders.set(interpreter, found);
  }
  return found;
}

/** The reads of the formula being evaluated, if they are being recorded here. */
function recording(interpreter: object): Reads | undefined {
  const found = recorders.get(interpreter);
  return found?.reads && found.aside === 0 ? found.reads : undefined;
}

function unrecorded<T>(interpreter: object, run: () => T): T {
  const found = recorder(interpreter);
  found.aside++;
  try {
    return run();
  } finally {
    found.aside--;
  }
}

/** A formula's own read of a cell, or a call whose ranges only an aggregation may read. */
function recorded(reads: Reads, evaluate: Evaluate, ast: AstNode, state: unknown): unknown {
  if (ast.type === 'FUNCTION_CALL' && AGGREGATIONS.has(ast.procedureName ?? '')) {
    const before = reads.aggregations.length;
    const value = evaluate(ast, state);
    // The stock path (an unusual shape) read its ranges without saying which rows counted.
    if (reads.aggregations.length === before) reads.complete = false;
    return value;
  }
  if (ast.type !== 'CELL_REFERENCE' || !ast.reference) return evaluate(ast, state);
  const base = (state as { formulaAddress: CellAddress }).formulaAddress;
  const at = (
    ast.reference as unknown as { toSimpleCellAddress(b: CellAddress): CellAddress }
  ).toSimpleCellAddress(base);
  const value = evaluate(ast, state);
  // A reference HyperFormula cannot read (#REF!: a removed sheet, row or column) is not recorded.
  if (at.row < 0 || at.col < 0 || value instanceof CellError) reads.complete = false;
  else reads.cells.push({ at, value });
  return value;
}

const RANGES = new Set(['CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE']);
const skippables = new WeakMap<object, boolean>();

/**
 * Whether every read a formula makes is one item 8 records: cells, shared sub-formulas, and ranges
 * only as arguments of an aggregation. Worked out once per syntax tree.
 */
function skippable(ast: AstNode, inAggregation = false): boolean {
  if (!inAggregation) {
    const known = skippables.get(ast);
    if (known !== undefined) return known;
  }
  let answer: boolean;
  if (COMPOUND.has(ast.type) && sharedKey(ast) !== null) answer = true;
  else if (RANGES.has(ast.type)) answer = inAggregation;
  else if (['NUMBER', 'STRING', 'EMPTY', 'CELL_REFERENCE'].includes(ast.type)) answer = true;
  else if (ast.type === 'FUNCTION_CALL') {
    const name = ast.procedureName ?? '';
    const args = ast.args ?? [];
    if (AGGREGATIONS.has(name))
      // A range where a criterion goes would be read cell by cell, unrecorded: not skippable.
      answer = args.every((a, i) => (isCriterion(name, i) ? skippable(a) : RANGES.has(a.type)));
    else answer = SCALAR.has(name) && args.every((a) => skippable(a));
  } else {
    const children = [
      ast.left,
      ast.right,
      ast.expression,
      ast.type.endsWith('UNARY_OP') || ast.type === 'PERCENT_OP' ? ast.value : undefined,
    ];
    const present = children.filter((c): c is AstNode => !!c && typeof c === 'object');
    answer = COMPOUND.has(ast.type) && present.length > 0 && present.every((c) => skippable(c));
  }
  if (!inAggregation) skippables.set(ast, answer);
  return answer;
}

/** Whether argument `i` of aggregation `name` is a criterion (else a range). */
function isCriterion(name: string, i: number): boolean {
  if (name === 'COUNTIF' || name === 'SUMIF' || name === 'AVERAGEIF') return i === 1;
  if (name === 'COUNTIFS') return i % 2 === 1;
  return i >= 2 && i % 2 === 0;
}

interface FormulaVertex {
  array?: unknown;
  isComputed(): boolean;
  getCellValue(): unknown;
  getFormula(service: unknown): AstNode;
  getAddress(service: unknown): CellAddress;
}

/**
 * 8. A formula whose reads (cells, shared sub-formulas, aggregations) are all as they were is not
 *    evaluated again: its value is the one it has. After one appended call, the 2,000 Families rows
 *    and 250 Teachers rows are all due for recalculation (each reads whole Call Log columns), but
 *    only the rows of that call's student and teacher can change: for the others, the appended row
 *    meets none of their criteria. Array formulas, and formulas reading anything else, are always
 *    evaluated.
 */
function skipUnchangedFormulas(evaluator: Evaluator): void {
  const recompute = evaluator.recomputeFormulaVertexValue as ((vertex: FormulaVertex) => unknown) | undefined;
  if (typeof recompute !== 'function')
    throw new Error('HyperFormula changed: no recomputeFormulaVertexValue');
  const interpreter = evaluator.interpreter;
  const rec = recorder(interpreter);
  evaluator.recomputeFormulaVertexValue = (vertex: FormulaVertex) => {
    if (!passes.get(interpreter) || rec.reads || vertex.array !== undefined)
      return recompute.call(evaluator, vertex);
    const service = evaluator.lazilyTransformingAstService;
    const formula = vertex.getFormula(service);
    const address = vertex.getAddress(service);
    const last = rec.byVertex.get(vertex);
    if (
      last &&
      vertex.isComputed() &&
      last.formula === formula &&
      // Its value is still the one it computed (not, say, a cycle's error set since).
      vertex.getCellValue() === last.value &&
      sameCell(last.address, address) &&
      stillRead(interpreter, rec, last, vertex)
    )
      return vertex.getCellValue();
    rec.byVertex.delete(vertex);
    if (!skippable(formula)) return recompute.call(evaluator, vertex);
    const reads: Reads = { formula, address, cells: [], shared: [], aggregations: [], complete: true };
    rec.reads = reads;
    let value: unknown;
    try {
      value = recompute.call(evaluator, vertex);
    } finally {
      rec.reads = undefined;
    }
    reads.value = vertex.isComputed() ? vertex.getCellValue() : undefined;
    if (reads.complete && (value === null || typeof value !== 'object' || !('data' in value)))
      rec.byVertex.set(vertex, reads);
    return value;
  };
}

const sameCell = (a: CellAddress, b: CellAddress) =>
  a.sheet === b.sheet && a.row === b.row && a.col === b.col;

/** Whether every read recorded for a formula gives what it gave (item 8). */
function stillRead(
  interpreter: Evaluator['interpreter'],
  rec: Recorder,
  reads: Reads,
  vertex: FormulaVertex,
): boolean {
  const graph = (interpreter as unknown as { dependencyGraph: { getCellValue(at: CellAddress): unknown } })
    .dependencyGraph;
  for (const { at, value } of reads.cells) if (graph.getCellValue(at) !== value) return false;
  for (const { ast, arrays, value } of reads.shared) {
    const state = { formulaAddress: reads.address, arraysFlag: arrays, formulaVertex: vertex };
    if (interpreter.evaluateAstWithoutPostprocessing(ast, state) !== value) return false;
  }
  return !!rec.plugin && reads.aggregations.every((a) => rec.plugin?.unchanged(a));
}

/** HyperFormula's getRawValue: rich numbers (dates, percents) carry their number in `val`. */
function rawValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { val?: unknown }).val === 'number'
    ? (value as { val: number }).val
    : value;
}

const Stock = HyperFormula.getFunctionPlugin('COUNTIFS') as unknown as new (
  ...args: never[]
) => { computeConditionalAggregationFunction(...args: Parameters<Aggregate>): unknown };

const StockFunctions = (Stock as unknown as { implementedFunctions: Record<string, { method: string }> })
  .implementedFunctions;

class IndexedConditionalAggregation extends Stock {
  // Sheets' COUNTUNIQUEIFS (sheets-functions.ts) is a conditional aggregation too: answered here, it
  // gets the same index (one teacher's rows, not the whole log, per per-row formula).
  static implementedFunctions = { ...StockFunctions, COUNTUNIQUEIFS: COUNTUNIQUEIFS_METADATA };

  constructor(...args: never[]) {
    super(...args);
    // Item 8 asks this plugin whether an aggregation a formula read still gives the same result.
    recorder((this as unknown as PluginInternals).interpreter).plugin = this;
  }

  sheetsCountUniqueIfs(ast: unknown, state: unknown): unknown {
    return countUniqueIfs(this as never, ast, state);
  }

  computeConditionalAggregationFunction(
    values: RangeValue,
    conditionArgs: unknown[],
    functionName: string,
    initial: unknown,
    compose: Compose,
    map: MapValue,
  ): unknown {
    const result = this.#indexed(values, conditionArgs, functionName, initial, compose, map);
    return result === SLOW
      ? super.computeConditionalAggregationFunction(
          values,
          conditionArgs,
          functionName,
          initial,
          compose,
          map,
        )
      : result;
  }

  /** Each range argument's values, read once however many criteria an array formula asks of it. */
  readonly #argData = new WeakMap<RangeValue, RangeData>();
  /** Outside a pass (see trackPasses): the last values seen per range, reused while unchanged. */
  readonly #rangeData = new WeakMap<RangeVertex, RangeData>();

  #data(vertex: RangeVertex, range: RangeValue): RangeData {
    const known = this.#argData.get(range);
    if (known) return known;
    // Within one recalculation pass a range's values are final once a formula reading it runs
    // (the engine computes a range's cells first), so every formula of the pass shares one read.
    const pass = passes.get((this as unknown as PluginInternals).interpreter)?.data;
    const inPass = pass?.get(vertex);
    if (inPass) {
      this.#argData.set(range, inPass);
      return inPass;
    }
    const values = range.valuesFromTopLeftCorner();
    const last = this.#rangeData.get(vertex);
    const data = last ? this.#updated(last, values) : { values, raw: values.map(rawValue) };
    this.#argData.set(range, data);
    this.#rangeData.set(vertex, data);
    if (pass) pass.set(vertex, data);
    return data;
  }

  /**
   * The range's data after a write, from its data at the last read: the same object when no value
   * changed, else a new one whose index is the old one with the changed rows moved to their new
   * text, so one appended call re-indexes one row, not 5,000. Many changes (a sort, a paste) build
   * it afresh. The old data is never changed: a pass or an argument may still hold it.
   */
  #updated(last: RangeData, values: unknown[]): RangeData {
    const length = Math.max(last.values.length, values.length);
    const changed: number[] = [];
    const limit = Math.max(REINDEX_MIN, length / 8);
    for (let row = 0; row < length; row++) {
      if (last.values[row] === values[row] && row < values.length && row < last.values.length) continue;
      changed.push(row);
      if (changed.length > limit) return { values, raw: values.map(rawValue) };
    }
    if (!changed.length) return last;
    const raw = last.raw.slice(0, values.length);
    for (const row of changed) if (row < values.length) raw[row] = rawValue(values[row]);
    const data: RangeData = { values, raw, prev: last, changed };
    let link: RangeData | undefined = data;
    for (let depth = 0; link && depth < CHAIN_LIMIT; depth++) link = link.prev;
    if (link) link.prev = undefined;
    if (last.index) data.index = this.#reindexed(last, data, changed);
    return data;
  }

  #reindexed(last: RangeData, data: RangeData, changed: number[]): Map<string, number[]> {
    const helper = (this as unknown as PluginInternals).arithmeticHelper;
    const index = new Map(last.index);
    const moved = new Map<string, number[]>();
    const bucket = (key: string) => {
      let rows = moved.get(key);
      if (!rows) {
        rows = [...(index.get(key) ?? [])];
        moved.set(key, rows);
        index.set(key, rows);
      }
      return rows;
    };
    for (const row of changed) {
      const before = last.raw[row];
      if (typeof before === 'string') {
        const rows = bucket(helper.normalizeString(before));
        const at = rows.indexOf(row);
        if (at >= 0) rows.splice(at, 1);
      }
      const after = data.raw[row];
      if (row >= data.raw.length || typeof after !== 'string') continue;
      const rows = bucket(helper.normalizeString(after));
      // Rows stay in order: SUMIFS adds them in row order, as HyperFormula does.
      let at = rows.length;
      while (at > 0 && (rows[at - 1] as number) > row) at--;
      rows.splice(at, 0, row);
    }
    for (const [key, rows] of moved) if (!rows.length) index.delete(key);
    return index;
  }

  /** The range vertex of a range argument: a whole column is one argument for every formula of a pass. */
  readonly #vertices = new WeakMap<RangeValue, RangeVertex | undefined>();

  #vertex(arg: RangeValue, range: CellRange): RangeVertex | undefined {
    if (this.#vertices.has(arg)) return this.#vertices.get(arg);
    const vertex = (this as unknown as PluginInternals).dependencyGraph.getRange(range.start, range.end);
    this.#vertices.set(arg, vertex);
    return vertex;
  }

  /** Criteria as built from their value, per engine: ">="&date is the same text in 2,000 rows. */
  readonly #criteria = new Map<string, ParsedCriterion | undefined>();

  /**
   * The criterion a value stands for (undefined: HyperFormula cannot read it). Building one parses
   * the text and makes its matching function; both depend on the value and the engine's settings
   * alone, so a text, number or boolean criterion is built once. Typed, as "7" and 7 differ.
   */
  #criterion(raw: unknown): ParsedCriterion | undefined {
    const type = typeof raw;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return this.#buildCriterion(raw);
    const key = `${type}:${raw}`;
    if (this.#criteria.has(key)) return this.#criteria.get(key);
    if (this.#criteria.size >= CRITERIA_LIMIT) this.#criteria.clear();
    const parsed = this.#buildCriterion(raw);
    this.#criteria.set(key, parsed);
    return parsed;
  }

  #buildCriterion(raw: unknown): ParsedCriterion | undefined {
    const { interpreter, arithmeticHelper, config } = this as unknown as PluginInternals;
    const pkg = interpreter.criterionBuilder.fromCellValue(raw, arithmeticHelper);
    if (!pkg) return undefined;
    const criterion = interpreter.criterionBuilder.parseCriterion(raw, arithmeticHelper);
    const text = criterion?.value;
    // An equality on text without wildcards matches exactly the texts equal once normalised.
    const keyed =
      criterion?.operator === 'EQUAL' &&
      typeof text === 'string' &&
      config.matchWholeCell &&
      !text.includes('~') &&
      !arithmeticHelper.requiresRegex(text);
    const key = `${typeof raw}:${raw}`;
    return { pkg, key, indexKey: keyed ? arithmeticHelper.normalizeString(text) : undefined };
  }

  #index(data: RangeData): Map<string, number[]> {
    if (data.index) return data.index;
    const helper = (this as unknown as PluginInternals).arithmeticHelper;
    const index = new Map<string, number[]>();
    data.raw.forEach((v, row) => {
      if (typeof v !== 'string') return;
      const key = helper.normalizeString(v);
      const rows = index.get(key);
      if (rows) rows.push(row);
      else index.set(key, [row]);
    });
    data.index = index;
    return index;
  }

  #indexed(
    values: RangeValue,
    conditionArgs: unknown[],
    functionName: string,
    initial: unknown,
    compose: Compose,
    map: MapValue,
  ): unknown {
    const valuesRange = values?.range;
    const valuesVertex = valuesRange && this.#vertex(values, valuesRange);
    if (!valuesRange || !valuesVertex || conditionArgs.length < 2) return SLOW;
    const conditions = this.#conditions(values, conditionArgs);
    if (!conditions) return SLOW;
    // The same cache key and entries as the stock implementation, so both can share the cache.
    const cacheKey = [
      functionName,
      ...conditions.map((c) => `${c.range.sheet},${c.range.start.col},${c.range.start.row}`),
    ].join(',');
    // Typed: the number 1001 and the text "1001" are different criteria in Sheets (sheets-rules.ts).
    const criteria = conditions.map((c) => c.key).join(',');
    this.#observe(conditions, valuesVertex, values);
    const cached = valuesVertex.getCriterionFunctionValue(cacheKey, criteria);
    if (cached !== undefined) return cached;

    const columns = conditions.map((c) => this.#data(c.vertex, c.arg).raw);
    const lambdas = conditions.map((c) => c.pkg.lambda);
    const valueList = this.#data(valuesVertex, values).values;
    const keyed = conditions.findIndex((c) => c.indexKey !== undefined);
    let acc = initial;
    if (keyed >= 0) {
      // The index's rows meet the keyed criterion already; the others are checked row by row.
      const condition = conditions[keyed] as Condition;
      const rows = this.#index(this.#data(condition.vertex, condition.arg)).get(condition.indexKey as string);
      for (const row of rows ?? [])
        if (meetsAll(lambdas, columns, row, keyed)) acc = compose(acc, map(valueList[row]));
    } else {
      for (let row = 0; row < valueList.length; row++)
        if (meetsAll(lambdas, columns, row, -1)) acc = compose(acc, map(valueList[row]));
    }

    const cache = valuesVertex.getCriterionFunctionValues(cacheKey);
    cache.set(criteria, [acc, lambdas]);
    valuesVertex.setCriterionFunctionValues(cacheKey, cache);
    for (const c of conditions) c.vertex.addDependentCacheRange(valuesVertex);
    return acc;
  }

  /** Item 8: the ranges and criteria of an aggregation, for the formula being recorded. */
  #observe(conditions: Condition[], valuesVertex: RangeVertex, values: RangeValue): void {
    const reads = recording((this as unknown as PluginInternals).interpreter);
    if (!reads) return;
    reads.aggregations.push({
      lambdas: conditions.map((c) => c.pkg.lambda),
      ranges: [
        ...conditions.map((c) => ({ vertex: c.vertex, data: this.#data(c.vertex, c.arg) })),
        { vertex: valuesVertex, data: this.#data(valuesVertex, values) },
      ],
    });
  }

  /**
   * Item 8: whether an aggregation recorded earlier gives the same result now. Every range is read
   * again (once per pass); where one changed, the changed rows are found along its chain of reads,
   * and the result stands only if none of them met every criterion before or meets them now: the
   * rows that count, and their values, are then the same. Anything else (a range re-indexed afresh,
   * read too long ago, a criterion refusing a cell) says no, and the formula is recomputed.
   */
  unchanged(aggregation: Aggregated): boolean {
    const rows = new Set<number>();
    const now: RangeData[] = [];
    for (const { vertex, data } of aggregation.ranges) {
      const current = this.#current(vertex);
      if (!current) return false;
      if (current !== data) {
        const changed = changedSince(current, data);
        if (!changed) return false;
        for (const row of changed) rows.add(row);
      }
      now.push(current);
    }
    const { lambdas, ranges } = aggregation;
    const before = ranges.map((r) => r.data.raw);
    const after = now.map((d) => d.raw);
    const [oldLength, newLength] = [ranges[0]?.data.values.length ?? 0, now[0]?.values.length ?? 0];
    try {
      for (const row of rows) {
        if (row < oldLength && meetsAll(lambdas, before, row, -1)) return false;
        if (row < newLength && meetsAll(lambdas, after, row, -1)) return false;
      }
    } catch {
      return false;
    }
    ranges.forEach((r, i) => {
      r.data = now[i] as RangeData;
    });
    return true;
  }

  /** A range vertex's data in the pass under way, read if no formula has read it yet. */
  #current(vertex: RangeVertex): RangeData | undefined {
    const inPass = passes.get((this as unknown as PluginInternals).interpreter)?.data.get(vertex);
    if (inPass) return inPass;
    const range = (vertex as unknown as { range?: unknown }).range;
    if (!range) return undefined;
    const { dependencyGraph } = this as unknown as { dependencyGraph: unknown };
    const value = SimpleRangeValue.onlyRange(
      range as never,
      dependencyGraph as never,
    ) as unknown as RangeValue;
    return this.#data(vertex, value);
  }

  /** The (range, criterion) pairs, or undefined where the stock implementation must answer. */
  #conditions(values: RangeValue, conditionArgs: unknown[]): Condition[] | undefined {
    const conditions: Condition[] = [];
    for (let i = 0; i < conditionArgs.length; i += 2) {
      const arg = conditionArgs[i] as RangeValue;
      const range = arg?.range;
      if (!range || typeof arg.sameDimensionsAs !== 'function' || !arg.sameDimensionsAs(values)) return;
      const vertex = this.#vertex(arg, range);
      const parsed = this.#criterion(conditionArgs[i + 1]);
      if (!vertex || !parsed) return;
      conditions.push({ range, vertex, arg, ...parsed });
    }
    return conditions;
  }
}

/** The rows changed from `old` to `current` along the chain of reads, or undefined if it is not on it. */
function changedSince(current: RangeData, old: RangeData): number[] | undefined {
  const rows: number[] = [];
  for (let link: RangeData | undefined = current; link; link = link.prev) {
    if (link === old) return rows;
    if (!link.changed) return undefined;
    rows.push(...link.changed);
  }
  return undefined;
}

/** Whether a row meets every criterion but the one its index already answered (skip). */
function meetsAll(lambdas: CriterionPackage['lambda'][], columns: unknown[][], row: number, skip: number) {
  for (let k = 0; k < lambdas.length; k++)
    if (k !== skip && !(lambdas[k] as CriterionPackage['lambda'])(columns[k]?.[row])) return false;
  return true;
}

// HyperFormula registers a function only if its method is the plugin class's own property.
for (const { method } of Object.values(StockFunctions)) {
  Object.defineProperty(IndexedConditionalAggregation.prototype, method, {
    value: (Stock.prototype as unknown as Record<string, unknown>)[method],
    writable: true,
    configurable: true,
  });
}

/**
 * 4. IF evaluates only the branch its condition picks (HyperFormula evaluates both, then picks one).
 *    The value is the same either way; the add-on's per-row goal formulas are
 *    `=IF($E5="","",COUNTIFS(...))` for hundreds of blank rows, which then cost one comparison each
 *    instead of a COUNTIFS each on every recalculation. Inside an array formula the stock IF runs
 *    (it expands over arrays).
 */
const StockIf = HyperFormula.getFunctionPlugin('IF') as unknown as new (
  ...args: never[]
) => {
  conditionalIf(ast: IfAst, state: { arraysFlag: boolean }): unknown;
  runFunction(args: unknown[], state: unknown, metadata: unknown, fn: (v: unknown) => unknown): unknown;
};
interface IfAst {
  args: { type: string }[];
}
const CONDITION = { parameters: [{ argumentType: FunctionArgumentType.BOOLEAN }] };
const BRANCH = { parameters: [{ argumentType: FunctionArgumentType.SCALAR, passSubtype: true }] };

class LazyIf extends StockIf {
  static implementedFunctions = {
    IF: (StockIf as unknown as { implementedFunctions: { IF: unknown } }).implementedFunctions.IF,
  };

  conditionalIf(ast: IfAst, state: { arraysFlag: boolean }): unknown {
    if (state.arraysFlag || ast.args.length < 2 || ast.args.length > 3)
      return super.conditionalIf(ast, state);
    const condition = this.runFunction([ast.args[0]], state, CONDITION, (c) => c);
    if (typeof condition !== 'boolean') return super.conditionalIf(ast, state);
    const branch = condition ? ast.args[1] : ast.args[2];
    if (!branch) return false;
    if (branch.type === 'EMPTY') return super.conditionalIf(ast, state);
    return this.runFunction([branch], state, BRANCH, (v) => v);
  }
}

/** Characters no date or time text can hold once normalised (see the stock parser's quick check). */
const NOT_A_DATE = /[^0-9/.\-:\sapmAPM]/;

const stockParseDateTime = HyperFormula.defaultConfig.parseDateTime;

/**
 * The engine options: Sheets' dates and booleans, the plugins above in place of stock ones, and the
 * functions Sheets defines differently (sheets-functions.ts). sheets-rules.ts applies the rest.
 */
export function engineConfig(): Partial<ConfigParams> {
  return {
    licenseKey: 'gpl-v3',
    useColumnIndex: true,
    dateFormats: ['MM/DD/YYYY', 'MM/DD/YY', 'YYYY-MM-DD', 'YYYY/MM/DD'],
    timeFormats: ['hh:mm', 'hh:mm:ss.sss'],
    nullDate: { year: 1899, month: 12, day: 30 },
    leapYear1900: false,
    // Sheets keeps IEEE doubles: a 13-digit id typed as a number reads back as typed.
    smartRounding: false,
    // Sheets caps a spreadsheet at 10 million cells, not a row count; HyperFormula's default of
    // 40,000 rows would refuse a 50,000-row Call Log that Sheets holds.
    maxRows: 10_000_000,
    functionPlugins: [
      ...HyperFormula.getAllFunctionPlugins(),
      IndexedConditionalAggregation as never,
      LazyIf as never,
      ...SHEETS_FUNCTION_PLUGINS,
    ],
    parseDateTime: (text, dateFormat, timeFormat) =>
      NOT_A_DATE.test(text) ? undefined : stockParseDateTime(text, dateFormat, timeFormat),
  };
}
