/**
 * The two long lists of families not reached yet: no attempt inside the call window, and tried but
 * not reached (with the last counted attempt, wrong numbers first so the office can act on them).
 */
import type { IsoDate } from '../../common/rpc';
import type { CallRecord } from '../records';
import { Block, type CellInput, date, FILL, text } from './cells';
import { byText, type SchoolTables } from './school';

export interface UnreachedFamily {
  studentId: string;
  studentName: string;
  grade: string;
  /** The homeroom teacher's name (their email when they are not on Teachers). */
  homeroom: string;
  preferredLanguage: string;
  attempts: number;
  lastAttempt: IsoDate | '';
  lastOutcome: string;
  /** What someone should do next, e.g. the office updating a wrong number. '' when nothing special. */
  action: string;
}

export interface ListFigures {
  noAttempt: UnreachedFamily[];
  attemptedNotReached: UnreachedFamily[];
}

export const NO_ATTEMPT_TITLE = 'Families with no attempt yet';
export const ATTEMPTED_TITLE = 'Families tried but not reached yet';

export function isWrongNumber(outcome: string): boolean {
  return /wrong|disconnected/i.test(outcome);
}

/** Each family's last counted attempt: the latest date, the later row on one day. */
function lastAttempts(t: SchoolTables): Map<string, CallRecord> {
  const last = new Map<string, CallRecord>();
  for (const c of t.counted) {
    if (!c.studentId) continue;
    const prev = last.get(c.studentId);
    if (!prev || c.callDate > prev.callDate || (c.callDate === prev.callDate && c.row > prev.row))
      last.set(c.studentId, c);
  }
  return last;
}

const familyOrder = (a: UnreachedFamily, b: UnreachedFamily) =>
  byText(a.homeroom.toLowerCase(), b.homeroom.toLowerCase()) ||
  byText(a.studentName.toLowerCase(), b.studentName.toLowerCase()) ||
  byText(a.studentId, b.studentId);

export function listFigures(t: SchoolTables): ListFigures {
  const lastAttempt = lastAttempts(t);
  const noAttempt: UnreachedFamily[] = [];
  const attemptedNotReached: UnreachedFamily[] = [];
  for (const family of t.families) {
    const f = t.byFamily.get(family.studentId);
    if (f?.reached) continue;
    const last = lastAttempt.get(family.studentId);
    // Shown as a person reads it; an outcome typed with spaces is listed under Data quality.
    const outcome = (last?.outcome ?? '').trim();
    (f ? attemptedNotReached : noAttempt).push({
      studentId: family.studentId,
      studentName: family.studentName,
      grade: family.grade,
      homeroom: family.homeroomEmail ? t.teacherName(family.homeroomEmail) : '',
      preferredLanguage: family.preferredLanguage,
      attempts: f?.attempts ?? 0,
      lastAttempt: last?.callDate ?? '',
      lastOutcome: last ? outcome || 'No outcome recorded' : '',
      action: last && isWrongNumber(outcome) ? 'Office: update the contact details' : '',
    });
  }
  noAttempt.sort(familyOrder);
  // Wrong numbers first: the office can act on them today.
  attemptedNotReached.sort(
    (a, b) => Number(Boolean(b.action)) - Number(Boolean(a.action)) || familyOrder(a, b),
  );
  return { noAttempt, attemptedNotReached };
}

function familyRows(block: Block, families: readonly UnreachedFamily[], withAttempts: boolean): void {
  for (const f of families) {
    const cells: CellInput[] = [f.studentId, f.studentName, f.grade, f.homeroom, f.preferredLanguage];
    if (withAttempts) {
      cells.push(
        f.attempts,
        date(f.lastAttempt),
        text(f.lastOutcome, f.action ? { fill: FILL.warn } : {}),
        text(f.action, f.action ? { fill: FILL.warn, bold: true } : {}),
      );
    }
    block.add(cells);
  }
}

const FAMILY_COLUMNS = ['Student ID', 'Student', 'Grade', 'Homeroom teacher', 'Preferred language'];

/** Last on the tab: the two long lists. */
export function listsBlock(f: ListFigures): Block {
  const block = new Block();
  block.heading(NO_ATTEMPT_TITLE, 'By homeroom teacher.');
  block.header(FAMILY_COLUMNS);
  if (!f.noAttempt.length) block.note('None: every family has had at least one call or attempt.');
  familyRows(block, f.noAttempt, false);
  block.blank();
  block.heading(ATTEMPTED_TITLE, 'Wrong numbers first: the office can update them.');
  block.header([...FAMILY_COLUMNS, 'Attempts', 'Last attempt', 'Last outcome', 'What to do']);
  if (!f.attemptedNotReached.length) block.note('None.');
  familyRows(block, f.attemptedNotReached, true);
  return block;
}
