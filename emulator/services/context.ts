/**
 * What the runtime gives each service: the contract's ExecutionContext plus the shared state of the
 * emulated script project and a few runtime hooks. Services never touch vm or worker_threads; the
 * runtime decides how a value reaches the script and how a wait happens.
 */
import type { ExecutionContext } from '../contract';
import type { Realm } from '../runtime/realm';
import type { ScriptState } from '../runtime/state';
import type { UiAnswer, UiRecord } from './ui';

export type LogLevel = 'log' | 'info' | 'warn' | 'error';
export interface LogEntry {
  /** 'Logger' for Logger.log, otherwise the console method. */
  source: 'Logger' | 'console';
  level: LogLevel;
  message: string;
}

export interface ServiceContext extends ExecutionContext {
  readonly realm: Realm;
  readonly state: ScriptState;
  /** Unique per execution: locks are held by executions. */
  readonly executionId: number;
  /** The owner of an installable trigger or the script (getEffectiveUser). */
  readonly effectiveUserEmail: string;
  readonly ui: UiRecord;
  readonly logs: LogEntry[];
  /** The answers the test scripted for alert() and prompt(), consumed in order. */
  readonly answers: UiAnswer[];
  /** Copies plain data into the script's realm (identity in a worker's host, where the RPC does it). */
  toScript<T>(value: T): T;
  /** An Error of the script's realm, so `e instanceof Error` holds in the script. */
  error(message: string): Error;
  /** Fails the call when the execution's AuthMode does not allow `name`, as Apps Script does. */
  requireAuth(name: string, minimum: 'LIMITED' | 'FULL'): void;
  /** Evaluates template code in the script's context (scriptlets see its globals), then `then(html)`. */
  runInScript(code: string, variables: Record<string, unknown>, then: (output: string) => unknown): unknown;
  /** Continues with `then` once `value` settles: in a worker the execution blocks until then. */
  whenSettled<T>(value: T | Promise<T>, then: (settled: T) => unknown): unknown;
  /** True when the execution runs in a worker and may block while the main thread serves others. */
  readonly canBlock: boolean;
  /** Real ms for modelled ms under the emulator's latency model (identity without one). */
  realMs(modelledMs: number): number;
  /** Modelled ms this execution has waited for locks. */
  lockWaitMs: number;
}
