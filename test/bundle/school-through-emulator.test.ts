/**
 * The real dist/Code.js, end to end in the emulator: set up a school, log calls from the sidebar's
 * server side, see the Teachers goal formulas and the Summary follow, with a constant number of
 * Spreadsheet service calls whatever the size of the Call Log.
 */
import { join } from 'node:path';
import { Emulator, Workbook } from '../../emulator';
import type { CallInput } from '../../src/common/rpc';
import { CALL_LOG } from '../../src/common/schema';

const DIST = join(__dirname, '..', '..', 'dist');
const PRINCIPAL = 'principal@maple.example';
const ANA = 'ana.diaz@maple.example';

function school(callRows: number) {
  const workbook = new Workbook({ name: 'Maple Grove Elementary', timeZone: 'America/New_York' });
  workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ bundleDir: DIST, workbook });
  const setup = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(setup.error).toBeUndefined();
  workbook.appendRows('Teachers', [
    ['Ana Diaz', ANA, 4],
    ['Ben Okafor', 'ben.okafor@maple.example', ''],
  ]);
  workbook.appendRows('Families', [
    ["'s1", 'Leo Diaz', "'1", ANA],
    ["'s2", 'Mia Chen', "'1", ANA],
    ["'s3", 'Omar Haddad', "'2", 'ben.okafor@maple.example'],
  ]);
  if (callRows) {
    const header = CALL_LOG.columns.map((c) => c.header);
    const row = (i: number) =>
      header.map((h) =>
        h === 'Teacher Email'
          ? 'ben.okafor@maple.example'
          : h === 'Student ID'
            ? "'s3"
            : h === 'Outcome'
              ? 'No answer'
              : h === 'Call Date'
                ? '2026-09-10'
                : h === 'Submission ID'
                  ? `'old-${i}`
                  : '',
      );
    workbook.appendRows(
      'Call Log',
      Array.from({ length: callRows }, (_, i) => row(i)),
    );
  }
  return { workbook, emu };
}

let n = 0;
function call(overrides: Partial<CallInput> = {}): CallInput {
  n++;
  return {
    submissionId: `0b7e6a52-8d4f-4c3e-9a51-${String(n).padStart(12, '0')}`,
    studentId: 's1',
    callDate: '2026-09-14',
    personReached: 'Rosa Diaz',
    relationship: 'Mother',
    method: 'Phone',
    outcome: 'Reached',
    language: 'Spanish',
    interpreterUsed: false,
    strengths: 'Leo loves building things',
    hopes: 'Read chapter books',
    learned: 'Call after 6 pm',
    followUp: '',
    followUpBy: '',
    saveToFamily: false,
    ...overrides,
  };
}

const column = (workbook: Workbook, tab: string, header: string) => {
  const [head = [], ...rows] = workbook.values(tab);
  const at = head.indexOf(header);
  return rows.map((r) => r[at]);
};

describe('a school through the emulator', () => {
  test('a logged call is one row of text, the goal formulas and the Summary follow', () => {
    const { workbook, emu } = school(0);
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
    const { workbook, emu } = school(0);
    const input = call();
    emu.call('logCall', [input], { user: ANA });
    const again = emu.call('logCall', [input], { user: ANA }) as { written: boolean };
    expect(again.written).toBe(false);
    expect(column(workbook, 'Call Log', 'Submission ID')).toHaveLength(1);
  });

  test('getSidebarContext and logCall make as many Spreadsheet calls at 5,000 call rows as at 10', () => {
    const counts = [10, 5000].map((rows) => {
      const { emu } = school(rows);
      const context = emu.run('getSidebarContext', [], { user: ANA });
      const logged = emu.run('logCall', [call()], { user: ANA });
      expect(context.error).toBeUndefined();
      expect(logged.error).toBeUndefined();
      return [context.spreadsheetCalls, logged.spreadsheetCalls];
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});
