/**
 * Refreshes of the Summary that overlap collapse into one, without making a teacher's save wait for a
 * rebuild. Every teacher's sidebar asks for a refresh after its call is saved; a rebuild reads every
 * table and takes seconds, so it must not run under the document lock that logCall takes (a save
 * would then wait for the rebuild). Instead the document lock guards two short steps on document
 * properties, and the rebuild runs outside it:
 *
 * - a request: under the lock, add one to the request counter; if a rebuild holds the lease, stop
 *   there (that rebuild will see the counter moved and run once more, so it includes this call);
 *   otherwise take the lease and remember the counter;
 * - after each pass: under the lock, if the counter moved since the pass started, go again (bounded);
 *   else give the lease back.
 *
 * A request either lands before the lease holder's final check (which then sees it) or after the
 * lease is given back (so it takes the lease itself): no call is left out, and no clock is compared
 * between executions. The lease expires on its own after Apps Script's longest run, so a rebuild
 * that died does not block refreshes for good.
 *
 * Pure logic over a small interface (the lock, document properties, a clock), so the interleavings
 * are unit-tested; src/server/summary.ts passes LockService and PropertiesService.
 */

export interface RefreshStore {
  tryLock(timeoutMs: number): boolean;
  releaseLock(): void;
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): void;
  deleteProperty(key: string): void;
  now(): number;
}

export const REFRESH_KEYS = {
  /** How many refreshes were asked for, ever (a counter, not a time). */
  requests: 'relationshipCalls.summary.requests',
  /** Until when (epoch ms) a rebuild holds the lease. */
  leaseUntil: 'relationshipCalls.summary.leaseUntil',
} as const;

export interface RefreshOptions {
  /** How long a request waits for the document lock (a save holds it for well under a second). */
  lockMs: number;
  /** Apps Script stops a run after 6 minutes: a lease older than that belongs to a dead run. */
  leaseMs: number;
  /** Passes one lease holder makes at most; later requests are served by the next refresh. */
  maxPasses: number;
}

export const REFRESH_DEFAULTS: RefreshOptions = { lockMs: 10_000, leaseMs: 390_000, maxPasses: 5 };

export type RefreshOutcome =
  | { rebuilt: true; passes: number }
  /** running: another rebuild holds the lease and will include this request. busy: no lock in time. */
  | { rebuilt: false; reason: 'running' | 'busy' };

function underLock<T>(
  store: RefreshStore,
  lockMs: number,
  action: () => T,
): { ok: true; value: T } | { ok: false } {
  if (!store.tryLock(lockMs)) return { ok: false };
  try {
    return { ok: true, value: action() };
  } finally {
    store.releaseLock();
  }
}

export function collapsedRefresh(
  store: RefreshStore,
  rebuild: () => void,
  options: RefreshOptions = REFRESH_DEFAULTS,
): RefreshOutcome {
  const counter = () => Number(store.getProperty(REFRESH_KEYS.requests) ?? 0) || 0;
  const takeLease = () => store.setProperty(REFRESH_KEYS.leaseUntil, String(store.now() + options.leaseMs));

  const request = underLock(store, options.lockMs, () => {
    const seq = counter() + 1;
    store.setProperty(REFRESH_KEYS.requests, String(seq));
    const leaseUntil = Number(store.getProperty(REFRESH_KEYS.leaseUntil) ?? 0) || 0;
    if (leaseUntil > store.now()) return null;
    takeLease();
    return seq;
  });
  if (!request.ok) return { rebuilt: false, reason: 'busy' };
  if (request.value === null) return { rebuilt: false, reason: 'running' };

  let seen = request.value;
  let passes = 0;
  let done = false;
  try {
    while (!done) {
      passes++;
      rebuild();
      const check = underLock(store, options.lockMs, () => {
        const seq = counter();
        if (seq > seen && passes < options.maxPasses) {
          seen = seq;
          takeLease();
          return false;
        }
        store.deleteProperty(REFRESH_KEYS.leaseUntil);
        return true;
      });
      // No lock in time: give the lease back anyway rather than block refreshes until it expires.
      if (!check.ok) store.deleteProperty(REFRESH_KEYS.leaseUntil);
      done = !check.ok || check.value;
    }
  } catch (error) {
    store.deleteProperty(REFRESH_KEYS.leaseUntil);
    throw error;
  }
  return { rebuilt: true, passes };
}
