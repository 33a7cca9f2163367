/**
 * "My recent calls": the signed-in teacher's latest calls, newest logged first, read from the Call
 * Log with as few cells as its length allows. A short log is read whole (its data range); a long one
 * in two steps: the Teacher Email and Logged At columns pick the teacher's newest rows, then only the
 * rows from the first to the last of those are read. The order comes from Logged At, not from where
 * rows sit, so a log a principal sorted still lists the right calls (its block is then wider). When
 * one of the picked rows is one the list skips (typed by hand, with no submission id), the whole log
 * is read after all, so the list is always the one a whole read gives.
 */
import { isSubmissionId } from '../common/call-input';
import type { LoggedCall } from '../common/rpc';
import { CALL_LOG } from '../common/schema';
import { newestLoggedFirst, RECENT_CALLS_SHOWN, recentCallsOf } from '../core/family-knowledge';
import { type CallRecord, readCalls } from '../core/records';
import { CELLS_PER_CALL, type Header, readColumnsOfRows, readHeader } from './lookup';
import { dataValues, getSheetOrExplain, tableFromValues } from './tables';

/**
 * Picking rows first costs two calls more than reading the log whole (the header, then the picked
 * rows, besides the key columns that replace the whole read): worth it once the whole log is more
 * cells than those calls cost (lookup.ts CELLS_PER_CALL). The log's width is taken from the schema,
 * not read: the choice only decides which of two correct reads is cheaper.
 */
const WHOLE_LOG_UP_TO_ROWS = Math.floor((2 * CELLS_PER_CALL) / CALL_LOG.columns.length);

export function readRecentCalls(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  email: string,
  timeZone: string,
): LoggedCall[] {
  const sheet = getSheetOrExplain(spreadsheet, CALL_LOG.name);
  const last = sheet.getLastRow();
  if (last < 2) return [];
  if (last <= WHOLE_LOG_UP_TO_ROWS) {
    const table = tableFromValues(CALL_LOG, sheet, dataValues(sheet));
    return listed(rowsOf(table, table.rows, 2, timeZone), email, timeZone);
  }
  const log = readHeader(spreadsheet, CALL_LOG, sheet);
  const everyColumn = log.headers.map((_, i) => i);
  const whole = () =>
    listed(rowsOf(log, readColumnsOfRows(log, everyColumn, 2, last), 2, timeZone), email, timeZone);
  const loggedAt = log.column('Logged At');
  if (loggedAt < 0) return whole();

  const keys = readColumnsOfRows(log, [log.column('Teacher Email'), loggedAt], 2, last);
  const picked = rowsOf(log, keys, 2, timeZone)
    .filter((call) => call.teacherEmail === email)
    .sort(newestLoggedFirst)
    .slice(0, RECENT_CALLS_SHOWN)
    .map((call) => call.row);
  if (!picked.length) return [];
  const first = Math.min(...picked);
  const block = rowsOf(log, readColumnsOfRows(log, everyColumn, first, Math.max(...picked)), first, timeZone);
  // Every other row of the teacher in the block is older than the picked ones, so the list is the
  // picked rows, unless one of them has no submission id: then older rows outside the block may belong.
  const listable = new Set(block.filter((call) => isSubmissionId(call.submissionId)).map((call) => call.row));
  return picked.every((row) => listable.has(row)) ? listed(block, email, timeZone) : whole();
}

/** Calls of rows read from sheet row `first` on, each with its sheet row and raw Edited At cell. */
function rowsOf(log: Header, rows: unknown[][], first: number, timeZone: string) {
  const at = log.column('Edited At');
  return readCalls({ rows, column: log.column }, timeZone).map(
    (call): CallRecord & { editedCell: boolean } => {
      const cell = at < 0 ? '' : rows[call.row - 2]?.[at];
      return { ...call, row: call.row + first - 2, editedCell: cell !== '' && cell != null };
    },
  );
}

/** The teacher's recent calls among `calls`, each marked edited when its Edited At cell is filled. */
function listed(calls: ReturnType<typeof rowsOf>, email: string, timeZone: string): LoggedCall[] {
  const edited = new Set(calls.filter((call) => call.editedCell).map((call) => call.row));
  return recentCallsOf(calls, email, timeZone, edited);
}
