/**
 * The sidebar's reads: who is signed in, their families, the pick-lists and their progress
 * (getSidebarContext), and what the school knows about one family (getFamilyKnowledge). Each reads
 * every table it needs once, whatever its size: a constant number of Spreadsheet service calls.
 */
import type { FamilyKnowledge, FamilyOption, LoggedCall, NotOnTeachers, SidebarContext } from '../common/rpc';
import { CALL_LOG, FAMILIES, MAX_NOTE_LENGTH, TAB, TEACHERS } from '../common/schema';
import { toIsoDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { familyKnowledge } from '../core/family-knowledge';
import { type FamilyFigures, familyFigures } from '../core/progress';
import {
  dataIndex,
  type FamilyRecord,
  readCalls,
  readFamilies,
  readTeachers,
  type TeacherRecord,
} from '../core/records';
import { type ParsedSettings, parseSettings } from '../core/settings';
import { familyFiguresOnSheet, progressFromRow } from '../core/sheet-figures';
import { progressOf } from './progress-row';
import { readRecentCalls } from './recent-calls';
import { dataValues, getSheetOrExplain, readTable } from './tables';

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
  return parseSettings(dataValues(getSheetOrExplain(spreadsheet, TAB.settings)), timeZone);
}

export function findTeacher(teachers: readonly TeacherRecord[], email: string): TeacherRecord {
  const teacher = teachers.find((t) => t.email === email);
  if (!teacher) throw new UserError(notOnTeachersMessage(email));
  return teacher;
}

/**
 * The sentence for someone whose email is not on Teachers, fitting who they are: a homeroom teacher
 * the Families tab names (they belong on Teachers), the spreadsheet's owner (usually the principal
 * who set it up), or another editor (a principal, coach or teacher not added yet). Everyone who can
 * open the sidebar can edit the spreadsheet, so each is told how to add themselves. Families and
 * the owner are read only here, on this rare path.
 */
export function notOnTeachersMessage(email: string): string {
  const start = `You are signed in as ${email}, which is not on the Teachers tab, so calls you log cannot count toward a goal.`;
  const addYourself =
    'add a row for yourself on the Teachers tab (your name, this email and your goal), then open Log a call again';
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const homeroom = readFamilies(readTable(spreadsheet, FAMILIES), timeZone).filter(
    (f) => f.homeroomEmail === email,
  ).length;
  if (homeroom) {
    const families = homeroom === 1 ? '1 family' : `${homeroom} families`;
    return `${start} The Families tab lists you as homeroom teacher of ${families}: ${addYourself}.`;
  }
  // getOwner() is null for a file on a shared drive, and in the emulator: then the editor's sentence.
  const owner = String(spreadsheet.getOwner()?.getEmail() ?? '').toLowerCase();
  if (owner && owner === email) {
    return `${start} As this spreadsheet's owner, open the Summary tab to see how the school's calls are going (Extensions > Relationship Calls > Rebuild principal summary brings it up to date). To log calls yourself, ${addYourself}.`;
  }
  return `${start} If you call families, ${addYourself}. If you lead or coach the school, the Summary tab shows how the calls are going.`;
}

/**
 * What the sidebar opens with. Progress comes from the teacher's row of goal formulas on Teachers and
 * each family's Attempts and Reached from its row of formulas on Families, as Sheets keeps them, so
 * the Call Log is read only for the teacher's recent calls (recent-calls.ts), not counted whole. When
 * a formula column is missing or does not hold what its formulas give (deleted, typed over, a row
 * below the formula rows), the figures are worked out from the whole Call Log instead.
 */
export function getSidebarContext(): SidebarContext | NotOnTeachers {
  const email = signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const teachersTable = readTable(spreadsheet, TEACHERS);
  const teacher = readTeachers(teachersTable, timeZone).find((t) => t.email === email);
  if (!teacher) return { notOnTeachers: true, email, message: notOnTeachersMessage(email) };
  const familiesTable = readTable(spreadsheet, FAMILIES);
  const families = readFamilies(familiesTable, timeZone);
  const ownFamilies = () => families.filter((f) => f.homeroomEmail === email).length;
  const row = teachersTable.rows[dataIndex(teacher.row)] ?? [];
  let progress = progressFromRow(
    { email, teacher, teachers: teachersTable, parsed, timeZone },
    row,
    ownFamilies,
  );
  let byFamily = familyFiguresOnSheet(familiesTable, families);
  if (!progress || !byFamily) {
    const calls = readCalls(readTable(spreadsheet, CALL_LOG), timeZone);
    byFamily ??= familyFigures(calls, parsed.settings);
    progress ??= progressOf(teacher, families, calls, parsed);
  }
  const recentCalls = readRecentCalls(spreadsheet, email, timeZone);
  return {
    teacher: { name: teacher.name, email },
    today: toIsoDate(new Date(), timeZone),
    timeZone,
    callWindow: { start: parsed.settings.windowStart, end: parsed.settings.windowEnd },
    families: familyOptions(families, byFamily, email),
    pickLists: parsed.pickLists,
    prompts: parsed.prompts,
    progress,
    maxNoteLength: MAX_NOTE_LENGTH,
    settingsProblems: parsed.problems,
    recentCalls,
    defaults: { method: defaultMethod(recentCalls, parsed.pickLists.methods) },
  };
}

/** The family picker's list: one entry per student id, the teacher's own families first, by name. */
function familyOptions(
  families: readonly FamilyRecord[],
  byFamily: ReadonlyMap<string, Pick<FamilyFigures, 'attempts' | 'reached'>>,
  email: string,
): FamilyOption[] {
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
      row: family.row,
    });
  }
  return options.sort(
    (a, b) =>
      Number(b.own) - Number(a.own) ||
      a.studentName.localeCompare(b.studentName) ||
      a.studentId.localeCompare(b.studentId),
  );
}

/** The method a teacher uses most recently, so a one-tap attempt is saved the way they call. */
function defaultMethod(recent: readonly LoggedCall[], methods: readonly string[]): string {
  const last = recent.find((call) => methods.includes(call.method))?.method;
  return last ?? methods[0] ?? '';
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
  return familyKnowledge(family, parsed.prompts, lastContact, calls, parsed.pickLists.relationships);
}
