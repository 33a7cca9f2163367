/**
 * Values cross between Node's realm (the emulator, the tests) and the script's vm realm. A script
 * checks `Array.isArray`, `instanceof Date` and `instanceof Object` on what services give it, and a
 * test compares results with Node's own objects, so plain data is copied into the receiving realm.
 * Anything that is not plain data (service objects, functions, class instances) crosses as is.
 */

import { NotEmulatedError } from '../contract';

export interface Realm {
  readonly Date: DateConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly Error: ErrorConstructor;
}

export const nodeRealm: Realm = { Date, Array, Object, Error };

/** True for `{...}` literals of any realm (prototype is some realm's Object.prototype, or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  // Some realm's Object.prototype: its own prototype is null and its constructor is named Object.
  return (
    Object.getPrototypeOf(proto) === null &&
    typeof proto.constructor === 'function' &&
    proto.constructor.name === 'Object'
  );
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Copies plain data (arrays, plain objects, dates) into `realm`, recursively; other values are kept.
 * Already-converted values are not copied again when they are of the target realm already.
 */
export function toRealm<T>(value: T, realm: Realm): T {
  return copy(value, realm, new Map()) as T;
}

function copy(value: unknown, realm: Realm, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], realm, seen);
    return out;
  }
  if (isDate(value)) return value instanceof realm.Date ? value : new realm.Date((value as Date).getTime());
  if (isPlainObject(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    seen.set(value, out);
    for (const key of Object.keys(value)) out[key] = copy(value[key], realm, seen);
    return out;
  }
  return value;
}

/** An Error of `realm` carrying the name, message and stack of `error` (of any realm). */
export function errorInRealm(error: unknown, realm: Realm): unknown {
  if (!isError(error) || error instanceof realm.Error) return error;
  const source = error as Error;
  const out = new realm.Error(source.message);
  out.name = source.name;
  if (source.stack) out.stack = source.stack;
  return out;
}

/**
 * The script's error as the host reports it: an Error of Node's realm, and a NotEmulatedError again
 * when that is what a service threw (services throw it as an Error of the script's realm).
 */
export function hostError(error: unknown): unknown {
  if (isError(error) && error.name === 'NotEmulatedError' && !(error instanceof NotEmulatedError)) {
    const out = new NotEmulatedError(error.message.replace(/^Not emulated: /, ''));
    if (error.stack) out.stack = error.stack;
    return out;
  }
  return errorInRealm(error, nodeRealm);
}

export function isError(value: unknown): value is Error {
  return Object.prototype.toString.call(value) === '[object Error]';
}
