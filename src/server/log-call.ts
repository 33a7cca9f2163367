/**
 * logCall, editCall and deleteCall: one logged call is one Call Log row, or nothing.
 *
 * Validate with the shared schema (src/common/call-input.ts), take the document lock (a clear
 * "busy, try again" when it times out), and inside it only search for the submission id with a
 * TextFinder (src/server/lookup.ts: only the match comes back), write by the live header positions
 * (columns may be reordered; columns the school added are left as they are), every typed text
 * through the cell encoder, flush, and release the lock in `finally`; the new progress is read
 * after, from the teacher's row of goal formulas. logCall ignores a submission id already on the
 * log (a resubmitted form) and writes ONE row with one setValues. editCall and deleteCall find the
 * row by its submission id inside the lock (never by a row number from the client: rows move when
 * others delete or sort) and change it only when the signed-in teacher is the one who logged it.
 * The number of Spreadsheet service calls does not depend on the size of the workbook.
 */
import {
  CALL_FIELD_LABELS,
  callWindowWarning,
  checkCallInput,
  isReachedOutcome,
  isSubmissionId,
} from '../common/call-input';
import type { CallInput, LogCallResult, LoggedCall, Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES, headerKey, requiredHeaders, TEACHERS } from '../common/schema';
import { encodeText, toIsoDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { mergeKnowledge } from '../core/family-knowledge';
import {
  type CallRecord,
  type FamilyRecord,
  isDataRow,
  readCalls,
  readFamilies,
  readTeachers,
  type TeacherRecord,
  toCells,
  toRow,
} from '../core/records';
import { columnFinder, type Header, readHeader, recordOnRow } from './lookup';
import { progressAfterSave } from './progress-row';
import { readRecentCalls } from './recent-calls';
import { growingRange } from './sheet-size';
import { findFamily, findTeacher, readSettings, signedInEmail } from './sidebar';
import { readTable } from './tables';

/**
 * How long a save waits for other teachers' saves before the teacher is told to try again. Each save
 * holds the lock only for the submission-id search, the next free row, one write and a flush: about
 * a second under the emulator's latency model (published figures: a flush alone is about 0.6 s), so
 * 40 teachers pressing Log call within 10 seconds at a staff meeting hold it for about 40 s in all
 * and the last of them waits about 30 s. 60 s lets every one of them save while the sidebar shows
 * "Saving…", rather than send the last ones back to press again (30 s did: the staff-meeting test
 * in test/bundle/log-call.test.ts told a quarter of them "busy"); an execution may run 6 minutes.
 */
export const LOCK_TIMEOUT_MS = 60_000;

export const BUSY_MESSAGE =
  'The spreadsheet is busy saving other calls. Nothing was saved: press Log call again in a moment.';

const NOT_YOURS =
  'This call was logged by another teacher, so only they can change or delete it. Nothing was changed.';

/** Families knowledge columns that "save to the family's record" adds to, and the call field for each. */
const FAMILY_KNOWLEDGE_FROM_CALL = [
  ["Child's Strengths and Interests", 'strengths'],
  ['Hopes This Year', 'hopes'],
] as const;

/** Rows added below a full Call Log at once, so the next few hundred saves need no growing. */
const SPARE_LOG_ROWS = 500;

/** Call Log columns every action here reads or finds rows by. */
const LOG_COLUMNS = requiredHeaders(CALL_LOG, 'logCall');

/**
 * Now, to the whole second: Logged At and Edited At are shown to the second, and "My recent calls"
 * orders calls saved in the same second by row, which only works if their times are equal (the
 * emulator's date cells also read back a few milliseconds off, differently for different times).
 */
function nowToTheSecond(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

function progressSentence(progress: Progress): string {
  return `${progress.done} of ${progress.goal} ${progress.counts.toLowerCase()}`;
}

/** "Foster parent" -> "foster parent"; "SMS" stays (only a capital followed by lower case drops). */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const OUTCOME_LINK: Record<string, string> = { noanswer: 'from', leftamessage: 'for' };

/**
 * What happened, naming the family: "reached Clara Hollis, Maya Hollis's foster parent" or
 * "wrong or disconnected number for Maya Hollis's family".
 */
export function describeCall(
  call: Pick<CallInput, 'outcome' | 'personReached' | 'relationship'>,
  studentName: string,
): string {
  const whose = `${studentName}'s`;
  if (isReachedOutcome(call.outcome)) {
    if (!call.personReached) return `reached ${whose} family`;
    const related = call.relationship && headerKey(call.relationship) !== 'other';
    return related
      ? `reached ${call.personReached}, ${whose} ${lowerFirst(call.relationship)}`
      : `reached ${call.personReached} (${whose} family)`;
  }
  return `${lowerFirst(call.outcome)} ${OUTCOME_LINK[headerKey(call.outcome)] ?? 'for'} ${whose} family`;
}

/** Everything an action needs before its lock: who, the settings, and the checked input. */
function prepare(raw: CallInput) {
  const email = signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const { input, problems } = checkCallInput(raw, {
    today: toIsoDate(new Date(), timeZone),
    pickLists: parsed.pickLists,
  });
  if (problems.length) throw new UserError(problems.map((p) => p.message).join(' '));
  const teachers = readTable(spreadsheet, TEACHERS);
  const teacher = findTeacher(readTeachers(teachers, timeZone), email);
  return { email, spreadsheet, timeZone, parsed, input, teacher, teachers };
}

type Prepared = ReturnType<typeof prepare>;

/** Runs `action` holding the document lock; a sentence, and nothing done, when it stays busy. */
function underLock<T>(action: () => T): T {
  // null only outside a document (a standalone script or web app), never in the sidebar.
  const lock = LockService.getDocumentLock();
  if (!lock) throw new UserError('Open Log a call from the school spreadsheet to log a call.');
  if (!lock.tryLock(LOCK_TIMEOUT_MS)) throw new UserError(BUSY_MESSAGE);
  try {
    return action();
  } finally {
    lock.releaseLock();
  }
}

function readFamilyTable(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string) {
  const table = readTable(spreadsheet, FAMILIES);
  return { table, families: readFamilies(table, timeZone) };
}

/** The call's fields as the form gave them, with the family's id and name as Families has them. */
function callFields(input: CallInput, family: FamilyRecord) {
  const { saveToFamily: _, ...fields } = input;
  return { ...fields, studentId: family.studentId, studentName: family.studentName };
}

/**
 * The answer of an edit or a delete, worked out after the lock: the new progress from the teacher's
 * row of goal formulas, and the teacher's latest calls read again (the list changes in place;
 * recent-calls.ts reads only the rows it lists once the log is long; nothing of it needs the lock).
 */
function answer(
  p: Pick<Prepared, 'email' | 'spreadsheet' | 'timeZone' | 'parsed' | 'teacher' | 'teachers'>,
  families: Header,
  written: boolean,
  message: (progress: string) => string,
): LogCallResult {
  const progress = progressAfterSave(p, families);
  return {
    written,
    progress,
    message: message(progressSentence(progress)),
    recentCalls: readRecentCalls(p.spreadsheet, p.email, p.timeZone),
  };
}

type TextFinder = GoogleAppsScript.Spreadsheet.TextFinder;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * Under the lock: the call whose Submission ID cell holds exactly `id`, read as one row, or null.
 * `anywhere` is a TextFinder over the whole tab with its defaults (part of a cell, any case), two
 * calls fewer than a whole-cell search of the column's range. Ids are random, so a new call's id is
 * in no cell and one findNext says so, and a logged call's first hit is almost always its own
 * Submission ID cell, kept when the row there holds exactly the id. Otherwise (the id pasted into a
 * note of an earlier row, an id differing only in case) the column is searched for the exact cell,
 * case included.
 */
function callWithId(log: Header, anywhere: TextFinder, id: string, timeZone: string): CallRecord | null {
  const callAt = (hit: Range | null): CallRecord | null =>
    hit &&
    recordOnRow(
      log,
      hit.getRow(),
      (table) => readCalls(table, timeZone),
      (call) => call.submissionId === id,
    );
  const first = anywhere.findNext();
  if (!first) return null;
  return (
    callAt(first) ?? callAt(columnFinder(log, log.column('Submission ID'), id).matchCase(true).findNext())
  );
}

/** Under the lock: the caller's own call with this submission id; a sentence when it is someone else's. */
function ownCallRow(log: Header, submissionId: string, email: string, timeZone: string): CallRecord | null {
  const call = callWithId(log, log.sheet.createTextFinder(submissionId), submissionId, timeZone);
  if (call && call.teacherEmail !== email) throw new UserError(NOT_YOURS);
  return call;
}

function callLogHeader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Header {
  const log = readHeader(spreadsheet, CALL_LOG);
  for (const header of LOG_COLUMNS) log.require(header);
  return log;
}

/**
 * Logs one call. Outside the lock: the checked input, Settings and Teachers (short tabs), the
 * family's one row (the row the sidebar saw it on when that row still holds it, else found by
 * TextFinder on Student ID), and the Call Log's header row. Inside it, only what must not
 * interleave: the submission-id search (a TextFinder: a replay, even of a save whose answer was lost,
 * finds the row the first save wrote and flushed), one setValues at the next free row, the family's
 * record when asked, and the flush. After it, the new progress is read from the teacher's row of goal
 * formulas on Teachers, recalculated by Sheets. Neither the calls nor the cells read depend on the
 * length of the Call Log or of Families.
 */
export function logCall(raw: CallInput, familyRow?: unknown): LogCallResult {
  const p = prepare(raw);
  const { input, spreadsheet, timeZone } = p;
  const logHeader = callLogHeader(spreadsheet);
  // Built before the lock, searched at findNext under it (a TextFinder searches when asked).
  const replay = logHeader.sheet.createTextFinder(input.submissionId);
  const family = () => findFamilyRow(spreadsheet, timeZone, input.studentId, familyRow);
  // Saving to the family's record merges into cells another save may be merging into: the family's
  // row is then read under the lock.
  let found = input.saveToFamily ? null : family();
  const saved = underLock(() => {
    if (callWithId(logHeader, replay, input.submissionId, timeZone))
      return { written: false as const, savedToFamily: [] as string[] };
    found ??= family();
    return { written: true as const, ...appendCall(p, logHeader, found) };
  });
  found ??= family();
  const progress = progressAfterSave(p, found.header);
  const recentCalls = [loggedCallOf(input, found.family, saved.written ? saved.loggedAt : null, timeZone)];
  if (!saved.written)
    return {
      written: false,
      progress,
      message: `This call was already logged, so it was not saved twice. You have ${progressSentence(progress)}.`,
      recentCalls,
      savedCallOnly: true,
    };
  const savedTo = saved.savedToFamily.length
    ? ` Saved ${saved.savedToFamily.join(' and ')} to the family's record.`
    : '';
  const warning = callWindowWarning(input.callDate, {
    start: p.parsed.settings.windowStart,
    end: p.parsed.settings.windowEnd,
  });
  const what = describeCall(input, found.family.studentName || found.family.studentId);
  return {
    written: true,
    progress,
    message: `Call logged: ${what}. ${progressSentence(progress)}.${savedTo}`,
    recentCalls,
    savedCallOnly: true,
    ...(warning ? { warning } : {}),
  };
}

/**
 * The family's row. First the row the sidebar saw it on (`rowHint`), read alone and kept only if its
 * Student ID is still the id: rows move only when someone sorts or deletes, so this is almost always
 * it. Else a TextFinder over the Families tab (one call fewer than over the Student ID column's
 * range) finds the first cell holding exactly the id, whose row is kept on the same check. An id that
 * only matches ignoring case or with spaces around it, or a first match in another column (an id
 * equal to a grade, say), is looked up again by reading Families whole, so a family the sheet has is
 * never refused; a family it lacks gets the same sentence as before.
 */
function findFamilyRow(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  timeZone: string,
  studentId: unknown,
  rowHint?: unknown,
): { family: FamilyRecord; header: Header } {
  const id = typeof studentId === 'string' ? studentId.trim() : '';
  const header = readHeader(spreadsheet, FAMILIES);
  header.require('Student ID');
  const atRow = (row: number) => {
    const family = recordOnRow(
      header,
      row,
      (table) => readFamilies(table, timeZone),
      (record) => record.studentId === id,
    );
    return family ? { family, header } : null;
  };
  const hinted = id && isDataRow(rowHint) ? hintedRow(() => atRow(rowHint)) : null;
  if (hinted) return hinted;
  const hit = id ? header.sheet.createTextFinder(id).matchEntireCell(true).findNext() : null;
  const found = hit ? atRow(hit.getRow()) : null;
  return found ?? { family: findFamily(readFamilyTable(spreadsheet, timeZone).families, studentId), header };
}

/** The hinted row's family, or null when that row is no longer on the tab (rows were deleted). */
function hintedRow<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    // A row below the tab's last row: Apps Script refuses the range (src/server/sheet-size.ts, probe
    // api.range.outside-sheet). The TextFinder then finds the family wherever it is now.
    return null;
  }
}

