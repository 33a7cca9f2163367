/**
 * One execution: one call of a global function by one user in one AuthMode, in a fresh context. It is
 * the ServiceContext every service of the execution shares: the call counter, the Ui record, the logs
 * and the script's realm.
 *
 * An execution runs either inline (in this thread: the script's vm context is here) or as the host
 * side of a worker's execution (the script runs in a worker thread; its service calls arrive here over
 * the RPC, so values stay in Node's realm and the worker converts them).
 */
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import type { AuthMode, ExecutionContext } from '../contract';
import type { LogEntry, ServiceContext } from '../services/context';
import { buildGlobals } from '../services/globals';
import { templateRuntime } from '../services/html-template';
import { createUi, emptyUiRecord, type UiAnswer, type UiRecord } from '../services/ui';
import { callMs, cellsMs, type LatencyModel } from './latency';
import { nodeRealm, type Realm, toRealm } from './realm';
import type { ScriptState } from './state';
import { Deferred, ScriptCall } from './suspension';

/** Builds the SpreadsheetApp global of an execution (emulator/spreadsheet's createSpreadsheetApp). */
export type SpreadsheetAppFactory = (ctx: ExecutionContext) => object;

export interface ExecutionOptions {
  /** The signed-in user's email; '' models a user whose email Apps Script does not reveal. */
  user: string;
  authMode: AuthMode;
  /** Session.getEffectiveUser(): defaults to the user. */
  effectiveUser?: string;
  /** Scripted answers to Ui.alert and Ui.prompt, in order. */
  answers?: UiAnswer[];
  /** The latency model, when the emulator has one (off by default). */
  latency?: LatencyModel;
}

/** Cells one method moved over the execution. */
export interface CellFigures {
  read: number;
  written: number;
}

const AUTH_RANK: Record<AuthMode, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 1, FULL: 2 };

export class Execution implements ServiceContext {
  readonly executionId: number;
  readonly authMode: AuthMode;
  readonly userEmail: string;
  readonly effectiveUserEmail: string;
  readonly calls: Record<string, number> = {};
  /** Calls counted through SpreadsheetApp's context: the Spreadsheet service's share of `calls`. */
  spreadsheetCalls = 0;
  /** Cells the Spreadsheet calls read and wrote (emulator/spreadsheet/cells.ts), in all and by method. */
  cellsRead = 0;
  cellsWritten = 0;
  readonly cells: Record<string, CellFigures> = {};
  readonly latency: LatencyModel | undefined;
  /** What the execution has cost so far under the latency model, in modelled ms (0 without one). */
  modelledMs = 0;
  /** Modelled ms the execution waited for locks (tryLock/waitLock that had to queue). */
  lockWaitMs = 0;
  readonly logs: LogEntry[] = [];
  readonly ui: UiRecord = emptyUiRecord();
  readonly answers: UiAnswer[];
  readonly globals: Record<string, unknown>;
  readonly canBlock: boolean;
  #realm: Realm = nodeRealm;
  #context: vm.Context | undefined;
  #uiObject: unknown;
  #counting = true;

