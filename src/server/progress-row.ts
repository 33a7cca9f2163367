/**
 * A teacher's progress read from their row of goal formulas on Teachers (Calls Logged, Conversations,
 * Families Reached, Own Families, Own Families Reached, Status), which Sheets keeps up to date: the
 * sidebar opening and a save read these figures instead of counting the whole Call Log again. After a
 * save the row is read again once the write is flushed. A workbook set up before the Own Families
 * column has the teacher's homeroom families counted by TextFinder on Families' Homeroom Teacher Email
 * column instead (only the matches come back). When the row does not hold the figures (a formula
 * column deleted, the row sorted away meanwhile, a teacher below the formula rows), progress is
 * worked out from the tables instead.
 */
import type { Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES } from '../common/schema';
import { teacherFigures } from '../core/progress';
import {
  type CallRecord,
  type FamilyRecord,
  readCalls,
  readFamilies,
  type TeacherRecord,
} from '../core/records';
import type { ParsedSettings } from '../core/settings';
import { progressFromRow } from '../core/sheet-figures';
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

/** After a save: the teacher's row read again, else the figures worked out from the tables. */
export function progressAfterSave(p: SaveContext, families: Header): Progress {
  const { teachers, teacher } = p;
  const row = teachers.sheet.getSheetValues(teacher.row, 1, 1, Math.max(1, teachers.headers.length))[0] ?? [];
  const homeroom = families.column('Homeroom Teacher Email');
  const ownFamilies = () => (homeroom < 0 ? 0 : columnFinder(families, homeroom, p.email).findAll().length);
  return progressFromRow(p, row, ownFamilies) ?? recomputed(p);
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