/** A call as "My recent calls" lists it, from what was saved (loggedAt null: saved by an earlier press). */
function loggedCallOf(
  input: CallInput,
  family: FamilyRecord,
  loggedAt: Date | null,
  timeZone: string,
): LoggedCall {
  return {
    ...input,
    studentId: family.studentId,
    studentName: family.studentName,
    saveToFamily: false,
    loggedOn: toIsoDate(loggedAt ?? new Date(), timeZone),
    edited: false,
  };
}

/** Under the lock: one row at the next free row, the family's record if asked, flush. */
function appendCall(
  p: Prepared,
  log: Header,
  found: { family: FamilyRecord; header: Header },
): { loggedAt: Date; savedToFamily: string[] } {
  const { input, email, teacher, timeZone } = p;
  const loggedAt = nowToTheSecond();
  const record: Partial<CallRecord> = {
    ...callFields(input, found.family),
    loggedAt,
    teacherEmail: email,
    teacherName: teacher.name,
    followUpDone: false,
    editedAt: null,
  };
  const row = toRow(CALL_LOG, log.headers, record, timeZone);
  // The row after the last one with content: the lock keeps anyone else from writing there meanwhile.
  const sheet = log.sheet;
  growingRange(sheet, sheet.getLastRow() + 1, 1, 1, row.length, SPARE_LOG_ROWS).setValues([row]);
  const savedToFamily = input.saveToFamily ? saveToFamilyRecord(input, found.header, found.family) : [];
  SpreadsheetApp.flush();
  return { loggedAt, savedToFamily };
}

