/**
 * CacheService: document, script and user caches of strings with expiry, on the emulator's clock
 * (emu.advanceClock(ms) lets a test see an entry expire). Limits as documented for Cache: keys up to
 * 250 characters, values up to 100 KB, expiry from 1 second to 6 hours (default 10 minutes), and at
 * most 1000 entries per putAll.
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_SECONDS = 600;
export const MAX_EXPIRATION_SECONDS = 21_600;
export const MAX_PUT_ALL = 1000;

export class CacheStore {
  readonly #entries = new Map<string, { value: string; expires: number }>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }
  get(key: string): string | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value;
  }
  put(key: string, value: string, seconds: number): void {
    this.#entries.set(key, { value, expires: this.#now() + seconds * 1000 });
  }
  remove(key: string): void {
    this.#entries.delete(key);
  }
}

class CacheImpl {
  readonly #ctx: ServiceContext;
  readonly #store: CacheStore;
  constructor(ctx: ServiceContext, store: CacheStore) {
    this.#ctx = ctx;
    this.#store = store;
  }
  get(key: string): string | null {
    return this.#store.get(this.#key(key));
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of this.#keys(keys)) {
      const value = this.#store.get(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  /** Returns null, as Apps Script's put does (its reference says void; a script that logs it sees null). */
  put(key: string, value: unknown, expirationInSeconds?: number): null {
    const entry = this.#entry(key, value);
    this.#store.put(entry[0], entry[1], this.#expiration(expirationInSeconds));
    return null;
  }
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    if (values === null || typeof values !== 'object') throw this.#ctx.error('Invalid argument: values');
    const keys = Object.keys(values);
    if (keys.length > MAX_PUT_ALL)
      throw this.#ctx.error(`Argument too large: putAll takes at most ${MAX_PUT_ALL} values.`);
    const seconds = this.#expiration(expirationInSeconds);
    // Check every entry before writing any: a bad value changes nothing.
    const entries = keys.map((key) => this.#entry(key, values[key]));
    for (const [key, value] of entries) this.#store.put(key, value, seconds);
  }
  remove(key: string): null {
    this.#store.remove(this.#key(key));
    return null;
  }
  removeAll(keys: string[]): void {
    for (const key of this.#keys(keys)) this.#store.remove(key);
  }
  #key(key: unknown): string {
    if (key === undefined || key === null || key === '') throw this.#ctx.error('Invalid argument: key');
    const text = String(key);
    if (text.length > MAX_KEY_LENGTH) throw this.#ctx.error('Argument too large: key');
    return text;
  }
  #keys(keys: unknown): string[] {
    if (!Array.isArray(keys)) throw this.#ctx.error('Invalid argument: keys');
    return keys.map((key) => this.#key(key));
  }
  #entry(key: unknown, value: unknown): [string, string] {
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) throw this.#ctx.error('Argument too large: value');
    return [this.#key(key), text];
  }
  #expiration(seconds: unknown): number {
    if (seconds === undefined) return DEFAULT_EXPIRATION_SECONDS;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1)
      throw this.#ctx.error('Invalid argument: expirationInSeconds');
    // Apps Script quietly keeps an entry at most 6 hours, whatever is asked.
    return Math.min(seconds, MAX_EXPIRATION_SECONDS);
  }
}

class CacheServiceImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  /** Null when the script is not bound to a document. */
  getDocumentCache(): unknown {
    const id = this.#ctx.state.documentId;
    return id === null ? null : this.#cache(this.#ctx.state.cache({ kind: 'document', id }));
  }
  getScriptCache(): unknown {
    return this.#cache(this.#ctx.state.cache({ kind: 'script' }));
  }
  getUserCache(): unknown {
    return this.#cache(this.#ctx.state.cache({ kind: 'user', email: this.#ctx.effectiveUserEmail }));
  }
  #cache(store: CacheStore): unknown {
    return hostObject(this.#ctx, 'Cache', new CacheImpl(this.#ctx, store));
  }
}

export function createCacheService(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'CacheService', new CacheServiceImpl(ctx));
}
