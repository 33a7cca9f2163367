/**
 * Data quality: rows on other tabs worth fixing, and what fixing them changes. It looks at every row,
 * whatever the call window, since a bad row is worth fixing wherever it sits.
 */
import { DEFAULT_PICK_LISTS, REACHED } from '../../common/schema';
import { sameOutcome } from '../progress';
import type { CallRecord } from '../records';
import { Block, FILL, text } from './cells';
import type { SchoolTables } from './school';

export interface DataProblem {
  problem: string;
  tab: string;
  /** Sheet rows (1-based, header is row 1) of the rows concerned. */
  rows: number[];
  fix: string;
}

export interface QualityFigures {
  problems: DataProblem[];
}

export const QUALITY_TITLE = 'Data quality';

export function qualityFigures(t: SchoolTables): QualityFigures {
  const { calls, teachers, checkIns, settings } = t.input;
  const outcomes = t.input.pickLists?.outcomes ?? DEFAULT_PICK_LISTS.outcomes;
  const problem = (problem: string, tab: string, rows: number[], fix: string) => ({
    problem,
    tab,
    rows,
    fix,
  });
  const callLog = (name: string, pred: (c: CallRecord) => boolean, fix: string) =>
    problem(
      name,
      'Call Log',
      calls.filter(pred).map((c) => c.row),
      fix,
    );
  return {
    problems: [
      callLog(
        'Calls naming a student who is not on Families',
        (c) => Boolean(c.studentId) && !t.roster.has(c.studentId),
        'Correct the Student ID, or add the family to Families; until then no family on Families counts as called or reached by it.',
      ),
      callLog('Calls with no Student ID', (c) => !c.studentId, 'Type the Student ID of the family called.'),
      callLog(
        'Calls by a teacher who is not on Teachers',
        (c) => !t.teacherByEmail.has(c.teacherEmail),
        'Correct the Teacher Email, or add the teacher to Teachers; until then the call counts toward no goal.',
      ),
      problem(
        'Conversations with no strengths recorded',
        'Call Log',
        t.conversations.filter((c) => !c.strengths).map((c) => c.row),
        'Ask the teacher what the family sees as their child’s strengths, and fill in Strengths the Family Sees.',
      ),
      callLog(
        'Calls with no outcome',
        (c) => !c.outcome,
        'Choose the Outcome; only Reached counts as a conversation.',
      ),
      // The Teachers formulas match an outcome as COUNTIFS does (any case, no trimming), and so does
      // the Summary: ' Reached ' with spaces, or a word of one's own, is no conversation anywhere.
      callLog(
        'Calls with an outcome not on the Outcome list',
        (c) => Boolean(c.outcome) && !outcomes.some((o) => sameOutcome(o, c.outcome)),
        `Choose the Outcome from its list; typed otherwise (even ${REACHED} with a space before or after) it counts as no conversation, here and on Teachers.`,
      ),
      callLog(
        'Calls with no valid Call Date',
        (c) => !c.callDate,
        'Type the date as 2026-09-14; a call with no date counts nowhere.',
      ),
      problem(
        'Goals that are not a whole number',
        'Teachers',
        teachers.filter((x) => x.badGoal).map((x) => x.row),
        `Type a whole number such as 10; until then the default goal (${settings.defaultGoal}) applies.`,
      ),
      problem(
        'Students listed twice on Families',
        'Families',
        t.duplicateFamilyRows,
        'Keep one row per Student ID; the first row is the one counted.',
      ),
      problem(
        'Families rows with no Student ID',
        'Families',
        t.noIdFamilyRows,
        'Type the student’s ID; a family without one cannot be called or counted.',
      ),
      problem(
        'Check-ins with a teacher who is not on Teachers',
        'Check-ins',
        checkIns.filter((c) => !t.teacherByEmail.has(c.teacherEmail)).map((c) => c.row),
        'Choose the teacher’s email from the list.',
      ),
    ],
  };
}

function rowList(rows: readonly number[], shown = 10): string {
  if (!rows.length) return '';
  const head = rows.slice(0, shown).join(', ');
  return rows.length > shown ? `${head} and ${rows.length - shown} more` : head;
}

export function qualityBlock(f: QualityFigures): Block {
  const block = new Block();
  block.heading(QUALITY_TITLE, 'Rows on other tabs worth fixing; the figures above count them as described.');
  block.header(['Problem', 'Check', 'Rows', 'Tab', 'Row numbers', 'What to do']);
  for (const p of f.problems) {
    block.add([
      p.problem,
      p.rows.length ? text('To fix', { fill: FILL.warn, bold: true }) : text('OK', { fill: FILL.good }),
      p.rows.length,
      p.tab,
      rowList(p.rows),
      p.fix,
    ]);
  }
  block.blank();
  return block;
}