/** Adds strengths and hopes to the family's knowledge cells; returns the labels of what it saved. */
function saveToFamilyRecord(
  input: CallInput,
  familiesTable: Pick<Header, 'column' | 'sheet'>,
  family: FamilyRecord,
): string[] {
  const savedToFamily: string[] = [];
  for (const [header, field] of FAMILY_KNOWLEDGE_FROM_CALL) {
    const at = familiesTable.column(header);
    const merged = at >= 0 ? mergeKnowledge(family.knowledge[header] ?? '', input[field]) : null;
    if (merged === null) continue;
    familiesTable.sheet.getRange(family.row, at + 1).setValue(encodeText(merged));
    savedToFamily.push(CALL_FIELD_LABELS[field].toLowerCase());
  }
  return savedToFamily;
}

/**
 * Writes the cells of one row an edit changes, one setValues per run of adjacent columns (two in
 * the schema's order: the call's fields, then Edited At), and nothing else: Logged At, the teacher,
 * the follow-up tick, the submission id and the school's own columns are never rewritten, so a
 * formula, a link or a date there stays exactly as it was. The number of runs depends on the
 * header row only, never on the number of rows.
 */
function writeCells(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  row: number,
  cells: Map<number, unknown>,
): void {
  const columns = [...cells.keys()].filter((c) => c >= 0).sort((a, b) => a - b);
  let start = 0;
  for (let i = 1; i <= columns.length; i++) {
    if (i < columns.length && columns[i] === (columns[i - 1] as number) + 1) continue;
    const run = columns.slice(start, i);
    sheet.getRange(row, (run[0] as number) + 1, 1, run.length).setValues([run.map((c) => cells.get(c))]);
    start = i;
  }
}

