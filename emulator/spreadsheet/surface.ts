/**
 * The compile-time check the emulated classes use: `implements Surface<GAS class, OurClass>` makes
 * each method both have take Apps Script's arguments and return Apps Script's kind of value.
 */
import type { EnumValue } from '../services/host-object';

// ---- compile-time check -------------------------------------------------------------------------

// biome-ignore lint/suspicious/noConfusingVoidType: Apps Script methods that return nothing are declared void
type Plain = string | boolean | null | undefined | void | Date;
/**
 * A return type as checked: plain values exactly, arrays by depth, Apps Script objects as objects.
 * The declarations' enums are ambient numeric enums, which TypeScript cannot tell from number, so a
 * number return may also be an EnumValue.
 */
type Loose<R> = R extends Plain
  ? R
  : R extends number
    ? number | EnumValue
    : R extends readonly (infer E)[]
      ? Loose<E>[]
      : object | null;
/** A parameter as checked: plain values exactly; Apps Script's objects as anything. */
type LooseParam<P> = P extends GoogleAppsScript.Base.Date
  ? Date
  : P extends Plain | number
    ? P
    : P extends readonly (infer E)[]
      ? LooseParam<E>[]
      : // biome-ignore lint/suspicious/noExplicitAny: an Apps Script object argument is our own class here
        any;
type LooseParams<A extends unknown[]> = { [I in keyof A]: LooseParam<A[I]> };
/** A method of Apps Script's class, loosened as above (the last overload, as TypeScript infers it). */
type LooseMethod<F> = F extends (...args: infer A) => infer R ? (...args: LooseParams<A>) => Loose<R> : F;

/**
 * `class RangeImpl implements Surface<GoogleAppsScript.Spreadsheet.Range, RangeImpl>`: each method
 * both classes have must accept Apps Script's arguments and return Apps Script's kind of value.
 */
export type Surface<G, I> = { [K in keyof I & keyof G]: LooseMethod<G[K]> };
