/**
 * logCall: one logged call becomes one Call Log row, or nothing.
 *
 * Validate with the shared schema (src/common/call-input.ts), take the document lock (a clear
 * "busy, try again" when it times out), read the Call Log and Families once inside it, ignore a
 * submission id that is already on the log (a resubmitted form), write ONE row with one setValues by
 * the live header positions (columns may be reordered; columns the school added stay blank), every
 * typed text through the cell encoder, flush, and release the lock in `finally`. The number of
 * Spreadsheet service calls does not depend on the size of the workbook.
 */
import { CALL_FIELD_LABELS, callWindowWarning, checkCallInput } from '../common/call-input';
import type { CallInput, LogCallResult, Progress } from '../common/rpc';
import { CALL_LOG, FAMILIES, TEACHERS } from '../common/schema';
import { encodeText, toIsoDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { mergeKnowledge } from '../core/family-knowledge';
import { type CallRecord, readCalls, readFamilies, readTeachers } from '../core/records';
import { findFamily, findTeacher, progressOf, readSettings, signedInEmail } from './sidebar';
import { readTable } from './tables';

/** How long a teacher waits for another teacher's save before being told to try again. */
export const LOCK_TIMEOUT_MS = 10_000;

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

  // null only outside a document (a standalone script or web app), never in the sidebar.
  const lock = LockService.getDocumentLock();
  if (!lock) throw new UserError('Open Log a call from the school spreadsheet to log a call.');
  if (!lock.tryLock(LOCK_TIMEOUT_MS)) throw new UserError(BUSY_MESSAGE);
  try {
    const familiesTable = readTable(spreadsheet, FAMILIES);
    const families = readFamilies(familiesTable, timeZone);
    const family = findFamily(families, input.studentId);
    const log = readTable(spreadsheet, CALL_LOG);
    for (const header of ['Teacher Email', 'Call Date', 'Student ID', 'Outcome', 'Submission ID'])
      log.require(header);
    const calls = readCalls(log, timeZone);

    if (calls.some((call) => call.submissionId === input.submissionId)) {
      const progress = progressOf(teacher, families, calls, parsed);
      return {
        written: false,
        progress,
        message: `This call was already logged, so it was not saved twice. You have ${progressSentence(progress)}.`,
      };
    }

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
    const progress = progressOf(teacher, families, [...calls, written], parsed);
    const saved = savedToFamily.length ? ` Saved ${savedToFamily.join(' and ')} to the family's record.` : '';
    const warning = callWindowWarning(input.callDate, {
      start: parsed.settings.windowStart,
      end: parsed.settings.windowEnd,
    });
    return {
      written: true,
      progress,
      message: `Call logged: ${progressSentence(progress)}.${saved}`,
      ...(warning ? { warning } : {}),
    };
  } finally {
    lock.releaseLock();
  }
}