/**
 * Rewrites the caller's own call, found by its submission id under the lock, with what the form
 * now says and the time in Edited At. Logged At, the teacher, the follow-up tick, the submission id
 * and the school's own columns stay as they were. Saving to the family's record is for new calls
 * only: an edit that fixes a typo would otherwise add a second version to the family's cells.
 * Pressing Save changes again after a timeout writes the same text again: harmless. `familyRow`: as
 * for logCall, where the sidebar saw the family.
 */
export function editCall(raw: CallInput, familyRow?: unknown): LogCallResult {
  const p = prepare(raw);
  const { input, spreadsheet, timeZone, email } = p;
  const { family, header: families } = findFamilyRow(spreadsheet, timeZone, input.studentId, familyRow);
  const log = callLogHeader(spreadsheet);
  for (const header of requiredHeaders(CALL_LOG, 'editCall')) log.require(header);
  underLock(() => {
    const call = ownCallRow(log, input.submissionId, email, timeZone);
    if (!call)
      throw new UserError(
        'That call is no longer on the Call Log (was its row deleted?), so it could not be changed. Log it again as a new call if it happened.',
      );
    // The submission id found the row and stays as it is; the form's fields and Edited At change.
    const { submissionId: _, ...fields } = callFields(input, family);
    writeCells(
      log.sheet,
      call.row,
      toCells(CALL_LOG, log.headers, { ...fields, editedAt: nowToTheSecond() }, timeZone),
    );
    SpreadsheetApp.flush();
  });
  const what = describeCall(input, family.studentName || family.studentId);
  return answer(p, families, true, (progress) => `Call updated: ${what}. ${progress}.`);
}

