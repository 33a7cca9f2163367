/**
 * logCall: one logged call becomes one Call Log row, or nothing.
 *
 * Validate with the shared schema (src/common/call-input.ts), take the document lock (a clear
 * "busy, try again" when it times out), read the Call Log once inside it, ignore a submission id that
 * is already on the log (a resubmitted form), write ONE row with one setValues by the live header
 * positions (columns may be reordered; columns the school added stay blank), every typed text through
 * the cell encoder, flush, and release the lock in `finally`; the new progress is worked out after.
 * Families is read once: before the lock, or inside it when the call is also saved to the family's
 * record. The number of Spreadsheet service calls does not depend on the size of the workbook.
 */
import { CALL_FIELD_LABELS, callWindowWarning, checkCallInput } from '../common/call-input';
import type { CallInput, LogCallResult, Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES, TEACHERS } from '../common/schema';
import { encodeText, toIsoDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { mergeKnowledge } from '../core/family-knowledge';
import { type CallRecord, type FamilyRecord, readCalls, readFamilies, readTeachers } from '../core/records';
import { findFamily, findTeacher, progressOf, readSettings, signedInEmail } from './sidebar';
import { readTable, type Table } from './tables';

/**
 * How long a save waits for other teachers' saves before the teacher is told to try again. Each save
 * holds the lock for one read of the Call Log and Families, one write and a flush; 30 s (the wait
 * Apps Script's own LockService examples use) lets a staff meeting's worth of teachers pressing Log
 * call at once all save, while the sidebar shows "Saving…", rather than send most of them back to
 * press it again (10 s did: 30 saves at once in the emulator left a third of them "busy").
 */
export const LOCK_TIMEOUT_MS = 30_000;

export const BUSY_MESSAGE =
  'The spreadsheet is busy saving other calls. Nothing was saved: press Log call again in a moment.';

/** Families knowledge columns that "save to the family's record" adds to, and the call field for each. */
const FAMILY_KNOWLEDGE_FROM_CALL = [
  ["Child's Strengths and Interests", 'strengths'],
  ['Hopes This Year', 'hopes'],
] as const;

function progressSentence(progress: Progress): string {
  return `${progress.done} of ${progress.goal} ${progress.counts.toLowerCase()}`;
}

export function logCall(raw: CallInput): LogCallResult {
  const email = signedInEmail();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = readSettings(spreadsheet, timeZone);
  const { input, problems } = checkCallInput(raw, {
    today: toIsoDate(new Date(), timeZone),
    pickLists: parsed.pickLists,
  });
  if (problems.length) throw new UserError(problems.map((p) => p.message).join(' '));

  const teacher = findTeacher(readTeachers(readTable(spreadsheet, TEACHERS), timeZone), email);

  // The lock is held only for what must not interleave: the submission-id check, the row position,
  // the write and the flush (and merging into a family's record, which another save may be merging
  // into too). Everything else happens before taking it or after releasing it, so saves queue for
  // less time.
  const readFamilyTable = () => {
    const table = readTable(spreadsheet, FAMILIES);
    const families = readFamilies(table, timeZone);
    return { table, families, family: findFamily(families, input.studentId) };
  };
  let known = input.saveToFamily ? null : readFamilyTable();

  // null only outside a document (a standalone script or web app), never in the sidebar.
  const lock = LockService.getDocumentLock();
  if (!lock) throw new UserError('Open Log a call from the school spreadsheet to log a call.');
  if (!lock.tryLock(LOCK_TIMEOUT_MS)) throw new UserError(BUSY_MESSAGE);
  let saved: { families: FamilyRecord[]; calls: CallRecord[]; written: boolean; savedToFamily: string[] };
  try {
    known ??= readFamilyTable();
    const { table: familiesTable, families, family } = known;
    const log = readTable(spreadsheet, CALL_LOG);
    for (const header of ['Teacher Email', 'Call Date', 'Student ID', 'Outcome', 'Submission ID'])
      log.require(header);
    const calls = readCalls(log, timeZone);

    if (calls.some((call) => call.submissionId === input.submissionId)) {
      saved = { families, calls, written: false, savedToFamily: [] };
    } else {
      saved = { families, ...writeCall(log, familiesTable, family, calls) };
    }
  } finally {
    lock.releaseLock();
  }

  const progress = progressOf(teacher, saved.families, saved.calls, parsed);
  if (!saved.written) {
    return {
      written: false,
      progress,
      message: `This call was already logged, so it was not saved twice. You have ${progressSentence(progress)}.`,
    };
  }
  const savedTo = saved.savedToFamily.length
    ? ` Saved ${saved.savedToFamily.join(' and ')} to the family's record.`
    : '';
  const warning = callWindowWarning(input.callDate, {
    start: parsed.settings.windowStart,
    end: parsed.settings.windowEnd,
  });
  return {
    written: true,
    progress,
    message: `Call logged: ${progressSentence(progress)}.${savedTo}`,
    ...(warning ? { warning } : {}),
  };

  /** Under the lock: one row, the family's record if asked, flush. Returns the log with the new row. */
  function writeCall(
    log: Table,
    familiesTable: Table,
    family: FamilyRecord,
    calls: CallRecord[],
  ): { calls: CallRecord[]; written: true; savedToFamily: string[] } {
    const loggedAt = new Date();
    const callDate = Utilities.parseDate(input.callDate, timeZone, 'yyyy-MM-dd');
    const followUpBy = input.followUpBy ? Utilities.parseDate(input.followUpBy, timeZone, 'yyyy-MM-dd') : '';
    const cells: Record<string, unknown> = {
      'Logged At': loggedAt,
      'Teacher Email': encodeText(email),
      Teacher: encodeText(teacher.name),
      'Call Date': callDate,
      'Student ID': encodeText(family.studentId),
      'Student Name': encodeText(family.studentName),
      'Person Reached': encodeText(input.personReached),
      Relationship: encodeText(input.relationship),
      Method: encodeText(input.method),
      Outcome: encodeText(input.outcome),
      Language: encodeText(input.language),
      'Interpreter Used': input.interpreterUsed,
      'Strengths the Family Sees': encodeText(input.strengths),
      'Family Hopes': encodeText(input.hopes),
      'What I Learned': encodeText(input.learned),
      'Follow-up Needed': encodeText(input.followUp),
      'Follow-up By': followUpBy,
      'Follow-up Done': false,
      'Submission ID': encodeText(input.submissionId),
    };
    const row: unknown[] = log.headers.map(() => '');
    for (const [header, value] of Object.entries(cells)) {
      const at = log.column(header);
      if (at >= 0) row[at] = value;
    }
    // The row after the last one read: the lock keeps anyone else from appending meanwhile.
    log.sheet.getRange(log.rows.length + 2, 1, 1, row.length).setValues([row]);

    const savedToFamily: string[] = [];
    if (input.saveToFamily) {
      for (const [header, field] of FAMILY_KNOWLEDGE_FROM_CALL) {
        const at = familiesTable.column(header);
        const merged = at >= 0 ? mergeKnowledge(family.knowledge[header] ?? '', input[field]) : null;
        if (merged === null) continue;
        familiesTable.sheet.getRange(family.row, at + 1).setValue(encodeText(merged));
        savedToFamily.push(CALL_FIELD_LABELS[field].toLowerCase());
      }
    }
    SpreadsheetApp.flush();

    const written: CallRecord = {
      row: log.rows.length + 2,
      loggedAt,
      teacherEmail: email,
      teacherName: teacher.name,
      callDate: input.callDate,
      studentId: family.studentId,
      studentName: family.studentName,
      personReached: input.personReached,
      relationship: input.relationship,
      method: input.method,
      outcome: input.outcome,
      language: input.language,
      interpreterUsed: input.interpreterUsed,
      strengths: input.strengths,
      hopes: input.hopes,
      learned: input.learned,
      followUp: input.followUp,
      followUpBy: input.followUpBy,
      followUpDone: false,
      submissionId: input.submissionId,
    };
    return { calls: [...calls, written], written: true, savedToFamily };
  }
}
