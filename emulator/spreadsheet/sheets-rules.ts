/**
 * Google Sheets' rules where they differ from HyperFormula's, applied to one engine. Every rule is
 * pinned by emulator/test/sheets-formulas.test.ts and listed, with its source, in
 * emulator/SHEETS-BEHAVIOUR.md. Where Sheets' answer cannot be established, the cell shows an error
 * whose message starts "Not emulated:" instead of a guess (see notEmulated).
 *
 * 1. Comparisons (`=`, `<`, `>=`... and SORT's order) never read a text as a number or a date:
 *    a number is less than any text, a text less than any boolean, texts compare as texts
 *    (HyperFormula parses "2026-09-20" and "1001" in a comparison as numbers).
 * 2. Criteria (COUNTIF(S), SUMIF(S), MAXIFS, COUNTUNIQUEIFS...): a number criterion matches numbers
 *    only; a text criterion that reads as a number matches that number and the same text; `>`, `<`
 *    criteria match numbers only. A text cell that equals a numeric text criterion only as a number
 *    ("0042" against "42") is refused: Google documents neither way.
 * 3. ARRAYFORMULA: a function expands over an array passed where it takes one value only if it is in
 *    EXPANDS_IN_ARRAYFORMULA; any other is refused (MAXIFS, MINIFS and AVERAGEIFS do not expand in
 *    Sheets; HyperFormula expands them all). ROW and COLUMN over a multi-cell range are refused there.
 * 4. Array literals `{...}` recalculate when the ranges inside them change, as in Sheets
 *    (support.google.com/docs/answer/6208276): HyperFormula collects no dependencies inside one, so
 *    `={"Header"; ARRAYFORMULA(A2:A9)}` kept its first values; trackArrayLiterals adds them.
 * 5. A blocked array result is #REF! ("Array result was not expanded because it would overwrite
 *    data"), not #SPILL!, and it expands again once the blocking cell is cleared.
 */
import { dirname, join } from 'node:path';
import { ErrorType, FunctionPlugin, type HyperFormula } from 'hyperformula';
import { notEmulated } from './sheets-functions';

/**
 * Functions Sheets evaluates once per element when ARRAYFORMULA passes them an array where they
 * take one value. Google: ARRAYFORMULA "enables ... the use of non-array functions with arrays"
 * (support.google.com/docs/answer/3093275); COUNTIF(S)/SUMIF(S) over an array of criteria: see the
 * register. Operators (+, &, =, ...) always expand and are not functions here.
 */
export const EXPANDS_IN_ARRAYFORMULA: ReadonlySet<string> = new Set([
  'IF',
  'IFERROR',
  'IFNA',
  'ISBLANK',
  'ISNUMBER',
  'ISTEXT',
  'ISERROR',
  'NOT',
  'LEN',
  'LOWER',
  'UPPER',
  'TRIM',
  'LEFT',
  'RIGHT',
  'MID',
  'INT',
  'ROUND',
  'ABS',
  'YEAR',
  'MONTH',
  'DAY',
  'COUNTIF',
  'COUNTIFS',
  'SUMIF',
  'SUMIFS',
]);

/** Thrown inside an evaluation to turn the whole function call into a "Not emulated" error. */
class Refusal extends Error {}

interface Interpreter {
  functionRegistry: {
    getFunction(id: string): ((ast: FunctionAst, state: EvalState) => unknown) | undefined;
  };
  criterionBuilder: {
    fromCellValue(raw: unknown, helper: unknown): CriterionPackage | undefined;
    parseCriterion(raw: unknown, helper: unknown): { operator: string; value: unknown } | undefined;
  };
  arithmeticHelper: Helper;
  evaluateAstWithoutPostprocessing(ast: { type: string }, state: unknown): unknown;
}
interface FunctionAst {
  type: string;
  procedureName: string;
  args: { type: string }[];
  start?: { row: number };
  end?: { row: number };
}
interface EvalState {
  arraysFlag: boolean;
}
interface CriterionPackage {
  raw: unknown;
  lambda: (value: unknown) => boolean;
}
interface Helper {
  compare(left: unknown, right: unknown): number;
  stringCmp(left: string, right: string): number;
  normalizeString(text: string): string;
  coerceToMaybeNumber(value: unknown): unknown;
  floatCmp(a: number, b: number): number;
}

