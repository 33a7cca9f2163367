/**
 * Typed rows of the data tabs, read from one getValues by header name. Hand-typed rows are normal:
 * values may be numbers, booleans, dates or text in any cell, so every field is normalised here once
 * and the rest of the code (progress, summary, sidebar) works on clean records.
 */
import type { IsoDate } from '../common/rpc';
import { FAMILY_KNOWLEDGE_COLUMNS } from '../common/schema';
import { decodeText, isDate, toIsoDate } from './cell-encoding';
import { readDate } from './settings';

/** What records need of a table: its data rows and a way to find a column by header (-1: absent). */
export interface TableLike {
  readonly rows: readonly (readonly unknown[])[];
  column(header: string): number;
}

export interface TeacherRecord {
  /** Sheet row (header is row 1). */
  row: number;
  name: string;
  /** Lower-cased: emails match case-insensitively. */
  email: string;
  /** The teacher's own goal; null when blank (the Settings default applies) or not a whole number. */
  goal: number | null;
  /** The Goal cell as typed, when it is not a usable number (shown as a data-quality problem). */
  badGoal: string;
}

export interface FamilyRecord {
  row: number;
  studentId: string;
  studentName: string;
  grade: string;
  homeroomEmail: string;
  caregivers: string;
  caregiverRelationship: string;
  phone: string;
  familyEmail: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  /** Knowledge column header -> text ('' when unknown). */
  knowledge: Record<string, string>;
}

export interface CallRecord {
  row: number;
  loggedAt: Date | null;
  teacherEmail: string;
  teacherName: string;
  /** '' when blank or not a date. */
  callDate: IsoDate | '';
  studentId: string;
  studentName: string;
  personReached: string;
  relationship: string;
  method: string;
  outcome: string;
  language: string;
  interpreterUsed: boolean;
  strengths: string;
  hopes: string;
  learned: string;
  followUp: string;
  followUpBy: IsoDate | '';
  followUpDone: boolean;
  submissionId: string;
}

export interface CheckInRecord {
  row: number;
  date: IsoDate | '';
  teacherEmail: string;
  working: string;
  nextStep: string;
  by: string;
}

/** Reads one field of a row by header; '' when the column is absent. */
function reader(table: TableLike, timeZone: string) {
  const cache = new Map<string, number>();
  const at = (header: string) => {
    let c = cache.get(header);
    if (c === undefined) {
      c = table.column(header);
      cache.set(header, c);
    }
    return c;
  };
  return {
    raw(row: readonly unknown[], header: string): unknown {
      const c = at(header);
      return c < 0 ? '' : row[c];
    },
    text(row: readonly unknown[], header: string): string {
      const c = at(header);
      return c < 0 ? '' : decodeText(row[c], timeZone).trim();
    },
    /**
     * What a person wrote, exactly (a note may start with a tab or "="): only a cell of blanks alone
     * reads as empty. Names and pick-list values are trimmed by text() instead.
     */
    note(row: readonly unknown[], header: string): string {
      const c = at(header);
      const text = c < 0 ? '' : decodeText(row[c], timeZone);
      return text.trim() ? text : '';
    },
    /** Ids keep their text: a hand-typed 7 and a sidebar-written '7' are the same student. */
    id(row: readonly unknown[], header: string): string {
      const c = at(header);
      return c < 0 ? '' : decodeText(row[c], timeZone).trim();
    },
    email(row: readonly unknown[], header: string): string {
      const c = at(header);
      return c < 0 ? '' : decodeText(row[c], timeZone).trim().toLowerCase();
    },
    date(row: readonly unknown[], header: string): IsoDate | '' {
      const c = at(header);
      return c < 0 ? '' : (readDate(row[c], timeZone) ?? '');
    },
    /**
     * A date cell only: text that looks like a date ("2026-09-20" kept as text) is not one, because the
     * goal formulas' date criteria match numbers only (emulator/SHEETS-BEHAVIOUR.md) and the Summary and
     * sidebar must count what the Teachers tab counts.
     */
    dateCell(row: readonly unknown[], header: string): IsoDate | '' {
      const c = at(header);
      return c >= 0 && isDate(row[c]) ? toIsoDate(row[c] as Date, timeZone) : '';
    },
    bool(row: readonly unknown[], header: string): boolean {
      const c = at(header);
      if (c < 0) return false;
      const v = row[c];
      return v === true || /^(true|yes|y|x|✓)$/i.test(String(v ?? '').trim());
    },
  };
}