  constructor(
    readonly state: ScriptState,
    options: ExecutionOptions,
    spreadsheetApp: SpreadsheetAppFactory,
    readonly mode: 'inline' | 'worker-host',
  ) {
    this.executionId = state.nextExecutionId();
    this.authMode = options.authMode;
    this.userEmail = options.user;
    this.effectiveUserEmail = options.effectiveUser ?? options.user;
    this.answers = [...(options.answers ?? [])];
    this.canBlock = mode === 'worker-host';
    this.latency = options.latency;
    const self = this;
    const sheetsContext: ExecutionContext = {
      count(name) {
        if (!self.#counting) return;
        self.count(name);
        self.spreadsheetCalls += 1;
      },
      countCells(name, read, written) {
        if (self.#counting) self.countCells(name, read, written);
      },
      get realm() {
        return self.realm;
      },
      authMode: this.authMode,
      userEmail: this.userEmail,
      getUi: () => this.getUi(),
      toast: (message, title) => this.toast(message, title),
    };
    this.globals = buildGlobals(this, spreadsheetApp(sheetsContext));
  }

  get realm(): Realm {
    return this.#realm;
  }

  count(name: string): void {
    if (!this.#counting) return;
    this.calls[name] = (this.calls[name] ?? 0) + 1;
    if (this.latency) this.modelledMs += callMs(this.latency, name);
  }

  countCells(name: string, read: number, written: number): void {
    this.cells[name] ??= { read: 0, written: 0 };
    const figures = this.cells[name];
    figures.read += read;
    figures.written += written;
    this.cellsRead += read;
    this.cellsWritten += written;
    if (this.latency) this.modelledMs += cellsMs(this.latency, read + written);
  }

  /** Real ms for `modelledMs` of modelled time (a lock timeout, a wait): scaled by the model's clock. */
  realMs(modelledMs: number): number {
    return modelledMs * (this.latency?.clockScale ?? 1);
  }

  /** Runs `action` without counting: the runtime's own calls (building an event) are not the script's. */
  uncounted<T>(action: () => T): T {
    const before = this.#counting;
    this.#counting = false;
    try {
      return action();
    } finally {
      this.#counting = before;
    }
  }

  toast(message: string, title: string): void {
    this.ui.toasts.push({ message, title });
  }

  getUi(): unknown {
    this.#uiObject ??= createUi(this);
    return this.#uiObject;
  }

  toScript<T>(value: T): T {
    return this.mode === 'inline' ? toRealm(value, this.#realm) : value;
  }

  /** Apps Script's service errors are Errors named 'Exception' ("Exception: Lock timeout: ..."). */
  error(message: string): Error {
    const error = new this.#realm.Error(message);
    error.name = 'Exception';
    return error;
  }

  requireAuth(name: string, minimum: 'LIMITED' | 'FULL'): void {
    if (AUTH_RANK[this.authMode] < AUTH_RANK[minimum])
      throw this.error(
        `You do not have permission to call ${name} (the execution runs in AuthMode.${this.authMode}).`,
      );
  }

  runInScript(code: string, variables: Record<string, unknown>, then: (output: string) => unknown): unknown {
    if (this.mode === 'worker-host') return new ScriptCall(code, variables, then);
    if (!this.#context) throw new Error('The execution has no script context yet.');
    const render = vm.runInContext(code, this.#context, { filename: 'template' }) as (
      helper: unknown,
    ) => string;
    return then(render(templateRuntime(this.toScript(variables))));
  }

  whenSettled<T>(value: T | Promise<T>, then: (settled: T) => unknown): unknown {
    if (value instanceof Promise) {
      if (this.mode === 'inline') throw new Error('An inline execution cannot wait for another execution.');
      return new Deferred(value.then(then));
    }
    return then(value);
  }

  /**
   * Inline only: loads the bundle into a fresh context and calls global `fn` with `args()`, stopping
   * it after `timeoutMs` as Apps Script stops a run that exceeds its time.
   */
  invoke(fn: string, args: () => unknown[], timeoutMs: number): unknown {
    const context = this.load() as Record<string, unknown>;
    const target = context[fn];
    if (typeof target !== 'function') throw new Error(`Script function not found: ${fn}`);
    // vm enforces a timeout only on code it runs itself, so the call is made from a line of vm code,
    // through a global whose name no script can guess, removed right after.
    const entry = `__emulatorEntry_${randomUUID().replace(/-/g, '')}`;
    context[entry] = () => target.apply(undefined, this.toScript(args()));
    try {
      return vm.runInContext(`${entry}()`, context, { timeout: timeoutMs, filename: 'emulator' });
    } catch (error) {
      if ((error as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        throw new Error(`Exceeded maximum execution time (${timeoutMs} ms).`);
      throw error;
    } finally {
      delete context[entry];
    }
  }

  /** Inline only: a fresh context holding this execution's globals, with the bundle loaded into it. */
  load(): vm.Context {
    const context = vm.createContext({});
    this.#realm = vm.runInContext('({ Date, Array, Object, Error })', context) as Realm;
    Object.assign(context, this.globals);
    this.#context = context;
    return this.state.bundle.load(context);
  }
}
