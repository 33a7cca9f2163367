/**
 * What one emulated script project keeps between executions: its bundle and settings, its property
 * stores, caches, locks and installable triggers, and the emulator's clock. Globals never live here:
 * each execution starts from a fresh context.
 */
import { createHash } from 'node:crypto';
import { CacheStore } from '../services/cache';
import { LockManager } from '../services/lock';
import { MailStore } from '../services/mail';
import { PropertyStore } from '../services/properties';
import { TriggerStore } from '../services/script-app';
import type { Bundle } from './bundle';

export interface ScriptSettings {
  /** The project's title: an add-on menu appears under Extensions > this name. */
  scriptName: string;
  /** Session.getScriptTimeZone(): appsscript.json's timeZone unless the emulator is given one. */
  timeZone: string;
  locale: string;
}

/** Which store of a service: the script's, one user's, or one document's. */
export type Scope = { kind: 'script' } | { kind: 'user'; email: string } | { kind: 'document'; id: string };

function scopeKey(scope: Scope): string {
  if (scope.kind === 'script') return 'script';
  return scope.kind === 'user' ? `user:${scope.email}` : `document:${scope.id}`;
}

export class ScriptState implements ScriptSettings {
  readonly bundle: Bundle;
  readonly scriptName: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly triggers = new TriggerStore();
  readonly locks = new LockManager();
  readonly mail = new MailStore();
  /** The id of the document the script is bound to (the active workbook), or null when standalone. */
  documentId: string | null = null;
  /** ScriptApp.getService().getUrl(): the web app deployment's URL, or null when not deployed. */
  webAppUrl: string | null = null;
  readonly #properties = new Map<string, PropertyStore>();
  readonly #caches = new Map<string, CacheStore>();
  #executions = 0;
  #clockOffset = 0;

  constructor(bundle: Bundle, settings: ScriptSettings) {
    this.bundle = bundle;
    this.scriptName = settings.scriptName;
    this.timeZone = settings.timeZone;
    this.locale = settings.locale;
  }

  nextExecutionId(): number {
    this.#executions += 1;
    return this.#executions;
  }

  /** The emulator's clock (ms since the epoch): the real clock plus what tests advanced it by. */
  now(): number {
    return Date.now() + this.#clockOffset;
  }
  advanceClock(ms: number): void {
    this.#clockOffset += ms;
  }

  properties(scope: Scope): PropertyStore {
    const key = scopeKey(scope);
    let store = this.#properties.get(key);
    if (!store) {
      store = new PropertyStore();
      this.#properties.set(key, store);
    }
    return store;
  }

  cache(scope: Scope): CacheStore {
    const key = scopeKey(scope);
    let store = this.#caches.get(key);
    if (!store) {
      store = new CacheStore(() => this.now());
      this.#caches.set(key, store);
    }
    return store;
  }

  /** The lock key of a scope: one script lock, one per user, one per document. */
  lockKey(scope: Scope): string {
    return scopeKey(scope);
  }

  /** Session.getTemporaryActiveUserKey(): stable per user and project, and never the email itself. */
  temporaryUserKey(email: string): string {
    return createHash('sha256').update(`${this.scriptName}\u0000${email}`).digest('base64url').slice(0, 43);
  }
}
