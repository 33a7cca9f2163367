/**
 * Overlapping Summary refreshes collapse into one, and no request is left out. Interleavings are
 * played out deterministically: a rebuild that "takes a while" runs other requests inside it, the way
 * other teachers' sidebars ask for a refresh while one is running.
 */
import {
  collapsedRefresh,
  REFRESH_DEFAULTS,
  REFRESH_KEYS,
  type RefreshStore,
} from '../../src/core/refresh-collapse';

class MemoryStore implements RefreshStore {
  props = new Map<string, string>();
  locked = false;
  clock = 1_000_000;
  /** When set, tryLock fails (a save holds the document lock for longer than we wait). */
  lockBusy = false;
  tryLock(): boolean {
    if (this.locked || this.lockBusy) return false;
    this.locked = true;
    return true;
  }
  releaseLock(): void {
    this.locked = false;
  }
  getProperty(key: string): string | null {
    return this.props.get(key) ?? null;
  }
  setProperty(key: string, value: string): void {
    this.props.set(key, value);
  }
  deleteProperty(key: string): void {
    this.props.delete(key);
  }
  now(): number {
    return this.clock;
  }
}

/** A log of what the Call Log held each time a rebuild read it. */
function harness() {
  const store = new MemoryStore();
  const callLog: string[] = [];
  const readsSeen: string[][] = [];
  let during: (() => void)[] = [];
  const rebuild = () => {
    readsSeen.push([...callLog]); // the rebuild reads the tables first...
    const now = during;
    during = [];
    for (const f of now) f(); // ...while it works, other teachers save calls and ask for refreshes
  };
  const saveAndRefresh = (call: string) => {
    callLog.push(call);
    return collapsedRefresh(store, rebuild);
  };
  return {
    store,
    callLog,
    readsSeen,
    rebuild,
    saveAndRefresh,
    whileRebuilding: (f: () => void) => during.push(f),
  };
}

describe('collapsed Summary refreshes', () => {
  test('a lone refresh rebuilds once and gives the lease back', () => {
    const h = harness();
    expect(h.saveAndRefresh('call 1')).toEqual({ rebuilt: true, passes: 1 });
    expect(h.readsSeen).toEqual([['call 1']]);
    expect(h.store.getProperty(REFRESH_KEYS.leaseUntil)).toBeNull();
  });

  test('requests during a rebuild return at once, and the running rebuild goes once more to include them', () => {
    const h = harness();
    const others: unknown[] = [];
    h.whileRebuilding(() => {
      others.push(h.saveAndRefresh('call 2'));
      others.push(h.saveAndRefresh('call 3'));
    });
    expect(h.saveAndRefresh('call 1')).toEqual({ rebuilt: true, passes: 2 });
    expect(others).toEqual([
      { rebuilt: false, reason: 'running' },
      { rebuilt: false, reason: 'running' },
    ]);
    // Two passes for three requests, and the last read saw every call.
    expect(h.readsSeen).toEqual([['call 1'], ['call 1', 'call 2', 'call 3']]);
  });

  test('a request after the rebuild finished rebuilds itself', () => {
    const h = harness();
    h.saveAndRefresh('call 1');
    expect(h.saveAndRefresh('call 2')).toEqual({ rebuilt: true, passes: 1 });
    expect(h.readsSeen[h.readsSeen.length - 1]).toEqual(['call 1', 'call 2']);
  });

  test('the passes of one rebuild are bounded even when requests never stop', () => {
    const h = harness();
    let n = 1;
    const keepComing = () => {
      h.saveAndRefresh(`call ${++n}`);
      h.whileRebuilding(keepComing);
    };
    h.whileRebuilding(keepComing);
    const outcome = h.saveAndRefresh('call 1');
    expect(outcome).toEqual({ rebuilt: true, passes: REFRESH_DEFAULTS.maxPasses });
    expect(h.store.getProperty(REFRESH_KEYS.leaseUntil)).toBeNull();
  });

  test('a lease left by a run that died expires, so refreshes do not stop for good', () => {
    const h = harness();
    h.store.setProperty(REFRESH_KEYS.leaseUntil, String(h.store.clock + 1000));
    expect(h.saveAndRefresh('call 1')).toEqual({ rebuilt: false, reason: 'running' });
    h.store.clock += 1001;
    expect(h.saveAndRefresh('call 2')).toEqual({ rebuilt: true, passes: 1 });
  });

  test('a rebuild that fails gives the lease back and reports the error', () => {
    const store = new MemoryStore();
    expect(() =>
      collapsedRefresh(store, () => {
        throw new Error('The "Summary" tab is missing');
      }),
    ).toThrow('Summary');
    expect(store.getProperty(REFRESH_KEYS.leaseUntil)).toBeNull();
    expect(store.locked).toBe(false);
  });

  test('when the lock cannot be had, nothing runs and the caller is told', () => {
    const h = harness();
    h.store.lockBusy = true;
    expect(h.saveAndRefresh('call 1')).toEqual({ rebuilt: false, reason: 'busy' });
    expect(h.readsSeen).toEqual([]);
  });

  test('the document lock is never held while rebuilding (a save never waits for the Summary)', () => {
    const store = new MemoryStore();
    const heldDuringRebuild: boolean[] = [];
    collapsedRefresh(store, () => heldDuringRebuild.push(store.locked));
    expect(heldDuringRebuild).toEqual([false]);
  });
});