/** Engines (by interpreter) that follow Sheets; the shared plugin prototype is patched once. */
const sheetsInterpreters = new WeakSet<object>();
/** Function ids being evaluated, innermost last, per interpreter. */
const calls = new WeakMap<object, string[]>();

const isNumeric = (v: unknown) =>
  typeof v === 'number' ||
  (v !== null && typeof v === 'object' && typeof (v as { val?: unknown }).val === 'number');
const isBlank = (v: unknown) => typeof v === 'symbol' || v === null || v === undefined;
/** Sheets' order of types: numbers, then texts, then booleans. */
const typeRank = (v: unknown) => (isNumeric(v) ? 1 : typeof v === 'string' ? 2 : 3);

function sheetsCompare(helper: Helper): void {
  const stock = helper.compare.bind(helper);
  helper.compare = (left, right) => {
    if (isBlank(left) || isBlank(right)) return stock(left, right);
    if (typeof left === 'string' && typeof right === 'string') return helper.stringCmp(left, right);
    if (typeof left === 'string' || typeof right === 'string') return typeRank(left) - typeRank(right);
    return stock(left, right);
  };
}

/** A numeric equality criterion, held to Sheets' documented cases (rule 2). */
function strictEquality(pkg: CriterionPackage, operator: string, value: number, helper: Helper) {
  const text = typeof pkg.raw === 'string' ? pkg.raw.replace(/^(=|<>)/, '') : undefined;
  const key = text === undefined ? undefined : helper.normalizeString(text);
  const equal = (cell: unknown): boolean => {
    if (isNumeric(cell)) return helper.floatCmp(Number((cell as { val?: number }).val ?? cell), value) === 0;
    if (typeof cell !== 'string' || key === undefined || cell === '') return false;
    if (helper.normalizeString(cell) === key) return true;
    const asNumber = helper.coerceToMaybeNumber(cell);
    if (
      isNumeric(asNumber) &&
      helper.floatCmp(Number((asNumber as { val?: number }).val ?? asNumber), value) === 0
    )
      throw new Refusal(`a criterion "${text}" against the text "${cell}", equal only as numbers`);
    return false;
  };
  return operator === 'NOT_EQUAL' ? (cell: unknown) => !isBlank(cell) && !equal(cell) : equal;
}

function sheetsCriteria(interpreter: Interpreter): void {
  const builder = interpreter.criterionBuilder;
  const stock = builder.fromCellValue.bind(builder);
  builder.fromCellValue = (raw, helper) => {
    const pkg = stock(raw, helper);
    if (!pkg) return pkg;
    const criterion = builder.parseCriterion(raw, helper);
    if (!criterion || typeof criterion.value !== 'number') return pkg;
    if (criterion.operator !== 'EQUAL' && criterion.operator !== 'NOT_EQUAL') return pkg;
    return {
      raw: pkg.raw,
      lambda: strictEquality(pkg, criterion.operator, criterion.value, helper as Helper),
    };
  };
}

const RANGE_AST = new Set(['CELL_RANGE', 'COLUMN_RANGE', 'ROW_RANGE']);
function sheetsFunctionCalls(interpreter: Interpreter): void {
  const registry = interpreter.functionRegistry;
  const stock = registry.getFunction.bind(registry);
  const stack: string[] = [];
  calls.set(interpreter, stack);
  registry.getFunction = (id) => {
    const fn = stock(id);
    if (!fn) return fn;
    return (ast, state) => {
      if (state.arraysFlag && (id === 'ROW' || id === 'COLUMN')) {
        const arg = ast.args[0] as FunctionAst | undefined;
        if (arg && RANGE_AST.has(arg.type))
          return notEmulated(`${id} over a range inside ARRAYFORMULA (Sheets returns one number per cell)`);
      }
      stack.push(id);
      try {
        return fn(ast, state);
      } catch (error) {
        if (error instanceof Refusal) return notEmulated(error.message);
        throw error;
      } finally {
        stack.pop();
      }
    };
  };
}

type Ast = { type?: string; args?: unknown } & Record<string, unknown>;
type Collect = (ast: Ast, registry: unknown) => unknown[];

/** Every element of every array literal in a formula's syntax tree, however deeply nested. */
function arrayLiteralElements(node: unknown, out: Ast[] = []): Ast[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const item of node) arrayLiteralElements(item, out);
    return out;
  }
  const ast = node as Ast;
  if (ast.type === 'ARRAY' && Array.isArray(ast.args))
    for (const row of ast.args as Ast[][]) for (const element of row) out.push(element);
  for (const [key, value] of Object.entries(ast)) if (key !== 'type') arrayLiteralElements(value, out);
  return out;
}

