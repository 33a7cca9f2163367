/**
 * The sidebar's reads: who is signed in, their families, the pick-lists and their progress
 * (getSidebarContext), and what the school knows about one family (getFamilyKnowledge). Each reads
 * every table it needs once, whatever its size: a constant number of Spreadsheet service calls.
 */
import type { FamilyKnowledge, FamilyOption, Progress, SidebarContext } from '../common/rpc';
import { CALL_LOG, FAMILIES, MAX_NOTE_LENGTH, TAB, TEACHERS } from '../common/schema';
import { toIsoDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { familyKnowledge } from '../core/family-knowledge';
import { familyFigures, teacherFigures } from '../core/progress';
import {
  type CallRecord,
  type FamilyRecord,
  readCalls,
  readFamilies,
  readTeachers,
  type TeacherRecord,
} from '../core/records';
import { type ParsedSettings, parseSettings } from '../core/settings';
import { getSheetOrExplain, readTable } from './tables';

/** The signed-in user's email from Session (never from the client), lower-cased. */
export function signedInEmail(): string {
  const email = String(Session.getActiveUser().getEmail() ?? '')
    .trim()
    .toLowerCase();
  if (!email) {
    throw new UserError(
      'Relationship Calls cannot tell which Google account you are signed in with, so nothing can be logged under your name. Open the spreadsheet in a browser window where only your school account is signed in, then open Log a call again.',
    );
  }
  return email;
}

export function readSettings(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  timeZone: string,
): ParsedSettings {
  const values = getSheetOrExplain(spreadsheet, TAB.settings).getDataRange().getValues();
  return parseSettings(values, timeZone);
}

export function findTeacher(teachers: readonly TeacherRecord[], email: string): TeacherRecord {
  const teacher = teachers.find((t) => t.email === email);
  if (!teacher) {
    throw new UserError(
      `You are signed in as ${email}, which is not on the Teachers tab, so your calls cannot count toward a goal. Ask your principal to add a row for you on the Teachers tab with this email (and your name and goal), then open Log a call again.`,
    );
  }
  return teacher;
}

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

export function getSidebarContext(): SidebarContext {
  const email = signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const teachers = readTeachers(readTable(spreadsheet, TEACHERS), timeZone);
  const teacher = findTeacher(teachers, email);
  const families = readFamilies(readTable(spreadsheet, FAMILIES), timeZone);
  const calls = readCalls(readTable(spreadsheet, CALL_LOG), timeZone);
  const byFamily = familyFigures(calls, parsed.settings);

  const seen = new Set<string>();
  const options: FamilyOption[] = [];
  for (const family of families) {
    if (!family.studentId || seen.has(family.studentId)) continue;
    seen.add(family.studentId);
    const figures = byFamily.get(family.studentId);
    options.push({
      studentId: family.studentId,
      studentName: family.studentName,
      grade: family.grade,
      caregivers: family.caregivers,
      preferredLanguage: family.preferredLanguage,
      interpreterNeeded: family.interpreterNeeded,
      own: family.homeroomEmail === email,
      reached: figures?.reached ?? false,
      attempts: figures?.attempts ?? 0,
    });
  }
  options.sort(
    (a, b) =>
      Number(b.own) - Number(a.own) ||
      a.studentName.localeCompare(b.studentName) ||
      a.studentId.localeCompare(b.studentId),
  );

  return {
    teacher: { name: teacher.name, email },
    today: toIsoDate(new Date(), timeZone),
    timeZone,
    callWindow: { start: parsed.settings.windowStart, end: parsed.settings.windowEnd },
    families: options,
    pickLists: parsed.pickLists,
    prompts: parsed.prompts,
    progress: progressOf(teacher, families, calls, parsed),
    maxNoteLength: MAX_NOTE_LENGTH,
    settingsProblems: parsed.problems,
  };
}

export function findFamily(families: readonly FamilyRecord[], studentId: unknown): FamilyRecord {
  const id = typeof studentId === 'string' ? studentId.trim() : '';
  const family = id ? families.find((f) => f.studentId === id) : undefined;
  if (!family) {
    throw new UserError(
      'That family is not on the Families tab (was the row deleted or its student id changed?). Choose the family again from the list; if it is missing, ask your principal to add it to Families.',
    );
  }
  return family;
}

export function getFamilyKnowledge(studentId: string): FamilyKnowledge {
  signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const family = findFamily(readFamilies(readTable(spreadsheet, FAMILIES), timeZone), studentId);
  const calls = readCalls(readTable(spreadsheet, CALL_LOG), timeZone);
  // Last contact counts every logged call, inside the call window or not: it answers "when did
  // someone last talk to them", not a goal question.
  const lastContact =
    familyFigures(calls, { windowStart: '', windowEnd: '' }).get(family.studentId)?.lastContact ?? '';
  return familyKnowledge(family, parsed.prompts, lastContact);
}
