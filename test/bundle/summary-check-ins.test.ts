/**
 * The principal's check-in loop through the real dist/Code.js: Record a check-in writes one Check-ins
 * row in one save, the dialog lists who is due one (never the shared Summary), and the Summary shows
 * each teacher's last check-in. Also the Settings tab as set-up leaves it: the school goal shown as a
 * percentage and dates as yyyy-mm-dd, read the same however they were typed.
 */
import { Emulator } from '../../emulator';
import { ANA, BEN, PRINCIPAL, school, TIME_ZONE } from './school-fixture';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The Check-ins tab's data rows as header -> shown text. */
function checkInRows(workbook: ReturnType<typeof school>['workbook']) {
  const [head = [], ...rows] = workbook.displayValues('Check-ins');
  return rows
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describe('Record a check-in', () => {
  test('a Check-ins tab filled to its last row gets rows added below, and the check-in is saved', () => {
    const { workbook, emu } = school();
    const principal = new Emulator({
      code: `function fill() { const s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Check-ins');
        s.deleteRows(s.getLastRow() + 1, s.getMaxRows() - s.getLastRow()); }`,
      workbook,
    });
    expect(principal.run('fill').error).toBeUndefined();
    const saved = emu.run(
      'recordCheckIn',
      [{ teacherEmail: ANA, date: daysAgo(1), working: 'Evening calls', nextStep: 'Keep going' }],
      { user: PRINCIPAL },
    );
    expect(saved.error).toBeUndefined();
    expect(saved.calls['Sheet.insertRowsAfter']).toBe(1);
    expect(checkInRows(workbook).map((r) => r["What's Working"])).toEqual(['Evening calls']);
  });

  test('the menu opens the dialog; one save is one Check-ins row; the Summary shows the last check-in', () => {
    const { workbook, emu } = school();
    const opened = emu.run('showCheckIn', [], { user: PRINCIPAL });
    expect(opened.error).toBeUndefined();
    expect(opened.ui.dialogs[0]?.title).toBe('Record a check-in');
    expect(opened.ui.dialogs[0]?.html).toContain('data-view="checkin"');

    const context = emu.call<{ teachers: { name: string }[]; due: string[]; days: number }>(
      'getCheckInContext',
      [],
      {
        user: PRINCIPAL,
      },
    );
    expect(context.teachers.map((t) => t.name)).toEqual(['Ana Diaz', 'Ben Okafor']);
    expect(context.due.sort()).toEqual([ANA, BEN].sort());
    expect(context.days).toBe(14);

    const saved = emu.run(
      'recordCheckIn',
      [
        {
          teacherEmail: ANA,
          date: daysAgo(2),
          working: '=Evening calls work',
          nextStep: 'Try texting first',
        },
      ],
      { user: PRINCIPAL },
    );
    expect(saved.error).toBeUndefined();
    expect(saved.calls['Range.setValues']).toBe(1);
    expect(saved.result).toMatchObject({ message: `Check-in with Ana Diaz on ${daysAgo(2)} saved.` });
    expect((saved.result as { context: { due: string[] } }).context.due).toEqual([BEN]);
    expect(checkInRows(workbook)).toEqual([
      {
        Date: daysAgo(2),
        'Teacher Email': ANA,
        "What's Working": '=Evening calls work',
        'Next Step': 'Try texting first',
        By: PRINCIPAL,
      },
    ]);
    // A typed "=" stays text: the cell holds no formula.
    expect(workbook.formulas('Check-ins').flat().filter(Boolean)).toEqual([]);

    emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL });
    const summary = workbook.displayValues('Summary');
    const header = summary.findIndex((r) => r[0] === 'Teacher');
    const lastCheckIn = summary[header]?.indexOf('Last check-in') as number;
    const row = (name: string) => summary.find((r, i) => i > header && r[0] === name);
    expect(row('Ana Diaz')?.[lastCheckIn]).toBe(daysAgo(2));
    expect(row('Ben Okafor')?.[lastCheckIn]).toBe('none yet');
    // Who is due a check-in is the dialog's, not the shared tab's.
    expect(summary.flat().join('\n')).not.toMatch(/due a check-in/i);
  });

  test('a teacher not on Teachers, or a future date: a sentence, and nothing written', () => {
    const { workbook, emu } = school();
    const before = workbook.snapshot();
    const ghost = emu.run(
      'recordCheckIn',
      [{ teacherEmail: 'ghost@maple.example', date: today, working: 'x', nextStep: '' }],
      {
        user: PRINCIPAL,
      },
    );
    expect(ghost.error?.message).toMatch(
      /^The check-in was not saved\. That teacher is not on the Teachers tab/,
    );
    const future = emu.run(
      'recordCheckIn',
      [{ teacherEmail: ANA, date: '2999-01-01', working: 'x', nextStep: '' }],
      {
        user: PRINCIPAL,
      },
    );
    expect(future.error?.message).toMatch(/in the future/);
    expect(workbook.snapshot()).toEqual(before);
  });
});

describe('Settings as set-up leaves it', () => {
  test('the school goal shows as a percentage and dates as yyyy-mm-dd, however they were typed', () => {
    const { workbook, emu } = school();
    const settings = workbook.requireSheet('Settings');
    const rowOf = (label: string) => workbook.values('Settings').findIndex((r) => r[0] === label) as number;
    const start = rowOf('Call window start');
    const end = rowOf('Call window end');
    const goal = rowOf('School goal: share of teachers meeting their goal');
    // Typed as a person might: a US date, an ISO date and a share as a decimal (Sheets reads typed
    // text as a date or number: support.google.com/docs/answer/56470).
    workbook.write(settings, start, 1, [['11/2/2026']]);
    workbook.write(settings, end, 1, [['2027-01-29']]);
    workbook.write(settings, goal, 1, [[0.6]]);
    const again = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(again.error).toBeUndefined();
    const shown = workbook.displayValues('Settings');
    expect(shown[start]?.[1]).toBe('2026-11-02');
    expect(shown[end]?.[1]).toBe('2027-01-29');
    expect(shown[goal]?.[1]).toBe('60%');
    // Typed again as 60%, it still means the same goal.
    workbook.write(settings, goal, 1, [['60%']]);
    expect(workbook.displayValues('Settings')[goal]?.[1]).toBe('60%');
    emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL });
    const summary = workbook.displayValues('Summary');
    expect(summary.find((r) => r[0] === 'Call window')?.[1]).toBe('2026-11-02 to 2027-01-29');
    expect(summary.flat().join('\n')).toMatch(/school goal of 60%/);
  });
});
