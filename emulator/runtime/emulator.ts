/**
 * The emulator's public face: load a bundle once, then run any of its globals as a chosen user, in a
 * chosen AuthMode, on the emulated workbook. Every run is a fresh execution (fresh globals, top-level
 * code runs again) and returns what a test needs: the result or error, the service calls it made,
 * the logs, and what it showed (menus, sidebars, dialogs, alerts).
 */
import { type AuthMode, type ExecutionContext, NotEmulatedError } from '../contract';
import type { LogEntry } from '../services/context';
import type { MailRecord } from '../services/mail';
import type { TriggerRecord } from '../services/script-app';
import type { UiAnswer, UiRecord } from '../services/ui';
import { createSpreadsheetApp, type Workbook, WorkbookRegistry } from '../spreadsheet';
import { Bundle, type BundleSource } from './bundle';
import { type ConcurrencyOptions, runInWorkers } from './concurrent';
import { buildEvent, type EventDetails, eventOfFunction, type TriggerEvent } from './events';
import { Execution, type SpreadsheetAppFactory } from './execution';
import { type LatencyModel, latencyModel } from './latency';
import { hostError, nodeRealm, toRealm } from './realm';
import { type Scope, ScriptState } from './state';

export interface EmulatorOptions extends BundleSource {
  /** The project's title: Extensions > this name holds the add-on menu. Default 'Untitled project'. */
  scriptName?: string;
  /** The script's time zone; default appsscript.json's timeZone, else 'Etc/GMT'. */
  timeZone?: string;
  /** Session.getActiveUserLocale(). Default 'en'. */
  locale?: string;
  /** The user of runs that name none. Default 'user@example.com'. */
  user?: string;
  /** Print each run's logs (Logger and console) to the terminal as well. Default false. */
  printLogs?: boolean;
  /**
   * An execution still running after this long is stopped with Apps Script's "Exceeded maximum
   * execution time". Default 6 minutes, Apps Script's limit; a test may set less.
   */
  timeoutMs?: number;
  /** The document the script is bound to: the active spreadsheet (document properties, cache and lock are its). */
  workbook?: Workbook | null;
  /** Other spreadsheets SpreadsheetApp.openById can open. */
  workbooks?: Workbook[];
  /**
   * 'exclusive' (default): LockService excludes as Apps Script does. 'no-op': every tryLock/waitLock
   * succeeds at once and excludes nothing, as if the script took no lock; for a test that shows what
   * a script's lock protects, with the same bundle.
   */
  locks?: 'exclusive' | 'no-op';
  /**
   * The latency model (emulator/runtime/latency.ts), off by default: service calls, cells and
   * flushes take modelled time, waited for in concurrent runs. Figures left out take the defaults.
   */
  latency?: Partial<LatencyModel>;
  /** The URL ScriptApp.getService().getUrl() returns, as if the project were deployed as a web app. Default null (not deployed). */
  webAppUrl?: string | null;
}

/** A test's view of one property store: read what the script stored, or seed it. */
export interface PropertyStoreView {
  getAll(): Record<string, string>;
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface RunOptions {
  /** The signed-in user's email; '' for a user whose email Apps Script does not reveal. */
  user?: string;
  /** Default 'FULL', as for a menu item or google.script.run call by an authorized user. */
  authMode?: AuthMode;
  /** Session.getEffectiveUser(); defaults to the user. */
  effectiveUser?: string;
  /** Answers to Ui.alert / Ui.prompt, in the order the script shows them. */
  answers?: UiAnswer[];
}

export interface TriggerRunOptions extends RunOptions, EventDetails {
  /** The event a handler not named onOpen/onEdit/onInstall/onSelectionChange handles. */
  event?: TriggerEvent;
}

/** One execution of emu.runConcurrently. */
export interface ConcurrentRun extends RunOptions {
  fn: string;
  args?: unknown[];
  /** Start this long (modelled ms, scaled by the latency model's clock) after the first runs start. */
  startAfterMs?: number;
}

export interface RunResult<T = unknown> {
  fn: string;
  user: string;
  authMode: AuthMode;
  /** The function's return value, copied into Node's realm. */
  result: T | undefined;
  /** What the script threw (while loading or running), as an Error of Node's realm; undefined if none. */
  error: Error | undefined;
  /** Service calls by Apps Script name, e.g. calls['Range.getValues']. */
  calls: Record<string, number>;
  /** How many of `calls` went to the Spreadsheet service (SpreadsheetApp and the objects it returns). */
  spreadsheetCalls: number;
  /** Cells the Spreadsheet calls read and wrote, as Apps Script moves them (emulator/spreadsheet/cells.ts). */
  cellsRead: number;
  cellsWritten: number;
  /** The same by Apps Script method, e.g. cells['Range.getValues'].read; methods that moved none are absent. */
  cells: Record<string, { read: number; written: number }>;
  /** Modelled Apps Script time of the run under the latency model (0 without one), lock waits excluded. */
  modelledMs: number;
  /** Modelled ms the run waited for a lock (concurrent runs only: an inline run never queues). */
  lockWaitMs: number;
  logs: LogEntry[];
  ui: UiRecord;
}

const AUTH_MODES: AuthMode[] = ['NONE', 'LIMITED', 'FULL', 'CUSTOM_FUNCTION'];

export class Emulator {
  readonly #state: ScriptState;
  readonly #options: EmulatorOptions;
  readonly #spreadsheetApp: SpreadsheetAppFactory;
  readonly #latency: LatencyModel | undefined;
  /** Every spreadsheet the emulator knows: the active one, others given, and copies scripts made. */
  readonly registry: WorkbookRegistry;

