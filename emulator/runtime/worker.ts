/**
 * A worker thread's side of a concurrent execution. It holds its own vm context and loads the bundle
 * into it; every service object is a Proxy whose member reads and calls are synchronous RPCs to the
 * main thread (postMessage, then Atomics.wait until the main thread answers, then
 * receiveMessageOnPort), where the one workbook, the property stores and the locks live.
 *
 * This file is bundled by esbuild and run with `new Worker(code, { eval: true })`.
 */
import vm from 'node:vm';
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { templateRuntime } from '../services/html-template';
import { Bundle, type BundleSource } from './bundle';
import { isDate, isPlainObject, type Realm } from './realm';
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

interface WorkerData {
  bundle: BundleSource;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

const { bundle: bundleSource, port, signal } = workerData as WorkerData;
const flag = new Int32Array(signal);
const bundle = new Bundle(bundleSource);
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

let context: vm.Context;
let realm: Realm;

/** Sends one request and blocks this thread until the main thread has answered it. */
function rpc(request: Request): unknown {
  Atomics.store(flag, 0, 0);
  port.postMessage(request);
  for (;;) {
    Atomics.wait(flag, 0, 0);
    Atomics.store(flag, 0, 0);
    const received = receiveMessageOnPort(port);
    if (received) return settle(received.message as Response);
  }
}

function settle(response: Response): unknown {
  switch (response.kind) {
    case 'value':
      return decode(response.value);
    case 'method':
      return METHOD;
    case 'error':
      throw errorOf(response.error);
    case 'script': {
      // A template: its scriptlets run here, in the script's context; the main thread continues after.
      let output: string;
      try {
        const render = vm.runInContext(response.code, context, { filename: 'template' }) as (
          h: unknown,
        ) => string;
        output = render(templateRuntime(decode(response.variables) as Record<string, unknown>));
      } catch (error) {
        return rpc({ op: 'resumeError', token: response.token, error: toWireError(error) });
      }
      return rpc({ op: 'resume', token: response.token, value: output });
    }
  }
}

const METHOD = Symbol('method');

function errorOf(wire: WireError): Error {
  const error = new realm.Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}

// ---- handles: main-thread objects seen from the script --------------------------------------------

const proxies = new Map<number, object>();
const handleOf = new WeakMap<object, number>();
/** shape -> members known to be methods. */
const methodsOf = new Map<number, Set<string>>();
/** Members that tools probe and that are never service members. */
const LOCAL = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor']);

function proxyFor(ref: HandleRef): object {
  const id = ref[HANDLE];
  const existing = proxies.get(id);
  if (existing) return existing;
  const methods = methodsOf.get(ref.shape) ?? new Set<string>();
  if (ref.shape) methodsOf.set(ref.shape, methods);
  const bound = new Map<string, unknown>();
  const method = (prop: string) => {
    let fn = bound.get(prop);
    if (!fn) {
      fn = (...args: unknown[]) => rpc({ op: 'call', handle: id, prop, args: args.map(encode) });
      bound.set(prop, fn);
    }
    return fn;
  };
  const target = ref.callable ? () => undefined : {};
  const proxy = new Proxy(target, {
    get(_target, prop) {
      if (typeof prop === 'symbol' || LOCAL.has(prop)) return undefined;
      if (methods.has(prop)) return method(prop);
      const value = rpc({ op: 'get', handle: id, prop });
      if (value !== METHOD) return value;
      if (ref.shape) methods.add(prop);
      return method(prop);
    },
    set(_target, prop, value) {
      if (typeof prop === 'symbol') return false;
      rpc({ op: 'set', handle: id, prop, value: encode(value) });
      return true;
    },
    apply(_target, _this, args) {
      return rpc({ op: 'call', handle: id, prop: null, args: args.map(encode) });
    },
  });
  proxies.set(id, proxy);
  handleOf.set(proxy, id);
  return proxy;
}

/** Script value -> message. */
function encode(value: unknown): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  const id = handleOf.get(value as object);
  if (id !== undefined) return { [HANDLE]: id, shape: 0, callable: false } satisfies HandleRef;
  if (typeof value === 'function')
    throw new realm.Error('A function cannot be passed to an Apps Script service in a concurrent execution.');
  if (Array.isArray(value)) return value.map(encode);
  if (isDate(value)) return new Date(value.getTime());
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = encode((value as Record<string, unknown>)[key]);
  return out;
}

/** Message -> script value, in the script's realm. */
function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isHandleRef(value)) return proxyFor(value);
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = decode(value[i]);
    return out;
  }
  if (isDate(value)) return new realm.Date(value.getTime());
  if (isPlainObject(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const key of Object.keys(value)) out[key] = decode(value[key]);
    return out;
  }
  return value;
}

// ---- the execution -----------------------------------------------------------------------------------

function run(message: StartMessage): void {
  try {
    context = vm.createContext({});
    realm = vm.runInContext('({ Date, Array, Object, Error })', context) as Realm;
    for (const [name, value] of Object.entries(message.globals))
      (context as Record<string, unknown>)[name] = decode(value);
    bundle.load(context);
    const target = (context as Record<string, unknown>)[message.fn];
    if (typeof target !== 'function') throw new Error(`Script function not found: ${message.fn}`);
    const result = target.apply(undefined, decode(message.args) as unknown[]);
    post({ type: 'done', result: encode(result) });
  } catch (error) {
    post({ type: 'failed', error: toWireError(error) });
  }
}

parentPort?.on('message', (message: StartMessage) => {
  if (message.type === 'start') run(message);
});
post({ type: 'ready' });
