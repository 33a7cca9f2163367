/**
 * Record a check-in (Extensions > Relationship Calls > Record a check-in…): the principal picks a
 * teacher from Teachers, writes what is working and the next step, and saves one Check-ins row in one
 * call. The dialog also lists who is due a check-in; that list is for whoever opened it, never on the
 * shared Summary tab.
 */
import type { CheckInContext, CheckInInput, CheckInResult } from '../common/rpc';
import { CHECK_INS, SETTING_DEFAULTS, TAB, TEACHERS } from '../common/schema';
import { toIsoDate } from '../core/cell-encoding';
import { checkInProblems, dueForCheckIn, teacherCheckIns } from '../core/check-ins';
import { UserError } from '../core/errors';
import { readCheckIns, readTeachers, sheetRow, toRow } from '../core/records';
import { parseSettings } from '../core/settings';
import { growingRange } from './sheet-size';
import { getSheetOrExplain, readTable, type Table } from './tables';

const BUSY = 'The spreadsheet is busy, so the check-in was not saved. Press Save again in a moment.';

function contextOf(teachers: Table, checkIns: Table, timeZone: string, days: number): CheckInContext {
  const today = toIsoDate(new Date(), timeZone);
  const all = teacherCheckIns(readTeachers(teachers, timeZone), readCheckIns(checkIns, timeZone));
  return { today, days, teachers: all, due: dueForCheckIn(all, today, days).map((t) => t.email) };
}

function checkInDays(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): number {
  const settings = getSheetOrExplain(spreadsheet, TAB.settings).getDataRange().getValues();
  return parseSettings(settings, timeZone).settings.checkInDays ?? SETTING_DEFAULTS.checkInDays;
}

/** Dialog: the teachers to pick from, and who is due a check-in. */
export function getCheckInContext(): CheckInContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return contextOf(
    readTable(spreadsheet, TEACHERS),
    readTable(spreadsheet, CHECK_INS),
    timeZone,
    checkInDays(spreadsheet, timeZone),
  );
}

/** Dialog: validate, then one Check-ins row (by header) under the document lock. */
export function recordCheckIn(input: CheckInInput): CheckInResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const teachers = readTable(spreadsheet, TEACHERS);
  const today = toIsoDate(new Date(), timeZone);
  const emails = new Set(
    readTeachers(teachers, timeZone)
      .map((t) => t.email)
      .filter(Boolean),
  );
  const problems = checkInProblems(input, emails, today, timeZone);
  if (problems.length) throw new UserError(`The check-in was not saved. ${problems.join(' ')}`);
  const email = input.teacherEmail.trim().toLowerCase();
  const days = checkInDays(spreadsheet, timeZone);

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) throw new UserError(BUSY);
  try {
    const checkIns = readTable(spreadsheet, CHECK_INS);
    checkIns.requireFor('checkIn');
    const row = toRow(
      CHECK_INS,
      checkIns.headers,
      {
        date: input.date.trim(),
        teacherEmail: email,
        working: input.working.trim(),
        nextStep: input.nextStep.trim(),
        by: Session.getActiveUser().getEmail(),
      },
      timeZone,
    );
    growingRange(checkIns.sheet, sheetRow(checkIns.rows.length), 1, 1, row.length, 100).setValues([row]);
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  const context = contextOf(teachers, readTable(spreadsheet, CHECK_INS), timeZone, days);
  const name = context.teachers.find((t) => t.email === email)?.name ?? email;
  return { message: `Check-in with ${name} on ${input.date.trim()} saved.`, context };
}