/**
 * Deletes the caller's own call: its row goes, found by submission id under the lock.
 *
 * Why delete the row rather than mark it deleted: every figure (the Teachers and Families goal
 * formulas over whole Call Log columns, the Summary, the sidebar's progress) counts the rows that
 * are there, so a removed row stops counting everywhere at once, while a mark would have to be
 * excluded by every formula and reader, and a row typed by hand would never carry it. Deleting is
 * safe while others save: every append and every delete runs under this same document lock and
 * works out its row from a read made inside it, so no save can land on a row number that a delete
 * has just shifted; whole-column ranges (A:A) keep their shape when a row goes, so no formula breaks.
 * A second press after a timeout finds nothing and says so, changing nothing.
 */
export function deleteCall(submissionId: unknown): LogCallResult {
  if (!isSubmissionId(submissionId))
    throw new UserError('That call has no valid submission id. Reload the sidebar and try again.');
  const email = signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const teachers = readTable(spreadsheet, TEACHERS);
  const teacher: TeacherRecord = findTeacher(readTeachers(teachers, timeZone), email);
  const families = readHeader(spreadsheet, FAMILIES);
  const log = callLogHeader(spreadsheet);
  const call = underLock(() => {
    const own = ownCallRow(log, submissionId, email, timeZone);
    if (own) {
      log.sheet.deleteRow(own.row);
      SpreadsheetApp.flush();
    }
    return own;
  });
  const p = { email, spreadsheet, timeZone, parsed, teacher, teachers };
  if (!call)
    return answer(
      p,
      families,
      false,
      (progress) =>
        `That call is no longer on the Call Log, so there was nothing to delete. You have ${progress}.`,
    );
  const what = describeCall(call, call.studentName || call.studentId);
  const day = call.callDate ? ` on ${call.callDate}` : '';
  return answer(p, families, true, (progress) => `Call deleted: ${what}${day}. ${progress}.`);
}