  constructor(options: EmulatorOptions) {
    const bundle = new Bundle(options);
    this.#options = options;
    this.#latency = latencyModel(options.latency);
    this.#state = new ScriptState(bundle, {
      scriptName: options.scriptName ?? 'Untitled project',
      timeZone: options.timeZone ?? bundle.manifest().timeZone ?? 'Etc/GMT',
      locale: options.locale ?? 'en',
    });
    this.#state.documentId = options.workbook?.id ?? null;
    this.#state.locks.exclusive = options.locks !== 'no-op';
    this.#state.webAppUrl = options.webAppUrl ?? null;
    const registry = new WorkbookRegistry();
    for (const wb of options.workbooks ?? []) registry.add(wb);
    this.registry = registry;
    const active = options.workbook ?? null;
    this.#spreadsheetApp = (ctx: ExecutionContext) => createSpreadsheetApp(ctx, active, registry);
  }

  /**
   * A property store as PropertiesService keeps it: 'script', 'user' (of `user`, default the
   * emulator's user) or 'document' (of the active workbook).
   */
  properties(kind: 'document' | 'script' | 'user', user?: string): PropertyStoreView {
    const store = this.#state.properties(this.#scope(kind, user));
    return {
      getAll: () => store.getAll(),
      get: (key) => store.get(key),
      set: (key, value) => store.apply(new Map([[key, String(value)]])),
      delete: (key) => store.apply(new Map([[key, null]])),
    };
  }

  #scope(kind: 'document' | 'script' | 'user', user?: string): Scope {
    if (kind === 'script') return { kind };
    if (kind === 'user') return { kind, email: user ?? this.#options.user ?? 'user@example.com' };
    const id = this.#state.documentId;
    if (id === null) throw new Error('There is no document store: give the emulator a workbook.');
    return { kind, id };
  }

  /** Moves the emulator's clock (cache expiry, clock events) forward by `ms`. */
  advanceClock(ms: number): void {
    this.#state.advanceClock(ms);
  }

  get #timeoutMs(): number {
    return this.#options.timeoutMs ?? 360_000;
  }

  get timeZone(): string {
    return this.#state.timeZone;
  }

  /** Runs global `fn` with `args` in a fresh execution; never throws for the script's own errors. */
  run<T = unknown>(fn: string, args: unknown[] = [], options: RunOptions = {}): RunResult<T> {
    return this.#run<T>(fn, options, () => args);
  }

  /**
   * Runs `fn` as a trigger with the event object Apps Script would pass: onOpen, onInstall, onEdit and
   * onSelectionChange by their names, any other handler with `event` ('open', 'edit', 'clock'...).
   * AuthMode defaults to FULL for onInstall, clock and installable triggers, LIMITED for simple triggers.
   */
  runTrigger<T = unknown>(fn: string, options: TriggerRunOptions = {}): RunResult<T> {
    const kind = options.event ?? eventOfFunction(fn);
    if (!kind)
      throw new Error(
        `${fn} is not a simple trigger: say which event it handles with event: 'open' | 'edit' | 'clock'...`,
      );
    const simple = eventOfFunction(fn) !== undefined && kind !== 'install' && !options.triggerUid;
    const authMode = options.authMode ?? (simple ? 'LIMITED' : 'FULL');
    return this.#run<T>(fn, { ...options, authMode }, (execution) => [buildEvent(execution, kind, options)]);
  }

  /**
   * Fires an installable trigger the script created (an id from emu.triggers): its handler runs as
   * the trigger's owner in AuthMode.FULL, with the event of its type (clock, open, edit, change).
   */
  fireTrigger<T = unknown>(
    id: string,
    details: EventDetails & Pick<RunOptions, 'answers'> = {},
  ): RunResult<T> {
    const trigger = this.#state.triggers.get(id);
    if (!trigger) throw new Error(`No trigger has id ${id}: emu.triggers lists the project's triggers.`);
    const kinds: Partial<Record<TriggerRecord['eventType'], TriggerEvent>> = {
      CLOCK: 'clock',
      ON_OPEN: 'open',
      ON_EDIT: 'edit',
      ON_CHANGE: 'change',
    };
    const kind = kinds[trigger.eventType];
    if (!kind) throw new NotEmulatedError(`${trigger.eventType} trigger events`);
    return this.#run<T>(
      trigger.handlerFunction,
      { user: trigger.owner, effectiveUser: trigger.owner, authMode: 'FULL', answers: details.answers },
      (execution) => [buildEvent(execution, kind, { ...details, triggerUid: id })],
    );
  }

  #run<T>(fn: string, options: RunOptions, args: (execution: Execution) => unknown[]): RunResult<T> {
    const execution = this.#execution(options);
    let result: unknown;
    let error: unknown;
    try {
      result = execution.invoke(fn, () => args(execution), this.#timeoutMs);
    } catch (thrown) {
      error = thrown;
    } finally {
      // Apps Script releases an execution's locks when it ends.
      this.#state.locks.releaseAll(execution.executionId);
    }
    return this.#finish<T>(fn, execution, result, error);
  }

  /**
   * Runs several executions at the same time, each in its own worker thread, against this emulator's
   * workbook, stores and locks; resolves with their results in the order given. The executions
   * start together once every worker has loaded the bundle, so they truly overlap.
   */
  async runConcurrently(runs: ConcurrentRun[], options: ConcurrencyOptions = {}): Promise<RunResult[]> {
    const executions = runs.map((run) => this.#execution(run, 'worker-host'));
    const outcomes = await runInWorkers(
      this.#state,
      runs.map((run, i) => ({
        execution: executions[i] as Execution,
        fn: run.fn,
        args: run.args ?? [],
        startAfterMs: run.startAfterMs,
      })),
      { timeoutMs: this.#timeoutMs, ...options },
    );
    return outcomes.map((outcome, i) =>
      this.#finish(runs[i]?.fn ?? '', executions[i] as Execution, outcome.result, outcome.error),
    );
  }

  /** The project's installable triggers, as ScriptApp created them. */
  get triggers(): TriggerRecord[] {
    return this.#state.triggers.all();
  }

  /** The mail scripts sent with MailApp, oldest first (recorded, never sent). */
  get mail(): MailRecord[] {
    return this.#state.mail.all();
  }

  /** Sets what MailApp.getRemainingDailyQuota() answers: recipients the scripts may still mail today. */
  setMailQuota(remaining: number): void {
    this.#state.mail.remaining = remaining;
  }

  /** Like run(), but returns the result and rethrows the script's error. */
  call<T = unknown>(fn: string, args: unknown[] = [], options: RunOptions = {}): T {
    const run = this.run<T>(fn, args, options);
    if (run.error) throw run.error;
    return run.result as T;
  }

  #execution(options: RunOptions, mode: 'inline' | 'worker-host' = 'inline'): Execution {
    const authMode = options.authMode ?? 'FULL';
    if (!AUTH_MODES.includes(authMode))
      throw new Error(`Unknown AuthMode ${authMode}: use one of ${AUTH_MODES.join(', ')}.`);
    return new Execution(
      this.#state,
      {
        user: options.user ?? this.#options.user ?? 'user@example.com',
        authMode,
        effectiveUser: options.effectiveUser,
        answers: options.answers,
        latency: this.#latency,
      },
      this.#spreadsheetApp,
      mode,
    );
  }

  #finish<T>(fn: string, execution: Execution, result: unknown, error: unknown): RunResult<T> {
    if (this.#options.printLogs) {
      for (const entry of execution.logs) console.log(`[${fn}] ${entry.level}: ${entry.message}`);
    }
    return {
      fn,
      user: execution.userEmail,
      authMode: execution.authMode,
      result: toRealm(result, nodeRealm) as T,
      error: error === undefined ? undefined : asError(hostError(error)),
      calls: { ...execution.calls },
      spreadsheetCalls: execution.spreadsheetCalls,
      cellsRead: execution.cellsRead,
      cellsWritten: execution.cellsWritten,
      cells: Object.fromEntries(Object.entries(execution.cells).map(([k, v]) => [k, { ...v }])),
      modelledMs: Math.round(execution.modelledMs * 1000) / 1000,
      lockWaitMs: Math.round(execution.lockWaitMs * 1000) / 1000,
      logs: execution.logs,
      ui: execution.ui,
    };
  }
}

function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  // A script may throw a string or any value; Apps Script reports it as the error's message.
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}
