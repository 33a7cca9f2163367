/**
 * Every object a script receives from an emulated service is a Proxy made here. It counts each method
 * call as `Class.method` on the execution, hands results to the script's realm, and answers any
 * member it does not implement with NotEmulatedError: the emulator has no silent gaps.
 *
 * Implementations are classes whose public methods are exactly the Apps Script methods; their own
 * state lives in `#private` fields, which a Proxy cannot reach, so a script sees nothing else.
 */
import { NotEmulatedError } from '../contract';
import { errorInRealm } from '../runtime/realm';
import type { ServiceContext } from './context';
import { serviceMembers } from './declarations';

/** Members that tools (jest, util.inspect, JSON, Promise resolution) probe on any object. */
const PROBED = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'constructor',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '_isMockFunction',
  'inspect',
]);

/**
 * A stand-in for an unimplemented member: calling it, or reading any member of it, throws (an Error
 * of the script's realm when the execution is given, so `e instanceof Error` holds in the script).
 */
export function notEmulated(qualifiedName: string, ctx?: ServiceContext): unknown {
  const fail = (name: string) => {
    const error = new NotEmulatedError(name);
    return ctx ? errorInRealm(error, ctx.realm) : error;
  };
  const thrower = () => {
    throw fail(qualifiedName);
  };
  return new Proxy(thrower, {
    apply: thrower,
    construct: thrower,
    get(target, prop) {
      if (typeof prop === 'symbol' || PROBED.has(prop) || prop === 'name' || prop === 'length')
        return Reflect.get(target, prop);
      throw fail(`${qualifiedName}.${prop}`);
    },
  });
}

/** Maps each Proxy back to its implementation, for services that receive their own objects back. */
const targets = new WeakMap<object, object>();

/** The implementation behind a host-object Proxy (or the value itself when it is not one). */
export function implementationOf<T>(value: T): T {
  return (typeof value === 'object' && value !== null ? (targets.get(value) ?? value) : value) as T;
}

/**
 * Wraps `impl` as the Apps Script object `className`. A script may assign members only when the
 * implementation keeps variables under VARIABLES (HtmlTemplate: `template.view = 'log'`).
 */
export function hostObject<T extends object>(ctx: ServiceContext, className: string, impl: T): T {
  const methods = new Map<string, unknown>();
  const proxy = new Proxy(impl, {
    get(target, prop) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop);
      if (prop === 'constructor') return undefined;
      if (prop in target) {
        const member = Reflect.get(target, prop);
        if (typeof member !== 'function') return member;
        // Object.prototype's own members are not service methods: not counted, and an Apps Script
        // object prints as its class name.
        if (member === Reflect.get(Object.prototype, prop))
          return prop === 'toString' ? () => className : member;
        let wrapped = methods.get(prop);
        if (!wrapped) {
          const name = `${className}.${prop}`;
          wrapped = (...args: unknown[]) => {
            ctx.count(name);
            let result: unknown;
            try {
              result = member.apply(target, args);
            } catch (error) {
              throw errorInRealm(error, ctx.realm);
            }
            // Chaining methods return `this`: the script must get the Proxy back, not the implementation.
            return result === target ? proxy : ctx.toScript(result);
          };
          methods.set(prop, wrapped);
        }
        return wrapped;
      }
      const variables = variablesOf(target);
      if (variables && Object.hasOwn(variables, prop)) return variables[prop];
      if (PROBED.has(prop)) return undefined;
      // Apps Script has no such member: undefined, as there. A declared one the emulator lacks throws.
      const declared = serviceMembers(className);
      if (declared && !declared.has(prop)) return undefined;
      return notEmulated(`${className}.${prop}`, ctx);
    },
    set(target, prop, value) {
      const variables = variablesOf(target);
      if (typeof prop === 'string' && variables && !(prop in target)) {
        variables[prop] = value;
        return true;
      }
      throw new NotEmulatedError(`${className}.${String(prop)} (assignment)`);
    },
    has(target, prop) {
      return prop in target;
    },
  });
  targets.set(proxy, impl);
  return proxy;
}

/** Implementations that accept script-assigned variables expose them through this symbol. */
export const VARIABLES = Symbol('template variables');
function variablesOf(target: object): Record<string, unknown> | undefined {
  return (target as { [VARIABLES]?: Record<string, unknown> })[VARIABLES];
}

/** One Apps Script enum value, e.g. ScriptApp.AuthMode.FULL: prints and serialises as its name. */
export class EnumValue {
  readonly #name: string;
  readonly #ordinal: number;
  constructor(name: string, ordinal: number) {
    this.#name = name;
    this.#ordinal = ordinal;
    Object.freeze(this);
  }
  name(): string {
    return this.#name;
  }
  ordinal(): number {
    return this.#ordinal;
  }
  toString(): string {
    return this.#name;
  }
  toJSON(): string {
    return this.#name;
  }
}

/** An Apps Script enum: a frozen map of name to EnumValue, shared by every execution. */
export function enumOf<const K extends string>(...names: K[]): Readonly<Record<K, EnumValue>> {
  const out = {} as Record<K, EnumValue>;
  names.forEach((name, i) => {
    out[name] = new EnumValue(name, i);
  });
  return Object.freeze(out);
}

/** Reads an enum argument given as an EnumValue or as its name. */
export function enumName(value: unknown): string {
  if (value instanceof EnumValue) return value.name();
  return String(value);
}
