/**
 * Functions whose Google Sheets definition differs from HyperFormula's, or that HyperFormula lacks,
 * written as HyperFormula function plugins that follow Google's function reference. Each is pinned
 * by emulator/test/sheets-formulas.test.ts and listed in emulator/SHEETS-BEHAVIOUR.md.
 *
 * - SORT(range, sort_column, is_ascending, [sort_column2, is_ascending2, ...]): Sheets' arguments
 *   (support.google.com/docs/answer/3093150). HyperFormula's SORT is Excel's (sort_index, sort_order
 *   1/-1, by_col). A sort column given as a range (Sheets allows it) is refused.
 * - COUNTUNIQUE(value1, ...): distinct values, blanks not counted (answer/3093405); an error among
 *   the values is the result (as FILTER's #N/A when nothing matches, answer/3093197: HyperFormula
 *   counts the error as one more value).
 * - COUNTUNIQUEIFS(range, criteria_range1, criterion1, ...): distinct values of range on the rows
 *   where every criterion holds, 0 when none (answer/9584429). HyperFormula has no such function.
 */
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';

/** A message saying the emulator cannot vouch for a shape, as a cell error a test can read. */
export function notEmulated(shape: string): CellError {
  return new CellError(ErrorType.NA, `Not emulated: ${shape}`);
}

type Ast = { args: unknown[] };
type State = unknown;
interface PluginBase {
  runFunction(args: unknown[], state: State, metadata: unknown, fn: (...args: never[]) => unknown): unknown;
  metadata(name: string): unknown;
  arithmeticHelper: { lt(a: unknown, b: unknown): boolean; gt(a: unknown, b: unknown): boolean };
  arraySizeForAst(ast: unknown, state: State): { width: number; height: number };
}

const StockSort = HyperFormula.getFunctionPlugin('SORT') as unknown as new (...args: never[]) => PluginBase;
/** HyperFormula's base class of function plugins (its public API), for functions with no stock twin. */
const Plugin = FunctionPlugin as unknown as new (...args: never[]) => PluginBase;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || typeof v === 'symbol';

/** Sheets' SORT: pairs of (column number within the range, TRUE ascending / FALSE descending). */
export class SheetsSortPlugin extends StockSort {
  static implementedFunctions = {
    SORT: {
      method: 'sheetsSort',
      sizeOfResultArrayMethod: 'sheetsSortArraySize',
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.ANY },
      ],
      repeatLastArgs: 2,
      vectorizationForbidden: true,
    },
  };

  sheetsSort(ast: Ast, state: State): unknown {
    return this.runFunction(ast.args, state, this.metadata('SORT'), ((
      range: SimpleRangeValue,
      ...keys: unknown[]
    ) => {
      const data = range.data as unknown[][];
      const width = range.width();
      const specs: { col: number; ascending: boolean }[] = [];
      for (let i = 0; i < keys.length; i += 2) {
        const col = keys[i];
        const ascending = keys[i + 1];
        if (col instanceof SimpleRangeValue) return notEmulated('SORT with a sort column given as a range');
        if (typeof col !== 'number' || col < 1 || col > width || Math.trunc(col) !== col)
          return new CellError(ErrorType.VALUE, `SORT has mismatched range sizes or a bad sort column.`);
        if (typeof ascending !== 'boolean')
          return new CellError(ErrorType.VALUE, 'SORT expects TRUE or FALSE for is_ascending.');
        specs.push({ col: col - 1, ascending });
      }
      for (const row of data) for (const cell of row) if (cell instanceof CellError) return cell;
      const rows = data.map((row, i) => ({ row, i }));
      rows.sort((a, b) => {
        for (const { col, ascending } of specs) {
          const x = a.row[col];
          const y = b.row[col];
          if (isEmpty(x) || isEmpty(y)) {
            if (isEmpty(x) !== isEmpty(y)) return isEmpty(x) ? 1 : -1; // blanks last either way
            continue;
          }
          if (this.arithmeticHelper.lt(x, y)) return ascending ? -1 : 1;
          if (this.arithmeticHelper.gt(x, y)) return ascending ? 1 : -1;
        }
        return a.i - b.i; // stable
      });
      return SimpleRangeValue.onlyValues(rows.map((r) => r.row) as never);
    }) as never);
  }

  sheetsSortArraySize(ast: Ast, state: State): unknown {
    const first = this.arraySizeForAst(ast.args[0], state);
    const Size = (first as object).constructor as new (w: number, h: number) => unknown;
    return new Size(first.width, first.height);
  }
}

