/**
 * What opening the sidebar reads (getSidebarContext of dist/Code.js): progress from the teacher's row
 * of goal formulas, each family's Attempts and Reached from its row of formulas, and from the Call
 * Log only what "My recent calls" lists, so a long log costs two columns, not the whole table. The
 * figures must be the ones counting the whole log gives, and the list the one a whole read gives,
 * whatever order the log's rows are in.
 */
import type { RunResult } from '../../emulator';
import { isSubmissionId } from '../../src/common/call-input';
import type { LoggedCall, SidebarContext } from '../../src/common/rpc';
import { CALL_LOG } from '../../src/common/schema';
import { ANA, asPrincipal, callInput, callRows, FAMILY, school } from './school-fixture';

type School = ReturnType<typeof school>;

/** The bundle tests' school with `callRows` earlier calls by Ben, 1,500 families and six calls by Ana. */
function schoolOfSize(callRows: number): School {
  const made = school({ callRows, families: 1500 });
  for (let i = 0; i < 6; i++) {
    const studentId = i % 2 ? FAMILY.mia.id : FAMILY.leo.id;
    const attempt = { outcome: 'No answer', personReached: '', relationship: '', strengths: '', hopes: '' };
    made.emu.call('logCall', [callInput({ studentId, ...(i % 3 ? attempt : {}) })], { user: ANA });
  }
  return made;
}

function open(made: School): { run: RunResult; context: SidebarContext } {
  const run = made.emu.run('getSidebarContext', [], { user: ANA });
  if (run.error) throw run.error;
  return { run, context: run.result as SidebarContext };
}

const ids = (calls: readonly LoggedCall[]) => calls.map((c) => c.submissionId);

/**
 * What a read of the whole log lists: Ana's rows that have a submission id, newest Logged At first,
 * a later row first among equal times, five of them.
 */
function wholeLogList(made: School): string[] {
  const [header = [], ...rows] = made.workbook.values('Call Log');
  const at = (h: string) => header.indexOf(h);
  return rows
    .map((row, i) => ({ row: i + 2, cells: row }))
    .filter(({ cells }) => cells[at('Teacher Email')] === ANA && isSubmissionId(cells[at('Submission ID')]))
    .sort((a, b) => {
      const time = (r: typeof a) => (r.cells[at('Logged At')] as Date | '') || 0;
      return Number(time(b)) - Number(time(a)) || b.row - a.row;
    })
    .slice(0, 5)
    .map(({ cells }) => String(cells[at('Submission ID')]));
}

describe('what opening the sidebar costs', () => {
  const [small, medium, large] = [10, 2000, 5000].map((rows) => open(schoolOfSize(rows)).run) as RunResult[];

  test('as many Spreadsheet calls at 2,000 call rows as at 5,000, and no more at 10', () => {
    expect(large?.calls).toEqual(medium?.calls);
    expect(small?.spreadsheetCalls).toBeLessThanOrEqual(large?.spreadsheetCalls as number);
  });

  test('a log 5,000 rows longer costs its Teacher Email and Logged At columns and the rows listed, not the table', () => {
    const width = CALL_LOG.columns.length;
    const grown = (large?.cellsRead as number) - (small?.cellsRead as number);
    // Read whole, 5,000 more rows would be 5,000 x 20 cells more.
    expect(grown).toBeLessThanOrEqual(2 * 5000 + 6 * width);
    expect(grown).toBeGreaterThan(0);
  });
});

describe("the sidebar's figures and list are the ones the whole Call Log gives", () => {
  test('with the formula columns gone, the figures are counted from the log: the same ones', () => {
    const made = schoolOfSize(2000);
    const fromFormulas = open(made);
    asPrincipal(
      made,
      `const f = ss.getSheetByName('Families'); const h = f.getRange(1, 1, 1, f.getLastColumn()).getValues()[0];
       f.getRange(1, h.indexOf('Reached') + 1).setValue('Reached (old)');
       const t = ss.getSheetByName('Teachers'); const th = t.getRange(1, 1, 1, t.getLastColumn()).getValues()[0];
       t.getRange(1, th.indexOf('Calls Logged') + 1).setValue('Calls (old)');`,
    );
    const counted = open(made);
    expect(counted.context.progress).toEqual(fromFormulas.context.progress);
    expect(counted.context.families).toEqual(fromFormulas.context.families);
    expect(fromFormulas.context.progress).toMatchObject({ calls: 6, conversations: 2, familiesReached: 2 });
    expect(fromFormulas.context.families.find((f) => f.studentId === FAMILY.leo.id)).toMatchObject({
      reached: true,
      attempts: 3,
    });
    // Counting means reading the whole log: 2,000 rows more than the formulas' way.
    expect(counted.run.cellsRead - fromFormulas.run.cellsRead).toBeGreaterThan(2000 * 10);
  });

  test('a Call Log sorted by the principal still lists the newest calls first, as a whole read does', () => {
    const made = schoolOfSize(2000);
    const before = open(made).context.recentCalls;
    expect(ids(before)).toEqual(wholeLogList(made));
    // Data > Sort range by Student ID: Ana's calls (s1, s2) move to the top, Ben's (s3) below.
    asPrincipal(
      made,
      `const log = ss.getSheetByName('Call Log'); const h = log.getRange(1, 1, 1, log.getLastColumn()).getValues()[0];
       log.getRange(2, 1, log.getLastRow() - 1, log.getLastColumn()).sort({ column: h.indexOf('Student ID') + 1, ascending: true });`,
    );
    const after = open(made);
    expect(ids(after.context.recentCalls)).toEqual(wholeLogList(made));
    expect(new Set(ids(after.context.recentCalls))).toEqual(new Set(ids(before)));
    // The sort did move them: Ana's calls are at the top of the log now, far from the bottom.
    expect(callRows(made.workbook)[0]?.['Teacher Email']).toBe(ANA);
  });

  test('a row Ana typed by hand (no submission id) among her newest leaves the list as a whole read gives it', () => {
    const made = schoolOfSize(2000);
    const before = open(made);
    // Typed below her saved calls with the time it was typed: her newest row, but with no submission id.
    const header = made.workbook.values('Call Log')[0] as string[];
    const typed: Record<string, unknown> = {
      'Teacher Email': ANA,
      'Student ID': `'${FAMILY.leo.id}`,
      'Logged At': new Date(),
      Outcome: 'Reached',
      'Call Date': '2026-09-20',
    };
    made.workbook.appendRows('Call Log', [header.map((h) => typed[h] ?? '')]);
    const after = open(made);
    // Listed calls need a submission id (they can be edited): five saved ones are listed.
    expect(ids(after.context.recentCalls)).toEqual(wholeLogList(made));
    expect(ids(after.context.recentCalls)).toHaveLength(5);
    expect(ids(before.context.recentCalls)).toHaveLength(5);
    // The typed row was the newest picked, so the log was read whole to find the fifth listed call.
    expect(after.run.cellsRead - before.run.cellsRead).toBeGreaterThan(2000 * 10);
  });
});
