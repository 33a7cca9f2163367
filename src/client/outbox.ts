/**
 * The phone's outbox: a call that could not be sent is kept in the page's localStorage until the
 * server has it, and sent again (with the same submission id) the next time the page opens. logCall
 * drops a submission id already on the Call Log, so a call whose answer was lost on the way back is
 * never saved twice.
 *
 * Google serves a web app's page in an iframe on a googleusercontent.com origin whose sandbox
 * includes allow-same-origin (developers.google.com/apps-script/guides/html/restrictions), so the
 * page has storage of its own origin. The browser may still refuse it (a private window, storage
 * turned off, a full disk): then every method does nothing and the call only stays on the screen.
 *
 * What is kept is the call as typed, notes included: personal data on the teacher's phone. It is kept
 * only until the server has it, and only resent by the same signed-in teacher (a phone passed to a
 * colleague never logs one teacher's call under another's name).
 */
import type { CallInput } from '../common/rpc';

const KEY = 'relationshipCalls.unsent';

interface Kept {
  teacherEmail: string;
  /** When it was kept (ISO), so the page can say how old it is. */
  keptAt: string;
  input: CallInput;
}

export interface Outbox {
  /** Keeps a call before it is sent (replacing a kept call with the same submission id). */
  keep(input: CallInput): void;
  /** The server has this call: forget it. */
  sent(submissionId: string): void;
  /** The signed-in teacher's kept calls, oldest first. */
  kept(): CallInput[];
}

function storage(): Storage | null {
  try {
    const store = window.localStorage;
    const probe = `${KEY}.probe`;
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

function isKept(value: unknown): value is Kept {
  const v = value as Kept;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.teacherEmail === 'string' &&
    typeof v.input === 'object' &&
    v.input !== null &&
    typeof v.input.submissionId === 'string'
  );
}

/** The outbox of `teacherEmail`, or null when this browser gives the page no storage. */
export function openOutbox(teacherEmail: string): Outbox | null {
  const store = storage();
  if (!store) return null;
  const read = (): Kept[] => {
    try {
      const parsed: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isKept) : [];
    } catch {
      return [];
    }
  };
  const write = (all: Kept[]) => {
    try {
      if (all.length) store.setItem(KEY, JSON.stringify(all));
      else store.removeItem(KEY);
    } catch {
      // Full or refused: the call still stays on the screen.
    }
  };
  return {
    keep(input) {
      const others = read().filter((k) => k.input.submissionId !== input.submissionId);
      write([...others, { teacherEmail, keptAt: new Date().toISOString(), input }]);
    },
    sent(submissionId) {
      write(read().filter((k) => k.input.submissionId !== submissionId));
    },
    kept() {
      return read()
        .filter((k) => k.teacherEmail === teacherEmail)
        .map((k) => k.input);
    },
  };
}
