/**
 * Figures as the goal formulas on Teachers and Families show them (src/core/goal-formulas.ts), read
 * from rows already read: the sidebar opening and a save take these instead of counting the whole
 * Call Log again, since Sheets keeps them up to date. Each function says null when the row does not
 * hold what its formulas give (a column deleted or typed over, a row below the formula rows), and the
 * caller counts the tables instead (progress.ts, the reference definitions).
 */
import type { Progress } from '../common/rpc';
import type { FamiliesSpec, TeachersSpec } from '../common/schema';
import { decodeText } from './cell-encoding';
import { type FamilyFigures, statusOf } from './progress';
import { dataIndex, type FamilyRecord, type TableLike, type TeacherRecord } from './records';
import type { ParsedSettings } from './settings';

const STATUSES: readonly Progress['status'][] = ['Not started', 'In progress', 'Met', 'Exceeded'];

/** Who and what: the signed-in teacher, their record, Teachers' columns and the settings. */
export interface TeacherRowContext {
  email: string;
  teacher: TeacherRecord;
  teachers: Pick<TableLike<TeachersSpec>, 'column'>;
  parsed: ParsedSettings;
  timeZone: string;
}

/**
 * The progress a row of Teachers' goal formulas shows (`row` as wide as Teachers' header), or null
 * when the row is not the teacher's or does not hold numbers where the formulas put them.
 * `ownFamilies` counts the teacher's homeroom families, asked only when the row holds the other
 * figures but no Own Families count (a workbook set up before that column, or the column typed over).
 */
export function progressFromRow(
  p: TeacherRowContext,
  row: readonly unknown[],
  ownFamilies: () => number,
): Progress | null {
  const { teachers, teacher } = p;
  const cell = (header: Parameters<TeacherRowContext['teachers']['column']>[0]) => {
    const at = teachers.column(header);
    return at < 0 ? undefined : row[at];
  };
  const email = decodeText(cell('Email'), p.timeZone).trim().toLowerCase();
  const calls = cell('Calls Logged');
  const conversations = cell('Conversations');
  const familiesReached = cell('Families Reached');
  const ownShare = cell('Own Families Reached');
  if (email !== p.email) return null;
  if (typeof calls !== 'number' || typeof conversations !== 'number' || typeof familiesReached !== 'number')
    return null;
  // The Own Families formula's count; counted by the caller when the column is missing or typed over.
  const ownCell = cell('Own Families');
  const own = typeof ownCell === 'number' ? ownCell : ownFamilies();
  if (own && typeof ownShare !== 'number') return null;
  const { settings } = p.parsed;
  const goal = teacher.goal ?? settings.defaultGoal;
  const done = settings.goalCounts === 'Attempts' ? calls : conversations;
  const status = String(cell('Status') ?? '') as Progress['status'];
  return {
    goal,
    counts: settings.goalCounts,
    done,
    calls,
    conversations,
    familiesReached,
    ownFamilies: own,
    ownFamiliesNotReached: own - Math.round((ownShare as number) * own || 0),
    percentOfGoal: goal > 0 ? done / goal : 0,
    status: STATUSES.includes(status) ? status : statusOf(calls, done, goal),
  };
}

/**
 * Each family's Attempts and Reached as its row of formulas on Families shows them, by student id;
 * null when any family's row does not hold them (a number, and Yes or No), so the caller counts the
 * Call Log instead.
 */
export function familyFiguresOnSheet(
  table: TableLike<FamiliesSpec>,
  families: readonly FamilyRecord[],
): Map<string, Pick<FamilyFigures, 'attempts' | 'reached'>> | null {
  const attemptsAt = table.column('Attempts');
  const reachedAt = table.column('Reached');
  if (attemptsAt < 0 || reachedAt < 0) return null;
  const figures = new Map<string, Pick<FamilyFigures, 'attempts' | 'reached'>>();
  for (const family of families) {
    if (!family.studentId) continue;
    const cells = table.rows[dataIndex(family.row)] ?? [];
    const attempts = cells[attemptsAt];
    const reached = cells[reachedAt];
    if (typeof attempts !== 'number' || (reached !== 'Yes' && reached !== 'No')) return null;
    figures.set(family.studentId, { attempts, reached: reached === 'Yes' });
  }
  return figures;
}