// HyperFormula calls only functions its language knows by name; COUNTUNIQUEIFS is Sheets-only.
HyperFormula.getLanguage('enGB').extendFunctions({ COUNTUNIQUEIFS: 'COUNTUNIQUEIFS' });

/** COUNTUNIQUE by Google's definition (COUNTUNIQUEIFS: countUniqueIfs below). */
export class SheetsUniquePlugin extends Plugin {
  static implementedFunctions = {
    COUNTUNIQUE: {
      method: 'sheetsCountUnique',
      parameters: [{ argumentType: FunctionArgumentType.ANY }],
      repeatLastArgs: 1,
    },
  };

  sheetsCountUnique(ast: Ast, state: State): unknown {
    return this.runFunction(ast.args, state, this.metadata('COUNTUNIQUE'), ((...args: unknown[]) => {
      const seen = new Set<unknown>();
      for (const arg of args) {
        const values = arg instanceof SimpleRangeValue ? (arg.valuesFromTopLeftCorner() as unknown[]) : [arg];
        for (const v of values) {
          if (v instanceof CellError) return v;
          if (!isEmpty(v)) seen.add(rawKey(v));
        }
      }
      return seen.size;
    }) as never);
  }
}

/** A value's identity for counting: rich numbers (dates) by their number, texts as written. */
function rawKey(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { val?: unknown }).val === 'number')
    return (v as { val: number }).val;
  return v;
}

/** The plugins above, in the order the engine registers them after HyperFormula's own. */
export const SHEETS_FUNCTION_PLUGINS: never[] = [SheetsSortPlugin as never, SheetsUniquePlugin as never];

export const COUNTUNIQUEIFS_METADATA = {
  method: 'sheetsCountUniqueIfs',
  parameters: [
    { argumentType: FunctionArgumentType.RANGE },
    { argumentType: FunctionArgumentType.RANGE },
    { argumentType: FunctionArgumentType.NOERROR },
  ],
  repeatLastArgs: 2,
};

interface Aggregation extends PluginBase {
  computeConditionalAggregationFunction(
    values: SimpleRangeValue,
    conditionArgs: unknown[],
    functionName: string,
    initial: unknown,
    compose: (acc: unknown, value: unknown) => unknown,
    map: (value: unknown) => unknown,
  ): unknown;
}

/**
 * COUNTUNIQUEIFS as a conditional aggregation (the engine's indexed one): the distinct values of the
 * rows every criterion accepts, blanks not counted, an error among them the result. The set is never
 * changed in place, because aggregation results are cached and reused.
 */
export function countUniqueIfs(plugin: Aggregation, ast: unknown, state: unknown): unknown {
  const compose = (acc: unknown, value: unknown) => {
    if (acc instanceof CellError) return acc;
    if (value instanceof CellError) return value;
    const set = acc as ReadonlySet<unknown>;
    if (isEmpty(value)) return set;
    const key = rawKey(value);
    return set.has(key) ? set : new Set(set).add(key);
  };
  return plugin.runFunction((ast as Ast).args, state, plugin.metadata('COUNTUNIQUEIFS'), ((
    values: SimpleRangeValue,
    ...conditions: unknown[]
  ) => {
    const result = plugin.computeConditionalAggregationFunction(
      values,
      conditions,
      'COUNTUNIQUEIFS',
      new Set(),
      compose,
      (v) => v,
    );
    return result instanceof Set ? result.size : result;
  }) as never);
}
