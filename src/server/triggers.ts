/**
 * The add-on's optional time triggers (the daily Summary refresh, the weekly reminders), kept per
 * spreadsheet as trigger ids in a document property (ids, not emails: nothing personal). A trigger
 * runs as the person who made it, and each person sees only their own (ScriptApp.getProjectTriggers),
 * so every principal who turns one on gets one of theirs: on twice keeps one per person, and off
 * removes the caller's, never orphaning a colleague's.
 */
import { UserError } from '../core/errors';
import type { EntryPoint } from './entry-points';

export interface TriggerKind {
  /** Document property holding the ids. */
  key: string;
  /** The handler: an export of src/server/index.ts (typed, so a rename that misses it fails to compile). */
  handler: EntryPoint;
}

function idsOf(props: GoogleAppsScript.Properties.Properties, kind: TriggerKind): string[] {
  const raw = props.getProperty(kind.key);
  if (!raw) return [];
  try {
    const ids: unknown = JSON.parse(raw);
    if (Array.isArray(ids)) return ids.filter((id): id is string => typeof id === 'string');
  } catch {
    // An id stored by an earlier version of the add-on, before there could be several.
  }
  return [raw];
}

function saveIds(
  props: GoogleAppsScript.Properties.Properties,
  kind: TriggerKind,
  ids: readonly string[],
): void {
  if (ids.length) props.setProperty(kind.key, JSON.stringify(ids));
  else props.deleteProperty(kind.key);
}

function mine(kind: TriggerKind, ids: readonly string[]) {
  return (
    ScriptApp.getProjectTriggers().find(
      (t) => ids.includes(t.getUniqueId()) && t.getHandlerFunction() === kind.handler,
    ) ?? null
  );
}

const BUSY = 'The spreadsheet is busy. Nothing was changed: try again in a moment.';

function withDocumentLock<T>(action: (props: GoogleAppsScript.Properties.Properties) => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) throw new UserError(BUSY);
  try {
    return action(PropertiesService.getDocumentProperties());
  } finally {
    lock.releaseLock();
  }
}

/**
 * Turns the caller's trigger on. `create` builds it (in the spreadsheet's time zone) and returns the
 * sentence to show; `already` is the sentence when the caller's trigger exists.
 */
export function turnOnTrigger(
  kind: TriggerKind,
  create: (
    builder: GoogleAppsScript.Script.ClockTriggerBuilder,
    timeZone: string,
  ) => GoogleAppsScript.Script.Trigger,
  sentences: { already: string; on: (timeZone: string) => string },
): string {
  return withDocumentLock((props) => {
    const ids = idsOf(props, kind);
    if (mine(kind, ids)) return sentences.already;
    const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
    const trigger = create(ScriptApp.newTrigger(kind.handler).timeBased(), timeZone);
    saveIds(props, kind, [...ids, trigger.getUniqueId()]);
    return sentences.on(timeZone);
  });
}

/** Removes the caller's trigger (and only theirs). */
export function turnOffTrigger(
  kind: TriggerKind,
  sentences: { off: string; colleague: string; already: string },
): string {
  return withDocumentLock((props) => {
    const ids = idsOf(props, kind);
    const trigger = mine(kind, ids);
    if (!trigger) return ids.length ? sentences.colleague : sentences.already;
    const id = trigger.getUniqueId();
    ScriptApp.deleteTrigger(trigger);
    saveIds(
      props,
      kind,
      ids.filter((x) => x !== id),
    );
    return sentences.off;
  });
}
