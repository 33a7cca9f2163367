/**
 * LockService with real mutual exclusion. The LockManager lives with the emulator on the main thread;
 * executions in worker threads ask it for a lock over the RPC and stay blocked (as a real
 * execution does in waitLock) until it grants the lock or the timeout passes. Locks belong to the
 * execution and are released when it ends, as in Apps Script.
 *
 * An inline execution (emu.run) holds the main thread, so nothing else can release a lock while it
 * waits: if another execution holds the lock, its tryLock/waitLock time out at once.
 *
 * `exclusive = false` (Emulator option `locks: 'no-op'`) makes every lock a no-op: tryLock and
 * waitLock succeed at once and exclude nothing, as if the script took no lock at all. It exists to
 * show, with the same bundle, what a lock protects (a test runs once with locks and once without).
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

interface Waiter {
  executionId: number;
  token: object;
  grant(granted: boolean): void;
}

export class LockManager {
  readonly #owners = new Map<string, { executionId: number; tokens: Set<object> }>();
  readonly #queues = new Map<string, Waiter[]>();
  /** False: locks are no-ops (see above). Tokens "held" meanwhile, with their execution. */
  exclusive = true;
  readonly #noOp = new Map<object, number>();

  /** True or false now, or a promise of it when the caller can block and must wait. */
  acquire(
    key: string,
    executionId: number,
    token: object,
    timeoutMs: number,
    canBlock: boolean,
  ): boolean | Promise<boolean> {
    if (!this.exclusive) {
      this.#noOp.set(token, executionId);
      return true;
    }
    const owner = this.#owners.get(key);
    if (!owner) {
      this.#owners.set(key, { executionId, tokens: new Set([token]) });
      return true;
    }
    // Locks belong to executions: a second Lock object of the same execution shares the lock.
    if (owner.executionId === executionId) {
      owner.tokens.add(token);
      return true;
    }
    if (!canBlock || timeoutMs <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const queue = this.#queues.get(key) ?? [];
      this.#queues.set(key, queue);
      const waiter: Waiter = {
        executionId,
        token,
        grant: (granted) => {
          clearTimeout(timer);
          resolve(granted);
        },
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(waiter), 1);
        resolve(false);
      }, timeoutMs);
      queue.push(waiter);
    });
  }

  holds(key: string, token: object): boolean {
    if (this.#noOp.has(token)) return true;
    return this.#owners.get(key)?.tokens.has(token) ?? false;
  }

  release(key: string, token: object): void {
    if (this.#noOp.delete(token)) return;
    const owner = this.#owners.get(key);
    if (!owner?.tokens.delete(token) || owner.tokens.size) return;
    this.#owners.delete(key);
    this.#handOver(key);
  }

  /** Releases every lock the execution still holds: the script has ended. */
  releaseAll(executionId: number): void {
    for (const [token, owner] of [...this.#noOp]) if (owner === executionId) this.#noOp.delete(token);
    for (const queue of this.#queues.values()) {
      for (let i = queue.length - 1; i >= 0; i--)
        if (queue[i]?.executionId === executionId) queue.splice(i, 1);
    }
    for (const [key, owner] of [...this.#owners]) {
      if (owner.executionId !== executionId) continue;
      this.#owners.delete(key);
      this.#handOver(key);
    }
  }

  /** The next waiter, first come first served, gets the lock. */
  #handOver(key: string): void {
    const next = this.#queues.get(key)?.shift();
    if (!next) return;
    this.#owners.set(key, { executionId: next.executionId, tokens: new Set([next.token]) });
    next.grant(true);
  }
}

class LockImpl {
  readonly #ctx: ServiceContext;
  readonly #key: string;
  /** This Lock object's identity in the manager. */
  readonly #token = {};
  constructor(ctx: ServiceContext, key: string) {
    this.#ctx = ctx;
    this.#key = key;
  }
  hasLock(): boolean {
    return this.#ctx.state.locks.holds(this.#key, this.#token);
  }
  tryLock(timeoutInMillis: number): unknown {
    // A negative timeout has already run out: Apps Script answers false without waiting.
    if (typeof timeoutInMillis === 'number' && timeoutInMillis < 0) return false;
    return this.#ctx.whenSettled(this.#acquire(timeoutInMillis), (granted) => granted);
  }
  waitLock(timeoutInMillis: number): unknown {
    return this.#ctx.whenSettled(this.#acquire(timeoutInMillis), (granted) => {
      if (!granted) throw this.#ctx.error(LOCK_TIMEOUT);
    });
  }
  releaseLock(): void {
    this.#ctx.state.locks.release(this.#key, this.#token);
  }
  #acquire(timeoutInMillis: unknown): boolean | Promise<boolean> {
    if (typeof timeoutInMillis !== 'number' || !Number.isFinite(timeoutInMillis) || timeoutInMillis < 0)
      throw this.#ctx.error('Invalid argument: timeoutInMillis');
    const granted = this.#ctx.state.locks.acquire(
      this.#key,
      this.#ctx.executionId,
      this.#token,
      this.#ctx.realMs(timeoutInMillis),
      this.#ctx.canBlock,
    );
    if (!(granted instanceof Promise)) return granted;
    // The wait is reported in the script's (modelled) time, whatever the clock scale.
    const start = performance.now();
    return granted.finally(() => {
      this.#ctx.lockWaitMs += (performance.now() - start) / this.#ctx.realMs(1);
    });
  }
}

class LockServiceImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  /** Null when the script is not bound to a document. */
  getDocumentLock(): unknown {
    const id = this.#ctx.state.documentId;
    return id === null ? null : this.#lock(this.#ctx.state.lockKey({ kind: 'document', id }));
  }
  getScriptLock(): unknown {
    return this.#lock(this.#ctx.state.lockKey({ kind: 'script' }));
  }
  getUserLock(): unknown {
    return this.#lock(this.#ctx.state.lockKey({ kind: 'user', email: this.#ctx.effectiveUserEmail }));
  }
  #lock(key: string): unknown {
    return hostObject(this.#ctx, 'Lock', new LockImpl(this.#ctx, key));
  }
}

export function createLockService(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'LockService', new LockServiceImpl(ctx));
}
