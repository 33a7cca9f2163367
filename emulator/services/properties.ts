/**
 * PropertiesService: document, script and user stores of string values, kept by the emulator across
 * executions, with Apps Script's limits (Quotas for Google Services: 9 KB per value, 500 KB per store).
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** One store's data. Keys and values are strings; its size counts the UTF-8 bytes of both. */
export class PropertyStore {
  readonly #values = new Map<string, string>();
  getAll(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
  get(key: string): string | null {
    return this.#values.get(key) ?? null;
  }
  keys(): string[] {
    return [...this.#values.keys()];
  }
  /** The size the store would have after `changes` (null deletes), without applying them. */
  sizeAfter(changes: Map<string, string | null>, clear = false): number {
    let size = 0;
    for (const [key, value] of this.#values)
      if (!clear && !changes.has(key)) size += bytes(key) + bytes(value);
    for (const [key, value] of changes) if (value !== null) size += bytes(key) + bytes(value);
    return size;
  }
  apply(changes: Map<string, string | null>, clear = false): void {
    if (clear) this.#values.clear();
    for (const [key, value] of changes) {
      if (value === null) this.#values.delete(key);
      else this.#values.set(key, value);
    }
  }
}

class PropertiesImpl {
  readonly #ctx: ServiceContext;
  readonly #store: PropertyStore;
  constructor(ctx: ServiceContext, store: PropertyStore) {
    this.#ctx = ctx;
    this.#store = store;
  }
  getProperty(key: string): string | null {
    return this.#store.get(String(key));
  }
  getProperties(): Record<string, string> {
    return this.#store.getAll();
  }
  getKeys(): string[] {
    return this.#store.keys();
  }
  setProperty(key: string, value: unknown): this {
    this.#write(new Map([[this.#key(key), String(value)]]));
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    if (properties === null || typeof properties !== 'object')
      throw this.#ctx.error('Invalid argument: properties');
    const changes = new Map<string, string | null>();
    for (const key of Object.keys(properties)) changes.set(this.#key(key), String(properties[key]));
    this.#write(changes, Boolean(deleteAllOthers));
    return this;
  }
  deleteProperty(key: string): this {
    this.#store.apply(new Map([[String(key), null]]));
    return this;
  }
  deleteAllProperties(): this {
    this.#store.apply(new Map(), true);
    return this;
  }
  #key(key: unknown): string {
    if (key === undefined || key === null || key === '') throw this.#ctx.error('Invalid argument: key');
    return String(key);
  }
  /** All or nothing: a write that breaks a limit changes nothing. */
  #write(changes: Map<string, string | null>, clear = false): void {
    for (const value of changes.values()) {
      if (value !== null && bytes(value) > MAX_VALUE_BYTES) throw this.#ctx.error(VALUE_TOO_LARGE);
    }
    if (this.#store.sizeAfter(changes, clear) > MAX_STORE_BYTES) throw this.#ctx.error(STORE_FULL);
    this.#store.apply(changes, clear);
  }
}

class PropertiesServiceImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  /** Null when the script is not bound to a document, as for a standalone script. */
  getDocumentProperties(): unknown {
    this.#ctx.requireAuth('PropertiesService.getDocumentProperties', 'LIMITED');
    const id = this.#ctx.state.documentId;
    return id === null ? null : this.#properties(this.#ctx.state.properties({ kind: 'document', id }));
  }
  getScriptProperties(): unknown {
    this.#ctx.requireAuth('PropertiesService.getScriptProperties', 'LIMITED');
    return this.#properties(this.#ctx.state.properties({ kind: 'script' }));
  }
  getUserProperties(): unknown {
    this.#ctx.requireAuth('PropertiesService.getUserProperties', 'LIMITED');
    return this.#properties(
      this.#ctx.state.properties({ kind: 'user', email: this.#ctx.effectiveUserEmail }),
    );
  }
  #properties(store: PropertyStore): unknown {
    return hostObject(this.#ctx, 'Properties', new PropertiesImpl(this.#ctx, store));
  }
}

export function createPropertiesService(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'PropertiesService', new PropertiesServiceImpl(ctx));
}
