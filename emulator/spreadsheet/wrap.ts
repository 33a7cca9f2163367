/**
 * The Proxy every SpreadsheetApp object reaches the script through. It counts each method call as
 * 'Class.method' and the cells it moved (cells.ts), wraps returned objects, prints as its class (`String(range)` is 'Range'), throws
 * errors of the script's realm (`e instanceof Error` holds in the script), and answers a member the
 * emulator lacks as Apps Script would not: undefined when Apps Script has no such member, and a
 * method throwing `Not emulated: Class.member` when Apps Script has it and the emulator does not.
 */
import { type ExecutionContext, NotEmulatedError } from '../contract';
import { errorInRealm } from '../runtime/realm';
import { apiMembers } from '../services/declarations';
import { cellsMoved } from './cells';

export const CLASS = Symbol('emulatedClass');
const WRAPPED = Symbol('wrapped');

/** Where an Apps Script class outside the spreadsheet declarations is declared. */
const FILES: Record<string, readonly string[]> = { Color: ['base', 'spreadsheet'], RgbColor: ['base'] };

/** The error as the script sees it: an Error of its realm, with the same name and message. */
export function scriptError(ctx: ExecutionContext, error: unknown): unknown {
  return errorInRealm(error, ctx.realm);
}

function missing(ctx: ExecutionContext, qualifiedName: string) {
  return () => {
    throw scriptError(ctx, new NotEmulatedError(qualifiedName));
  };
}

/** Proxy -> the object it wraps: a Range the script hands back (copyTo's target) is ours again. */
const targets = new WeakMap<object, object>();

function unwrap(value: unknown): unknown {
  if (Array.isArray(value))
    return value.some((v) => typeof v === 'object' && v !== null) ? value.map(unwrap) : value;
  return (typeof value === 'object' && value !== null && targets.get(value)) || value;
}

/**
 * Wraps an emulated object: counts calls, wraps returned objects, refuses what is not emulated. Only
 * members Apps Script's class declares are visible: the implementation's own fields and helpers
 * (its workbook, its row) are not Apps Script's, so a script reads them as undefined.
 */
export function wrap<T extends object>(ctx: ExecutionContext, target: T): T {
  const className = (target as { [CLASS]?: string })[CLASS] ?? 'Object';
  const declared = apiMembers(className, FILES[className]);
  const proxy = new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === WRAPPED) return true;
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON' || prop === 'constructor') {
        return Reflect.get(obj, prop, receiver);
      }
      if (prop === 'toString' || prop === 'valueOf') return () => className;
      if (declared.size && !declared.has(prop)) return undefined;
      const value = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function')
        return value === undefined ? missing(ctx, `${className}.${prop}`) : value;
      return (...args: unknown[]) => {
        const name = `${className}.${prop}`;
        ctx.count(name);
        try {
          const plain = args.map(unwrap);
          const result = value.apply(obj, plain);
          if (ctx.countCells) {
            const cells = cellsMoved(className, prop, obj, plain, result);
            if (cells.read || cells.written) ctx.countCells(name, cells.read, cells.written);
          }
          return wrapResult(ctx, result);
        } catch (error) {
          throw scriptError(ctx, error);
        }
      };
    },
  });
  targets.set(proxy, target);
  return proxy;
}

function isEmulated(value: unknown): value is object {
  return typeof value === 'object' && value !== null && CLASS in value;
}

/** Wraps emulated objects in a result, nested arrays included (getDataValidations is a grid). */
function wrapResult(ctx: ExecutionContext, result: unknown): unknown {
  if (Array.isArray(result)) {
    if (!holdsEmulated(result)) return result;
    const out = new ctx.realm.Array();
    for (const r of result) out.push(wrapResult(ctx, r));
    return out;
  }
  if (isEmulated(result) && !(result as { [WRAPPED]?: boolean })[WRAPPED]) return wrap(ctx, result);
  return result;
}

function holdsEmulated(values: unknown[]): boolean {
  return values.some((v) => isEmulated(v) || (Array.isArray(v) && holdsEmulated(v)));
}

/** Turns host values into the script's realm: Dates and arrays of the script's own constructors. */
export function toScript(ctx: ExecutionContext, rows: unknown[][]): unknown[][] {
  const out = new ctx.realm.Array() as unknown[][];
  for (const row of rows) {
    const line = new ctx.realm.Array() as unknown[];
    for (const v of row) line.push(v instanceof Date ? new ctx.realm.Date(v.getTime()) : v);
    out.push(line);
  }
  return out;
}
