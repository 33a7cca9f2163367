/**
 * The real dist/Code.js, end to end in the emulator: set up a school, log calls from the sidebar's
 * server side, see the Teachers goal formulas and the Summary follow, with a constant number of
 * Spreadsheet service calls whatever the size of the Call Log.
 */
import { ANA, callInput as call, column, PRINCIPAL, school } from './school-fixture';

describe('a school through the emulator', () => {
  test('a logged call is one row of text, the goal formulas and the Summary follow', () => {
    const { workbook, emu } = school();
    const injection = '=HYPERLINK("http://evil.example","click")';
    const logged = emu.run('logCall', [call({ personReached: injection, learned: '+1 555 0100' })], {
      user: ANA,
    });
    expect(logged.error).toBeUndefined();
    expect(logged.result).toMatchObject({
      written: true,
      progress: { done: 1, goal: 4, status: 'In progress' },
    });

    expect(column(workbook, 'Call Log', 'Person Reached')).toEqual([injection]);
    expect(column(workbook, 'Call Log', 'What I Learned')).toEqual(['+1 555 0100']);
    expect(workbook.formulas('Call Log').flat().filter(Boolean)).toEqual([]);

    expect(column(workbook, 'Teachers', 'Conversations').slice(0, 2)).toEqual([1, 0]);
    expect(column(workbook, 'Teachers', 'Status').slice(0, 2)).toEqual(['In progress', 'Not started']);
    expect(column(workbook, 'Families', 'Reached').slice(0, 3)).toEqual(['Yes', 'No', 'No']);

    const rebuilt = emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(rebuilt.error).toBeUndefined();
    const families = workbook.values('Summary').find((r) => r[0] === 'Families reached');
    expect(families?.slice(1, 3)).toEqual([1, 3]);
  });

  test('a replayed submission id writes nothing the second time', () => {
    const { workbook, emu } = school();
    const input = call();
    emu.call('logCall', [input], { user: ANA });
    const again = emu.call('logCall', [input], { user: ANA }) as { written: boolean };
    expect(again.written).toBe(false);
    expect(column(workbook, 'Call Log', 'Submission ID')).toHaveLength(1);
  });

  test("the sidebar's server calls make as many Spreadsheet calls at 5,000 call rows as at 10", () => {
    const counts = [10, 5000].map((rows) => {
      const { emu } = school({ callRows: rows });
      const runs = [
        emu.run('getFamilyKnowledge', ['s1'], { user: ANA }),
        emu.run('logCall', [call()], { user: ANA }),
        // Also saved to the family's record: Families is read inside the lock and written too.
        emu.run('logCall', [call({ strengths: 'Draws maps', saveToFamily: true })], { user: ANA }),
      ];
      expect(runs.map((r) => r.error)).toEqual(runs.map(() => undefined));
      return runs.map((r) => r.spreadsheetCalls);
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});
