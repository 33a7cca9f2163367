/**
 * A teacher's progress after a save, read from their row of goal formulas on Teachers (Calls Logged,
 * Conversations, Families Reached, Own Families Reached, Status), which Sheets recalculated when the
 * row was written and flushed: the whole Call Log is never read to work it out again. How many
 * families the teacher is homeroom teacher of is counted by TextFinder on Families' Homeroom Teacher
 * Email column (only the matches come back). When the row does not hold the figures (a formula
 * column deleted, the row sorted away meanwhile, a teacher below the formula rows), progress is
 * worked out from the tables as getSidebarContext does.
 */
import type { Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES } from '../common/schema';
import { decodeText } from '../core/cell-encoding';
import { statusOf } from '../core/progress';
import { readCalls, readFamilies, type TeacherRecord } from '../core/records';
import type { ParsedSettings } from '../core/settings';
import { columnFinder, type Header } from './lookup';
import { progressOf } from './sidebar';
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

export function progressAfterSave(p: SaveContext, families: Header): Progress {
  return progressFromRow(p, families) ?? recomputed(p);
}

function progressFromRow(p: SaveContext, families: Header): Progress | null {
  const { teachers, teacher } = p;
  const row =
    teachers.sheet.getRange(teacher.row, 1, 1, Math.max(1, teachers.headers.length)).getValues()[0] ?? [];
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
  const homeroom = families.column('Homeroom Teacher Email');
  const ownFamilies = homeroom < 0 ? 0 : columnFinder(families, homeroom, p.email).findAll().length;
  if (ownFamilies && typeof ownShare !== 'number') return null;
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
    ownFamilies,
    ownFamiliesNotReached: ownFamilies - Math.round((ownShare as number) * ownFamilies || 0),
    percentOfGoal: goal > 0 ? done / goal : 0,
    status: STATUSES.includes(status) ? status : statusOf(calls, done, goal),
  };
}

function recomputed(p: SaveContext): Progress {
  const families = readFamilies(readTable(p.spreadsheet, FAMILIES), p.timeZone);
  const calls = readCalls(readTable(p.spreadsheet, CALL_LOG), p.timeZone);
  return progressOf(p.teacher, families, calls, p.parsed);
}
