/**
 * The main thread's side of concurrent executions: one worker thread per execution, each with its own
 * vm context and copy of the bundle, and every service call a synchronous RPC answered here, where
 * the one workbook, the property stores and the locks live. Because the main thread answers calls
 * asynchronously, one execution can block in waitLock (its worker waits) while others go on.
 */
import { join } from 'node:path';
import { types } from 'node:util';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { NotEmulatedError } from '../contract';
import type { Execution } from './execution';
import { isDate, isPlainObject } from './realm';
import type { ScriptState } from './state';
import { Deferred, ScriptCall } from './suspension';
import {
  HANDLE,
  type HandleRef,
  isHandleRef,
  type Request,
  type Response,
  type StartMessage,
  toWireError,
  type WireError,
  type WorkerMessage,
} from './wire';

let workerCode: string | undefined;

/** worker.ts bundled once per process, so the worker runs the same TypeScript as this thread. */
function compiledWorker(): string {
  workerCode ??= (() => {
    const out = buildSync({
      entryPoints: [join(__dirname, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const [file] = out.outputFiles;
    if (!file) throw new Error('esbuild produced no code for the emulator worker.');
    return file.text;
  })();
  return workerCode;
}

/** Prototype -> shape id: objects of one class share their method names. */
const shapes = new WeakMap<object, number>();
let nextShape = 0;
function shapeOf(value: object): number {
  const proto = Object.getPrototypeOf(value);
  // Plain objects and functions share Object/Function.prototype with everything: no shared shape.
  if (proto === null || proto === Object.prototype || proto === Function.prototype) return 0;
  let shape = shapes.get(proto);
  if (!shape) {
    nextShape += 1;
    shape = nextShape;
    shapes.set(proto, shape);
  }
  return shape;
}

/** The main-thread objects one execution's worker refers to, by handle. */
class HandleTable {
  readonly #ids = new Map<object, number>();
  readonly #objects = new Map<number, object>();

  object(id: number): object {
    const value = this.#objects.get(id);
    if (!value) throw new Error(`Unknown handle ${id}`);
    return value;
  }

  encode(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return typeof value === 'symbol' ? String(value) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.encode(v));
    if (isDate(value)) return value;
    // Plain data is copied; an object with methods (a service written as an object literal) stays here.
    if (
      isPlainObject(value) &&
      !types.isProxy(value) &&
      !Object.values(value).some((v) => typeof v === 'function')
    ) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) out[key] = this.encode(value[key]);
      return out;
    }
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#ids.size + 1;
      this.#ids.set(value, id);
      this.#objects.set(id, value);
    }
    return { [HANDLE]: id, shape: shapeOf(value), callable: typeof value === 'function' } satisfies HandleRef;
  }

  decode(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (isHandleRef(value)) return this.object(value[HANDLE]);
    if (Array.isArray(value)) return value.map((v) => this.decode(v));
    if (isDate(value)) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = this.decode((value as Record<string, unknown>)[key]);
    return out;
  }
}

export interface WorkerRun {
  execution: Execution;
  fn: string;
  args: unknown[];
  /** Modelled ms after the others start before this one does (a teacher pressing a little later). */
  startAfterMs?: number;
}

export interface WorkerOutcome {
  result: unknown;
  error: unknown;
}

