/**
 * The Teachers tab's formulas (what teachers see live, computed by Sheets) and the script's own
 * figures (the Summary, the sidebar's progress, the reminders: src/core/progress.ts) give one count
 * for a teacher whose Call Log holds the two shapes a hand-edited log can hold:
 * - an outcome typed ' REACHED ' (padded): COUNTIFS(Outcome,"Reached") ignores case ("COUNTIF is not
 *   case-sensitive", support.google.com/docs/answer/3093480) but compares the whole text, so it is no
 *   conversation anywhere, and the Summary lists the row under Data quality for the principal to fix;
 * - a call on the window's last day stored with a time of day (14:00): a date-time is a date serial
 *   with a fraction ("the fractional portion counts the time as a fraction of the day",
 *   developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption), counted on its day by the formulas'
 *   `"<"&(end+1)` criterion (comparison operators in criteria: support.google.com/docs/answer/3093480)
 *   and by the script, which reads the day in the spreadsheet's time zone.
 */
import { CALL_LOG, FAMILIES, TAB, TEACHERS } from '../../src/common/schema';
import { emulatorFor, newWorkbook, PRINCIPAL, records, rowsOf, setUp } from './workbook-helpers';

const START = '2026-09-01';
const END = '2026-10-30';
/** An instant in America/New_York (the workbook's time zone, UTC-4 in September and October). */
const at = (iso: string, hour: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + (hour + 4) * 3_600_000);

const INES = { Name: 'Ines Vale', Email: 'ines.v@school.example', Goal: 3 };
const OREN = { Name: 'Oren Tallis', Email: 'oren.t@school.example', Goal: 1 };
const call = (teacher: string, date: unknown, student: string, outcome: string) => ({
  'Teacher Email': teacher,
  'Call Date': date,
  'Student ID': student,
  Method: 'Phone',
  Outcome: outcome,
});
const CALLS = [
  call(INES.Email, '2026-09-15', 'F001', 'Reached'),
  call(INES.Email, '2026-09-16', 'F002', ' REACHED '),
  call(INES.Email, at(END, 14), 'F003', 'Reached'),
  call(INES.Email, at(START, 8), 'F004', 'Reached'),
  call(INES.Email, at('2026-10-31', 9), 'F005', 'Reached'),
  call(OREN.Email, at(END, 23), 'F006', 'reached'),
];

function school() {
  const workbook = newWorkbook();
  const emu = emulatorFor(workbook);
  setUp(emu);
  const settings = workbook.sheet(TAB.settings);
  const rowOf = (label: string) => workbook.values(TAB.settings).findIndex((r) => r[0] === label);
  if (!settings) throw new Error('no Settings');
  workbook.write(settings, rowOf('Call window start'), 1, [[START]]);
  workbook.write(settings, rowOf('Call window end'), 1, [[END]]);
  workbook.appendRows(TAB.teachers, rowsOf(TEACHERS, [INES, OREN]));
  workbook.appendRows(
    TAB.families,
    rowsOf(
      FAMILIES,
      ['F001', 'F002', 'F003', 'F004', 'F005', 'F006'].map((id, i) => ({
        'Student ID': id,
        Student: `Student ${i + 1} Quarrington`,
        'Homeroom Teacher Email': i < 5 ? INES.Email : OREN.Email,
      })),
    ),
  );
  workbook.appendRows(TAB.callLog, rowsOf(CALL_LOG, CALLS));
  const rebuilt = emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(rebuilt.error).toBeUndefined();
  return { workbook, emu };
}

/** A Summary section's data rows: after its heading and column header, until a blank row. */
function section(values: unknown[][], shown: string[][], heading: string) {
  const start = values.map((r) => String(r[0] ?? '')).lastIndexOf(heading);
  expect(start).toBeGreaterThan(0);
  const out: { values: unknown[]; shown: string[] }[] = [];
  for (let r = start + 2; r < values.length && values[r]?.[0] !== ''; r++)
    out.push({ values: values[r] as unknown[], shown: shown[r] as string[] });
  return out;
}

describe('a Call Log with a padded outcome and a call at 14:00 on the last day', () => {
  const { workbook, emu } = school();
  const teachersTab = records(workbook, TAB.teachers);
  const summary = workbook.values(TAB.summary);
  const shown = workbook.displayValues(TAB.summary);

  test('the log holds both shapes as a person typed them', () => {
    const log = records(workbook, TAB.callLog);
    expect(log.map((c) => c.Outcome)).toContain(' REACHED ');
    const lastDay = log.find((c) => c['Student ID'] === 'F003')?.['Call Date'];
    expect(lastDay).toEqual(at(END, 14));
  });

  test.each([INES, OREN])('Teachers, the Summary and the sidebar give $Name one count', (teacher) => {
    const row = teachersTab.find((t) => t.Email === teacher.Email);
    const onSheet = { calls: row?.['Calls Logged'], conversations: row?.Conversations, status: row?.Status };
    const inSummary = section(summary, shown, 'Teachers and their goals').find(
      (r) => r.values[0] === teacher.Name,
    );
    expect(inSummary && { calls: inSummary.values[2], conversations: inSummary.values[3] }).toEqual({
      calls: onSheet.calls,
      conversations: onSheet.conversations,
    });
    expect(inSummary?.shown[7]).toBe(onSheet.status);
    const { progress } = emu.call<{ progress: { calls: number; conversations: number; status: string } }>(
      'getSidebarContext',
      [],
      { user: teacher.Email },
    );
    expect({ calls: progress.calls, conversations: progress.conversations, status: progress.status }).toEqual(
      onSheet,
    );
  });

  test('the count is what a person makes of it: the 14:00 call counts, the padded outcome is an attempt', () => {
    const ines = teachersTab.find((t) => t.Email === INES.Email);
    // F001, F002 (padded), F003 (14:00 on the last day), F004 (08:00 on the first); not F005 (after).
    expect(ines?.['Calls Logged']).toBe(4);
    expect(ines?.Conversations).toBe(3);
    expect(teachersTab.find((t) => t.Email === OREN.Email)?.Conversations).toBe(1);
    const families = records(workbook, TAB.families);
    expect(families.find((f) => f['Student ID'] === 'F002')?.Reached).toBe('No');
    expect(families.find((f) => f['Student ID'] === 'F003')?.Reached).toBe('Yes');
  });

  test("the Summary's Data quality lists the padded outcome's row to fix", () => {
    const padded = workbook.values(TAB.callLog).findIndex((r) => r.includes(' REACHED ')) + 1;
    const problem = section(summary, shown, 'Data quality').find(
      (r) => r.values[0] === 'Calls with an outcome not on the Outcome list',
    );
    expect(problem?.values[2]).toBe(1);
    expect(problem?.values[4]).toBe(String(padded));
  });
});
