/**
 * The reference definition of every teacher's and family's figures. The goal formulas on the Teachers
 * and Families tabs compute the same thing in the sheet (so they stay live when someone types a row
 * by hand); the sidebar and the summary compute it here from one read of each table. Tests check the
 * formulas, evaluated by the formula engine, against these functions' definitions.
 *
 * - A call counts when its Call Date is a date inside the call window (a blank start or end leaves
 *   that side open). Rows without a valid date never count.
 * - Conversations are counted calls whose outcome is Reached; the goal counts conversations or every
 *   attempt, per Settings; a blank goal means the Settings default.
 * - Status: Not started (no call logged), In progress (below goal), Met (at goal), Exceeded (above).
 */
import type { IsoDate, Progress } from '../common/rpc';
import { REACHED } from '../common/schema';
import type { CallRecord, FamilyRecord, TeacherRecord } from './records';
import type { SchoolSettings } from './settings';

export type CallWindow = Pick<SchoolSettings, 'windowStart' | 'windowEnd'>;

export function isCounted(callDate: IsoDate | '', window: CallWindow): boolean {
  if (!callDate) return false;
  if (window.windowStart && callDate < window.windowStart) return false;
  if (window.windowEnd && callDate > window.windowEnd) return false;
  return true;
}

/**
 * As the goal formulas' COUNTIFS(Outcome,"Reached") matches: the whole text, ignoring case ("COUNTIF
 * is not case-sensitive", support.google.com/docs/answer/3093480), with no trimming, so a padded
 * ' REACHED ' is no conversation here either (the Summary's Data quality lists it to fix).
 */
export function isReached(outcome: string): boolean {
  return sameOutcome(outcome, REACHED);
}

/** Two outcomes are one when a text criterion of one matches the other: whole text, any case. */
export function sameOutcome(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface TeacherFigures extends Progress {
  lastCall: IsoDate | '';
}

export interface FamilyFigures {
  attempts: number;
  reached: boolean;
  lastContact: IsoDate | '';
}

export function statusOf(calls: number, done: number, goal: number): Progress['status'] {
  if (calls === 0) return 'Not started';
  if (done < goal) return 'In progress';
  return done === goal ? 'Met' : 'Exceeded';
}

/** Figures for every student id that appears on the Call Log (students with no call are absent). */
export function familyFigures(calls: readonly CallRecord[], window: CallWindow): Map<string, FamilyFigures> {
  const byStudent = new Map<string, FamilyFigures>();
  for (const call of calls) {
    if (!call.studentId || !isCounted(call.callDate, window)) continue;
    let f = byStudent.get(call.studentId);
    if (!f) {
      f = { attempts: 0, reached: false, lastContact: '' };
      byStudent.set(call.studentId, f);
    }
    f.attempts++;
    if (isReached(call.outcome)) f.reached = true;
    if (call.callDate > f.lastContact) f.lastContact = call.callDate;
  }
  return byStudent;
}

/** Figures for every teacher on the Teachers tab, keyed by lower-cased email, in one pass per table. */
export function teacherFigures(
  teachers: readonly TeacherRecord[],
  families: readonly FamilyRecord[],
  calls: readonly CallRecord[],
  settings: SchoolSettings,
  byFamily: Map<string, FamilyFigures> = familyFigures(calls, settings),
): Map<string, TeacherFigures> {
  const tally = new Map<
    string,
    { calls: number; conversations: number; reachedIds: Set<string>; last: IsoDate | '' }
  >();
  for (const call of calls) {
    if (!call.teacherEmail || !isCounted(call.callDate, settings)) continue;
    let t = tally.get(call.teacherEmail);
    if (!t) {
      t = { calls: 0, conversations: 0, reachedIds: new Set(), last: '' };
      tally.set(call.teacherEmail, t);
    }
    t.calls++;
    if (isReached(call.outcome)) {
      t.conversations++;
      if (call.studentId) t.reachedIds.add(call.studentId);
    }
    if (call.callDate > t.last) t.last = call.callDate;
  }
  const own = new Map<string, { all: number; reached: number }>();
  for (const family of families) {
    if (!family.homeroomEmail) continue;
    const o = own.get(family.homeroomEmail) ?? { all: 0, reached: 0 };
    o.all++;
    if (byFamily.get(family.studentId)?.reached) o.reached++;
    own.set(family.homeroomEmail, o);
  }

  const out = new Map<string, TeacherFigures>();
  for (const teacher of teachers) {
    if (!teacher.email || out.has(teacher.email)) continue;
    const t = tally.get(teacher.email);
    const o = own.get(teacher.email) ?? { all: 0, reached: 0 };
    const goal = teacher.goal ?? settings.defaultGoal;
    const callsLogged = t?.calls ?? 0;
    const conversations = t?.conversations ?? 0;
    const done = settings.goalCounts === 'Attempts' ? callsLogged : conversations;
    out.set(teacher.email, {
      goal,
      counts: settings.goalCounts,
      done,
      calls: callsLogged,
      conversations,
      familiesReached: t?.reachedIds.size ?? 0,
      ownFamilies: o.all,
      ownFamiliesNotReached: o.all - o.reached,
      percentOfGoal: goal > 0 ? done / goal : 0,
      status: statusOf(callsLogged, done, goal),
      lastCall: t?.last ?? '',
    });
  }
  return out;
}