const blankRow = (row: readonly unknown[]) => row.every((v) => v === '' || v === null || v === undefined);

export function readTeachers(table: TableLike, timeZone: string): TeacherRecord[] {
  const r = reader(table, timeZone);
  const out: TeacherRecord[] = [];
  table.rows.forEach((row, i) => {
    if (blankRow(row)) return;
    const goalRaw = r.raw(row, 'Goal');
    const goalText = decodeText(goalRaw, timeZone).trim();
    const n = typeof goalRaw === 'number' ? goalRaw : goalText === '' ? Number.NaN : Number(goalText);
    const usable = Number.isInteger(n) && n >= 0;
    out.push({
      row: i + 2,
      name: r.text(row, 'Name'),
      email: r.email(row, 'Email'),
      goal: usable ? n : null,
      badGoal: usable || goalText === '' ? '' : goalText,
    });
  });
  return out;
}

export function readFamilies(table: TableLike, timeZone: string): FamilyRecord[] {
  const r = reader(table, timeZone);
  const out: FamilyRecord[] = [];
  table.rows.forEach((row, i) => {
    if (blankRow(row)) return;
    const knowledge: Record<string, string> = {};
    for (const header of FAMILY_KNOWLEDGE_COLUMNS) knowledge[header] = r.note(row, header);
    out.push({
      row: i + 2,
      studentId: r.id(row, 'Student ID'),
      studentName: r.text(row, 'Student Name'),
      grade: r.text(row, 'Grade'),
      homeroomEmail: r.email(row, 'Homeroom Teacher Email'),
      caregivers: r.text(row, 'Caregiver Names'),
      caregiverRelationship: r.text(row, 'Caregiver Relationship'),
      phone: r.text(row, 'Phone'),
      familyEmail: r.text(row, 'Family Email'),
      preferredLanguage: r.text(row, 'Preferred Language'),
      interpreterNeeded: r.bool(row, 'Interpreter Needed'),
      knowledge,
    });
  });
  return out;
}

export function readCalls(table: TableLike, timeZone: string): CallRecord[] {
  const r = reader(table, timeZone);
  const out: CallRecord[] = [];
  table.rows.forEach((row, i) => {
    if (blankRow(row)) return;
    const loggedAt = r.raw(row, 'Logged At');
    out.push({
      row: i + 2,
      loggedAt: isDate(loggedAt) ? loggedAt : null,
      teacherEmail: r.email(row, 'Teacher Email'),
      teacherName: r.text(row, 'Teacher'),
      callDate: r.dateCell(row, 'Call Date'),
      studentId: r.id(row, 'Student ID'),
      studentName: r.text(row, 'Student Name'),
      personReached: r.text(row, 'Person Reached'),
      relationship: r.text(row, 'Relationship'),
      method: r.text(row, 'Method'),
      outcome: r.text(row, 'Outcome'),
      language: r.text(row, 'Language'),
      interpreterUsed: r.bool(row, 'Interpreter Used'),
      strengths: r.text(row, 'Strengths the Family Sees'),
      hopes: r.text(row, 'Family Hopes'),
      learned: r.text(row, 'What I Learned'),
      followUp: r.text(row, 'Follow-up Needed'),
      followUpBy: r.date(row, 'Follow-up By'),
      followUpDone: r.bool(row, 'Follow-up Done'),
      submissionId: r.id(row, 'Submission ID'),
    });
  });
  return out;
}

export function readCheckIns(table: TableLike, timeZone: string): CheckInRecord[] {
  const r = reader(table, timeZone);
  const out: CheckInRecord[] = [];
  table.rows.forEach((row, i) => {
    if (blankRow(row)) return;
    out.push({
      row: i + 2,
      date: r.date(row, 'Date'),
      teacherEmail: r.email(row, 'Teacher Email'),
      working: r.text(row, "What's Working"),
      nextStep: r.text(row, 'Next Step'),
      by: r.text(row, 'By'),
    });
  });
  return out;
}