export interface ConcurrencyOptions {
  /** An execution still running after this long is stopped (Apps Script's limit is 6 minutes). */
  timeoutMs?: number;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The error a worker reported, rebuilt on this thread (NotEmulatedError stays one). */
function errorFrom(wire: WireError): Error {
  const error =
    wire.name === 'NotEmulatedError'
      ? new NotEmulatedError(wire.message.replace(/^Not emulated: /, ''))
      : new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}

/**
 * Starts every execution in its own worker, lets them all load the bundle, then starts their
 * functions together (so they truly overlap) and resolves when all have ended.
 */
export async function runInWorkers(
  state: ScriptState,
  runs: WorkerRun[],
  options: ConcurrencyOptions = {},
): Promise<WorkerOutcome[]> {
  const code = compiledWorker();
  const timeoutMs = options.timeoutMs ?? 360_000;
  const started = runs.map((run) => startWorker(state, code, run, timeoutMs));
  await Promise.all(started.map((s) => s.ready));
  runs.forEach((run, i) => {
    const begin = (started[i] as (typeof started)[number]).start;
    const after = run.execution.realMs(run.startAfterMs ?? 0);
    if (after > 0) setTimeout(begin, after);
    else begin();
  });
  return Promise.all(started.map((s) => s.outcome));
}

/** A worker's state of play: `ready` once it has loaded the bundle, `outcome` once it has ended. */
interface StartedWorker {
  ready: Promise<void>;
  outcome: Promise<WorkerOutcome>;
  /** Starts the execution's function (and its time limit). */
  start: () => void;
}

function startWorker(state: ScriptState, code: string, run: WorkerRun, timeoutMs: number): StartedWorker {
  const table = new HandleTable();
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(code, {
    eval: true,
    workerData: { bundle: state.bundle.source, port: port2, signal },
    transferList: [port2],
  });
  serveRequests(port1, flag, requestAnswerer(table, run));
  return superviseWorker({ state, run, worker, port: port1, table, timeoutMs });
}

/**
 * Under the latency model a call takes as long as it would in Apps Script (scaled): the emulator's
 * own work on it (recalculating formulas) is counted within that time, not on top, and what it
 * overran by is taken off the next calls' waits. Lock waits are the lock's, not the call's.
 */
function callPacer(run: WorkerRun) {
  let ahead = 0;
  return async (before: { modelled: number; waited: number }, spentMs: number): Promise<void> => {
    const { execution } = run;
    if (!execution.latency) return;
    const waited = execution.realMs(execution.lockWaitMs - before.waited);
    ahead += execution.realMs(execution.modelledMs - before.modelled) - (spentMs - waited);
    if (ahead <= 0) return;
    const ms = ahead;
    ahead = 0;
    await sleep(ms);
  };
}

/** Answers one worker's requests on the main-thread objects its handles name. */
function requestAnswerer(table: HandleTable, run: WorkerRun): (request: Request) => Promise<Response> {
  // A template's code runs in the worker; its continuation waits here under a token until it resumes.
  const continuations = new Map<number, (output: string) => unknown>();
  const pace = callPacer(run);
  let nextToken = 0;

  const settle = async (value: unknown): Promise<Response> => {
    let result = value;
    while (result instanceof Deferred) result = await result.promise;
    if (result instanceof ScriptCall) {
      nextToken += 1;
      continuations.set(nextToken, result.then);
      return {
        kind: 'script',
        token: nextToken,
        code: result.code,
        variables: table.encode(result.variables),
      };
    }
    return { kind: 'value', value: table.encode(result) };
  };

  const call = async (request: Extract<Request, { op: 'call' }>): Promise<Response> => {
    const target = table.object(request.handle) as Record<string, unknown>;
    const fn = request.prop === null ? target : target[request.prop];
    if (typeof fn !== 'function') throw new TypeError(`${request.prop} is not a function`);
    const args = request.args.map((a) => table.decode(a));
    const before = { modelled: run.execution.modelledMs, waited: run.execution.lockWaitMs };
    const start = performance.now();
    // Reflect.apply: a not-emulated member throws on any property read, including .apply.
    const response = await settle(Reflect.apply(fn as (...a: unknown[]) => unknown, target, args));
    await pace(before, performance.now() - start);
    return response;
  };

  return async (request: Request): Promise<Response> => {
    switch (request.op) {
      case 'get': {
        const member = Reflect.get(table.object(request.handle), request.prop);
        return typeof member === 'function'
          ? { kind: 'method' }
          : { kind: 'value', value: table.encode(member) };
      }
      case 'set':
        Reflect.set(table.object(request.handle), request.prop, table.decode(request.value));
        return { kind: 'value', value: undefined };
      case 'call':
        return call(request);
      case 'resume': {
        const then = continuations.get(request.token);
        continuations.delete(request.token);
        if (!then) throw new Error('Unknown template continuation');
        return settle(then(request.value));
      }
      case 'resumeError':
        continuations.delete(request.token);
        return { kind: 'error', error: request.error };
    }
  };
}

/** Posts each answer back and wakes the worker, which blocks on `flag` until the answer is there. */
function serveRequests(
  port: MessagePort,
  flag: Int32Array,
  answer: (request: Request) => Promise<Response>,
): void {
  port.on('message', (request: Request) => {
    answer(request)
      .catch((error: unknown): Response => ({ kind: 'error', error: toWireError(error) }))
      .then((response) => {
        port.postMessage(response);
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      });
  });
}

interface Supervised {
  state: ScriptState;
  run: WorkerRun;
  worker: Worker;
  port: MessagePort;
  table: HandleTable;
  timeoutMs: number;
}

/** Watches a worker until it ends (done, failed, exited or out of time) and then cleans up after it. */
function superviseWorker({ state, run, worker, port, table, timeoutMs }: Supervised): StartedWorker {
  let markReady: () => void = () => undefined;
  let start: () => void = () => undefined;
  let ended = false;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: WorkerOutcome) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      // Apps Script releases an execution's locks when it ends, however it ends.
      state.locks.releaseAll(run.execution.executionId);
      port.close();
      void worker.terminate();
      markReady();
      resolve(result);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') markReady();
      else if (message.type === 'done') finish({ result: table.decode(message.result), error: undefined });
      else finish({ result: undefined, error: errorFrom(message.error) });
    });
    worker.on('error', (error) => finish({ result: undefined, error }));
    worker.on('exit', (exitCode) =>
      finish({
        result: undefined,
        error: new Error(`The execution's worker stopped (exit code ${exitCode}).`),
      }),
    );
    start = () => {
      timer = setTimeout(
        () =>
          finish({
            result: undefined,
            error: new Error(`Exceeded maximum execution time (${timeoutMs} ms).`),
          }),
        timeoutMs,
      );
      worker.postMessage(startMessage(run, table));
    };
  });
  return { ready, outcome, start: () => start() };
}

/** What the worker needs to run the function: its name, its arguments and the global services. */
function startMessage(run: WorkerRun, table: HandleTable): StartMessage {
  return {
    type: 'start',
    fn: run.fn,
    args: table.encode(run.args),
    globals: table.encode(run.execution.globals) as Record<string, unknown>,
  };
}
