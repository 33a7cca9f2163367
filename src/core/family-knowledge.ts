/**
 * What the school knows about a family, and the conversation prompts for what it does not know yet.
 * Each knowledge column of Families is tied to the prompt (by its place in the Settings list) that
 * asks for it, so a school that rewords a prompt in Settings sees its own wording. A prompt tied to
 * no column (one the school added) is always shown: the school wants it asked.
 */
import { isSubmissionId } from '../common/call-input';
import type {
  Caregiver,
  FamilyCall,
  FamilyContact,
  FamilyKnowledge,
  IsoDate,
  LoggedCall,
} from '../common/rpc';
import { callInputOf, FAMILY_KNOWLEDGE_COLUMNS, headerKey } from '../common/schema';
import { toIsoDate } from './cell-encoding';
import type { CallRecord, FamilyRecord } from './records';

/** Earlier calls the family box shows, and calls "My recent calls" lists. */
export const FAMILY_CALLS_SHOWN = 3;
export const RECENT_CALLS_SHOWN = 5;

/** Beyond this a knowledge cell is not grown further (Sheets caps a cell at 50,000 characters). */
export const MAX_KNOWLEDGE_LENGTH = 40_000;

/** Knowledge column -> the 0-based places of DEFAULT_PROMPTS that ask for it. */
export const PROMPTS_FOR_COLUMN: Readonly<Record<string, readonly number[]>> = {
  'Best Way and Time to Reach': [3],
  'Who Is in the Family': [0],
  "Child's Strengths and Interests": [1],
  'Hopes This Year': [2],
  'Family Strengths and Traditions': [4],
  'Anything Else to Know': [0, 4],
};

export function familyKnowledge(
  family: FamilyRecord,
  prompts: readonly string[],
  lastContact: IsoDate | '',
  calls: readonly CallRecord[] = [],
  relationships: readonly string[] = [],
): FamilyKnowledge {
  const known: Record<string, string> = {};
  const unknown: string[] = [];
  const wanted = new Set<number>();
  const tied = new Set<number>();
  for (const column of FAMILY_KNOWLEDGE_COLUMNS) {
    const text = family.knowledge[column] ?? '';
    known[column] = text;
    for (const i of PROMPTS_FOR_COLUMN[column] ?? []) tied.add(i);
    if (!text) {
      unknown.push(column);
      for (const i of PROMPTS_FOR_COLUMN[column] ?? []) wanted.add(i);
    }
  }
  return {
    studentId: family.studentId,
    known,
    unknown,
    prompts: prompts.filter((_, i) => wanted.has(i) || !tied.has(i)),
    lastContact,
    contact: contactOf(family),
    caregivers: caregiversOf(family, relationships),
    lastCalls: familyCalls(calls, family.studentId),
  };
}

/** A list typed into one cell: "Rosa Diaz; Luis Diaz", one per line, "Rosa and Luis"... */
function splitList(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean);
}

// Names are split on ; / & "and" and new lines but not on commas ("Diaz, Rosa" is one name);
// phone numbers on ; , / and new lines (a number itself has none of them).
const NAME_SEPARATORS = /\s*(?:;|\/|&|\n|\band\b)\s*/i;
const PHONE_SEPARATORS = /\s*(?:;|,|\/|\n)\s*/;

export function contactOf(family: FamilyRecord): FamilyContact {
  return {
    phones: splitList(family.phone, PHONE_SEPARATORS),
    email: family.familyEmail,
    bestWayAndTime: family.knowledge['Best Way and Time to Reach'] ?? '',
    preferredLanguage: family.preferredLanguage,
    interpreterNeeded: family.interpreterNeeded,
  };
}

/**
 * The caregivers a teacher may have spoken with, each paired with a relationship when Families
 * gives one per name (or one name and one relationship); a relationship matching a Settings
 * choice (case forgiven) is what the form selects with it.
 */
export function caregiversOf(family: FamilyRecord, relationships: readonly string[]): Caregiver[] {
  const names = splitList(family.caregivers, NAME_SEPARATORS);
  const kinds = splitList(family.caregiverRelationship, NAME_SEPARATORS);
  const paired = kinds.length === names.length;
  return names.map((name, i) => {
    const relationship = paired ? (kinds[i] ?? '') : '';
    const choice = relationship
      ? (relationships.find((r) => headerKey(r) === headerKey(relationship)) ?? '')
      : '';
    return { name, relationship, relationshipChoice: choice };
  });
}

/** Newest first: by call date, then by when it was logged, then by row (later rows are newer). */
function newestCallFirst(a: CallRecord, b: CallRecord): number {
  return (
    (b.callDate || '').localeCompare(a.callDate || '') ||
    (b.loggedAt?.getTime() ?? 0) - (a.loggedAt?.getTime() ?? 0) ||
    b.row - a.row
  );
}

/** Newest logged first: the call a teacher just saved leads, whatever date they gave it. */
export function newestLoggedFirst(a: CallRecord, b: CallRecord): number {
  return (b.loggedAt?.getTime() ?? 0) - (a.loggedAt?.getTime() ?? 0) || b.row - a.row;
}

export function familyCalls(calls: readonly CallRecord[], studentId: string): FamilyCall[] {
  return calls
    .filter((call) => call.studentId === studentId)
    .sort(newestCallFirst)
    .slice(0, FAMILY_CALLS_SHOWN)
    .map((call) => ({
      callDate: call.callDate,
      teacherName: call.teacherName || call.teacherEmail,
      outcome: call.outcome,
      learned: call.learned,
      openFollowUp: call.followUpDone ? '' : call.followUp,
      followUpBy: call.followUpDone ? '' : call.followUpBy,
    }));
}

/**
 * A teacher's own latest calls with every field the form edits. Only rows with a submission id are
 * listed: edit and delete find the row by it, and a row typed by hand without one is edited on the
 * sheet.
 */
export function recentCallsOf(
  calls: readonly CallRecord[],
  email: string,
  timeZone: string,
  editedRows: ReadonlySet<number> = new Set(),
): LoggedCall[] {
  return calls
    .filter((call) => call.teacherEmail === email && isSubmissionId(call.submissionId))
    .sort(newestLoggedFirst)
    .slice(0, RECENT_CALLS_SHOWN)
    .map((call) => ({
      ...callInputOf(call),
      studentName: call.studentName,
      loggedOn: call.loggedAt ? toIsoDate(call.loggedAt, timeZone) : '',
      edited: editedRows.has(call.row),
    }));
}

/**
 * Adds what a teacher learned to a knowledge cell without losing what others wrote: blank cells take
 * the new text, a cell that already says it is left alone, anything else gets it on a new line.
 * Returns null when nothing changes.
 */
export function mergeKnowledge(existing: string, learned: string): string | null {
  const add = learned.trim();
  if (!add) return null;
  const old = existing.trim();
  if (!old) return learned;
  if (old.includes(add)) return null;
  const merged = `${existing}\n${learned}`;
  // A cell holds at most 50,000 characters; the call row keeps the note whatever happens here.
  return merged.length <= MAX_KNOWLEDGE_LENGTH ? merged : null;
}
