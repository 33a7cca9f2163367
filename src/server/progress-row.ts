/**
 * A teacher's progress read from their row of goal formulas on Teachers (Calls Logged, Conversations,
 * Families Reached, Own Families Reached, Status), which Sheets keeps up to date: the sidebar opening
 * and a save read these figures instead of counting the whole Call Log again. After a save the row is
 * read again once the write is flushed; how many families the teacher is homeroom teacher of is then
 * counted by TextFinder on Families' Homeroom Teacher Email column (only the matches come back). When
 * the row does not hold the figures (a formula column deleted, the row sorted away meanwhile, a
 * teacher below the formula rows), progress is worked out from the tables instead.
 */
import type { Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES } from '../common/schema';
import { decodeText } from '../core/cell-encoding';
import { statusOf, teacherFigures } from '../core/progress';
import {
  type CallRecord,
  type FamilyRecord,
  readCalls,
  readFamilies,
  type TeacherRecord,
} from '../core/records';
import type { ParsedSettings } from '../core/settings';
import { columnFinder, type Header } from './lookup';
import { readTable, type Table } from './tables';

export interface SaveContext {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  parsed: ParsedSettings;
  email: string;
  teacher: TeacherRecord;
  /** Teachers as read before the save (its header and the teacher's row number). */
  teachers: Table;
}

const STATUSES: readonly Progress['status'][] = ['Not started', 'In progress', 'Met', 'Exceeded'];

/** After a save: the teacher's row read again, else the figures worked out from the tables. */
export function progressAfterSave(p: SaveContext, families: Header): Progress {
  const { teachers, teacher } = p;
  const row = teachers.sheet.getSheetValues(teacher.row, 1, 1, Math.max(1, teachers.headers.length))[0] ?? [];
  const homeroom = families.column('Homeroom Teacher Email');
  const ownFamilies = () => (homeroom < 0 ? 0 : columnFinder(families, homeroom, p.email).findAll().length);
  return progressFromRow(p, row, ownFamilies) ?? recomputed(p);
}

/**
 * The progress a row of Teachers' goal formulas shows (`row` as wide as Teachers' header), or null
 * when the row is not the teacher's or does not hold numbers where the formulas put them.
 * `ownFamilies` is asked only when the row holds the figures.
 */
export function progressFromRow(
  p: Pick<SaveContext, 'email' | 'teacher' | 'teachers' | 'parsed' | 'timeZone'>,
  row: readonly unknown[],
  ownFamilies: () => number,
): Progress | null {
  const { teachers, teacher } = p;
  const cell = (header: string) => {
    const at = teachers.column(header);
    return at < 0 ? undefined : row[at];
  };
  const email = decodeText(cell('Email'), p.timeZone).trim().toLowerCase();
  const calls = cell('Calls Logged');
  const conversations = cell('Conversations');
  const familiesReached = cell('Families Reached');
  const ownShare = cell('Own Families Reached');
  if (email !== p.email) return null;
  if (typeof calls !== 'number' || typeof conversations !== 'number' || typeof familiesReached !== 'number')
    return null;
  const own = ownFamilies();
  if (own && typeof ownShare !== 'number') return null;
  const { settings } = p.parsed;
  const goal = teacher.goal ?? settings.defaultGoal;
  const done = settings.goalCounts === 'Attempts' ? calls : conversations;
  const status = String(cell('Status') ?? '') as Progress['status'];
  return {
    goal,
    counts: settings.goalCounts,
    done,
    calls,
    conversations,
    familiesReached,
    ownFamilies: own,
    ownFamiliesNotReached: own - Math.round((ownShare as number) * own || 0),
    percentOfGoal: goal > 0 ? done / goal : 0,
    status: STATUSES.includes(status) ? status : statusOf(calls, done, goal),
  };
}

function recomputed(p: SaveContext): Progress {
  const families = readFamilies(readTable(p.spreadsheet, FAMILIES), p.timeZone);
  const calls = readCalls(readTable(p.spreadsheet, CALL_LOG), p.timeZone);
  return progressOf(p.teacher, families, calls, p.parsed);
}

/** Progress worked out from the tables, as the Teachers formulas work it out in the sheet. */
export function progressOf(
  teacher: TeacherRecord,
  families: readonly FamilyRecord[],
  calls: readonly CallRecord[],
  parsed: ParsedSettings,
): Progress {
  const figures = teacherFigures([teacher], families, calls, parsed.settings).get(teacher.email);
  if (!figures) throw new Error('teacher figures missing');
  const { lastCall: _lastCall, ...progress } = figures;
  return progress;
}