let literalsTracked = false;

/**
 * Rule 4. HyperFormula finds a formula's dependencies with parser/collectDependencies, which skips
 * array literals. Its callers read the function from the parser package's exports (a copy made at
 * load), so the wrapper goes on both: then the cells and ranges inside `{...}` are dependencies too.
 */
function trackArrayLiterals(): void {
  if (literalsTracked) return;
  literalsTracked = true;
  const parser = join(dirname(require.resolve('hyperformula')), 'parser');
  const modules = [require(join(parser, 'collectDependencies.js')), require(join(parser, 'index.js'))] as {
    collectDependencies: Collect;
  }[];
  const stock = modules[0]?.collectDependencies;
  if (typeof stock !== 'function') throw new Error('HyperFormula changed: no parser/collectDependencies');
  const withLiterals: Collect = (ast, registry) => {
    const found = stock(ast, registry);
    for (const element of arrayLiteralElements(ast)) found.push(...stock(element, registry));
    return found;
  };
  for (const module of modules) module.collectDependencies = withLiterals;
}

let prototypePatched = false;

/** Rule 3: refuse vectorisation by a function Sheets does not expand inside ARRAYFORMULA. */
function patchVectorisation(): void {
  if (prototypePatched) return;
  prototypePatched = true;
  const proto = FunctionPlugin.prototype as unknown as {
    calculateSizeOfVectorizedResultArray(this: { interpreter: object }, ...args: unknown[]): [number, number];
  };
  const stock = proto.calculateSizeOfVectorizedResultArray;
  proto.calculateSizeOfVectorizedResultArray = function (...args) {
    const size = stock.apply(this, args);
    if (!sheetsInterpreters.has(this.interpreter) || size[0] * size[1] <= 1) return size;
    const id = calls.get(this.interpreter)?.at(-1);
    if (id && id !== 'ARRAYFORMULA' && !EXPANDS_IN_ARRAYFORMULA.has(id))
      throw new Refusal(`${id} over an array inside ARRAYFORMULA (not known to expand in Sheets)`);
    return size;
  };
}

/** Rule 5: the error value Sheets shows where HyperFormula computed `value` ('#SPILL!' -> '#REF!'). */
export function sheetsErrorValue(value: string): string {
  return value === '#SPILL!' ? '#REF!' : value;
}

/** Rule 5: an array formula blocked by a value expands again when that value is cleared. */
function respillWhenCleared(hf: HyperFormula): void {
  const blocked = new Map<string, { sheet: number; row: number; col: number }>();
  let busy = false;
  type Address = { sheet: number; row: number; col: number };
  hf.on('valuesUpdated', (changes) => {
    // Only a cell that became empty can unblock an array, and only one below or right of its formula.
    const cleared: Address[] = [];
    for (const change of changes as { address?: Address; newValue: unknown }[]) {
      if (!change.address) continue;
      const key = `${change.address.sheet},${change.address.row},${change.address.col}`;
      const value = change.newValue as { type?: string } | null;
      if (value && typeof value === 'object' && value.type === ErrorType.SPILL)
        blocked.set(key, change.address);
      else blocked.delete(key);
      if (value === null || (value as unknown) === '') cleared.push(change.address);
    }
    if (busy || blocked.size === 0 || cleared.length === 0) return;
    busy = true;
    try {
      for (const [key, at] of [...blocked]) {
        if (!cleared.some((c) => c.sheet === at.sheet && c.row >= at.row && c.col >= at.col)) continue;
        const formula = hf.getCellFormula(at);
        if (formula) hf.setCellContents(at, [[formula]]);
        else blocked.delete(key);
      }
    } finally {
      busy = false;
    }
  });
}

/** Applies Sheets' rules (above) to an engine built from engineConfig(). */
export function applySheetsRules(hf: HyperFormula): void {
  const interpreter = (hf as unknown as { evaluator: { interpreter: Interpreter } }).evaluator.interpreter;
  sheetsInterpreters.add(interpreter);
  patchVectorisation();
  trackArrayLiterals();
  sheetsCompare(interpreter.arithmeticHelper);
  sheetsCriteria(interpreter);
  sheetsFunctionCalls(interpreter);
  respillWhenCleared(hf);
}
