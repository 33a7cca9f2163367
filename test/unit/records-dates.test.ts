/**
 * A Call Date counts only when the cell is a date: the goal formulas' date criteria match numbers
 * only (emulator/SHEETS-BEHAVIOUR.md, COUNTIF), so text that looks like a date must not count in the
 * Summary or the sidebar either. Other date fields (Follow-up By, check-in Date) still read ISO text.
 */
import { CALL_LOG } from '../../src/common/schema';
import { readCalls, type TableLike } from '../../src/core/records';

const TZ = 'America/New_York';
const headers = CALL_LOG.columns.map((c) => c.header);

function table(rows: Record<string, unknown>[]): TableLike {
  return {
    rows: rows.map((r) => headers.map((h) => r[h] ?? '')),
    column: (h) => headers.indexOf(h),
  };
}

test('a date cell is a Call Date; the same date as text is not, and reads as blank', () => {
  const calls = readCalls(
    table([
      { 'Call Date': new Date(Date.UTC(2026, 8, 20, 12)), 'Follow-up By': '2026-09-30' },
      { 'Call Date': '2026-09-20', 'Follow-up By': '2026-09-30' },
    ]),
    TZ,
  );
  expect(calls.map((c) => c.callDate)).toEqual(['2026-09-20', '']);
  expect(calls.map((c) => c.followUpBy)).toEqual(['2026-09-30', '2026-09-30']);
});
