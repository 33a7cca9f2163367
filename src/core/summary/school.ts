/**
 * What every Summary section reads: the input (one read of each table, the settings and today), and
 * the tables as the sections share them (one family per Student ID, one teacher per email, the calls
 * inside the call window). Computed once per rebuild by schoolTables, then handed to each section.
 *
 * Definitions (DOMAIN.md), one rule for the call window: a call counts when its Call Date is inside
 * the call window (src/core/progress.ts isCounted). Per-teacher and per-family figures come from
 * progress.ts, the same definitions the Teachers and Families formulas use.
 */
import type { IsoDate } from '../../common/rpc';
import type { PickListKey } from '../../common/schema';
import { type FamilyFigures, familyFigures, isCounted, isReached } from '../progress';
import type { CallRecord, CheckInRecord, FamilyRecord, TeacherRecord } from '../records';
import type { SchoolSettings } from '../settings';

// The Summary's dates, from the one home of day arithmetic.
export { addDays, dateSerial, weekStartOf } from '../dates';

export interface SummaryInput {
  settings: SchoolSettings;
  /** Grades and languages in the school's own order (Settings pick-lists); defaults when absent. */
  pickLists?: Partial<Record<PickListKey, readonly string[]>>;
  teachers: readonly TeacherRecord[];
  families: readonly FamilyRecord[];
  calls: readonly CallRecord[];
  checkIns: readonly CheckInRecord[];
  /** Today in the spreadsheet's time zone. */
  today: IsoDate;
}

export interface Share {
  count: number;
  of: number;
  /** count / of; null when `of` is 0 (nothing to divide). */
  share: number | null;
}

export const share = (count: number, of: number): Share => ({
  count,
  of,
  share: of > 0 ? count / of : null,
});
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface SchoolTables {
  input: SummaryInput;
  /** One family per student id (the first row wins, as everywhere else in the add-on). */
  roster: Map<string, FamilyRecord>;
  families: FamilyRecord[];
  duplicateFamilyRows: number[];
  noIdFamilyRows: number[];
  byFamily: Map<string, FamilyFigures>;
  /** One teacher per email (the first row wins). */
  teacherByEmail: Map<string, TeacherRecord>;
  teacherName: (email: string, fallback?: string) => string;
  /** Calls inside the call window, and those of them whose outcome is Reached. */
  counted: CallRecord[];
  conversations: CallRecord[];
  reached: (studentId: string) => boolean;
}

export function schoolTables(input: SummaryInput): SchoolTables {
  const roster = new Map<string, FamilyRecord>();
  const duplicateFamilyRows: number[] = [];
  const noIdFamilyRows: number[] = [];
  for (const family of input.families) {
    if (!family.studentId) noIdFamilyRows.push(family.row);
    else if (roster.has(family.studentId)) duplicateFamilyRows.push(family.row);
    else roster.set(family.studentId, family);
  }
  const teacherByEmail = new Map<string, TeacherRecord>();
  for (const t of input.teachers) if (t.email && !teacherByEmail.has(t.email)) teacherByEmail.set(t.email, t);
  const counted = input.calls.filter((c) => isCounted(c.callDate, input.settings));
  const byFamily = familyFigures(input.calls, input.settings);
  return {
    input,
    roster,
    families: [...roster.values()],
    duplicateFamilyRows,
    noIdFamilyRows,
    byFamily,
    teacherByEmail,
    teacherName: (email, fallback = '') => teacherByEmail.get(email)?.name || fallback || email,
    counted,
    conversations: counted.filter((c) => isReached(c.outcome)),
    reached: (id) => byFamily.get(id)?.reached ?? false,
  };
}

type Intersection<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H & Intersection<R>
  : unknown;

/** The figures of the given sections, from the one set of tables, as one object. */
export function figuresOf<T extends readonly object[]>(
  t: SchoolTables,
  ...sections: { [K in keyof T]: (t: SchoolTables) => T[K] }
): Intersection<T> {
  return Object.assign({}, ...sections.map((section) => section(t)));
}
