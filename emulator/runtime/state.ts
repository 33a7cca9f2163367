/**
 * What one emulated script project keeps between executions: its bundle, its settings, and (in later
 * services) its property stores, caches, locks and triggers. Globals never live here: each execution
 * starts from a fresh context.
 */
import { createHash } from 'node:crypto';
import { TriggerStore } from '../services/script-app';
import type { Bundle } from './bundle';

export interface ScriptSettings {
  /** The project's title: an add-on menu appears under Extensions > this name. */
  scriptName: string;
  /** Session.getScriptTimeZone(): appsscript.json's timeZone unless the emulator is given one. */
  timeZone: string;
  locale: string;
}

export class ScriptState implements ScriptSettings {
  readonly bundle: Bundle;
  readonly scriptName: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly triggers = new TriggerStore();
  #executions = 0;

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

  /** Session.getTemporaryActiveUserKey(): stable per user and project, and never the email itself. */
  temporaryUserKey(email: string): string {
    return createHash('sha256').update(`${this.scriptName}\u0000${email}`).digest('base64url').slice(0, 43);
  }
}
