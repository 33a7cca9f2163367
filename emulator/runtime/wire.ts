/**
 * The messages between a worker's execution and the main thread. Plain data is structured-cloned;
 * every other object (a Range, the Ui, an enum value) stays on the main thread and crosses as a
 * handle the worker turns into a Proxy. Both sides import this module.
 */

/** Marks a handle in a cloned value: `{ [HANDLE]: id, shape, callable }`. */
export const HANDLE = '\u0000emulatorHandle';

export interface HandleRef {
  [HANDLE]: number;
  /** Objects of one class share a shape: the worker learns once which members are methods. */
  shape: number;
  callable: boolean;
}

export interface WireError {
  name: string;
  message: string;
  stack?: string;
}

export type Request =
  | { op: 'get'; handle: number; prop: string }
  | { op: 'set'; handle: number; prop: string; value: unknown }
  | { op: 'call'; handle: number; prop: string | null; args: unknown[] }
  | { op: 'resume'; token: number; value: string }
  | { op: 'resumeError'; token: number; error: WireError };

export type Response =
  | { kind: 'value'; value: unknown }
  | { kind: 'method' }
  | { kind: 'error'; error: WireError }
  /** Run template code in the worker's script context, then send `resume` with the output. */
  | { kind: 'script'; token: number; code: string; variables: unknown };

/** main -> worker on the worker's parentPort. */
export interface StartMessage {
  type: 'start';
  fn: string;
  args: unknown;
  /** Global name -> encoded service object. */
  globals: Record<string, unknown>;
}

/** worker -> main on parentPort. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: WireError };

export function isHandleRef(value: unknown): value is HandleRef {
  return typeof value === 'object' && value !== null && HANDLE in value;
}

export function toWireError(error: unknown): WireError {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as Error;
    return { name: String(e.name ?? 'Error'), message: String(e.message), stack: e.stack };
  }
  return { name: 'Error', message: typeof error === 'string' ? error : String(error) };
}
