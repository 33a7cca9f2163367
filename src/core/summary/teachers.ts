/**
 * Teachers and their goals: each teacher's figures by the reference definitions (src/core/progress.ts),
 * in name order (the tab is open to every teacher, so nothing here ranks), and the two headline
 * shares of teachers (at goal, not started).
 */
import type { IsoDate } from '../../common/rpc';
import { type TeacherFigures, teacherFigures } from '../progress';
import type { CheckInRecord, TeacherRecord } from '../records';
import { Block, date, NOTE_COLOR, pct, text } from './cells';
import { byText, type SchoolTables, type Share, share } from './school';

export interface TeacherRow extends TeacherFigures {
  name: string;
  email: string;
  /** True when the Goal cell is blank (or unusable) and the Settings default applies. */
  defaultGoal: boolean;
  lastCheckIn: IsoDate | '';
}

export interface TeachersFigures {
  teachersAtGoal: Share;
  /** Teachers with no call logged yet, of all teachers. */
  teachersNotStarted: Share;
  schoolGoal: number;
  teacherRows: TeacherRow[];
}

export const TEACHERS_TITLE = 'Teachers and their goals';

export const STATUS_FILL: Record<TeacherRow['status'], string> = {
  'Not started': '#f4cccc',
  'In progress': '#fff2cc',
  Met: '#d9ead3',
  Exceeded: '#b6d7a8',
};

/** The latest check-in date per teacher email. */
export function lastCheckIns(checkIns: readonly CheckInRecord[]): Map<string, IsoDate> {
  const last = new Map<string, IsoDate>();
  for (const c of checkIns) {
    if (c.date && c.teacherEmail && c.date > (last.get(c.teacherEmail) ?? ''))
      last.set(c.teacherEmail, c.date);
  }
  return last;
}

export function teachersFigures(t: SchoolTables): TeachersFigures {
  const { teachers, calls, settings, checkIns } = t.input;
  const figures = teacherFigures(teachers, t.families, calls, settings, t.byFamily);
  const lastCheckIn = lastCheckIns(checkIns);
  const rows: TeacherRow[] = [];
  for (const [email, f] of figures) {
    const record = t.teacherByEmail.get(email) as TeacherRecord;
    rows.push({
      ...f,
      name: record.name || email,
      email,
      defaultGoal: record.goal === null,
      lastCheckIn: lastCheckIn.get(email) ?? '',
    });
  }
  rows.sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.email, b.email));
  const withStatus = (...statuses: TeacherRow['status'][]) =>
    share(rows.filter((r) => statuses.includes(r.status)).length, rows.length);
  return {
    teachersAtGoal: withStatus('Met', 'Exceeded'),
    teachersNotStarted: withStatus('Not started'),
    schoolGoal: settings.schoolGoal,
    teacherRows: rows,
  };
}

const COLUMNS = [
  'Teacher',
  'Goal',
  'Calls',
  'Conversations',
  'Families reached',
  'Own families reached',
  'Percent of goal',
  'Status',
  'Last call',
  'Last check-in',
];

/** In name order, with the status word beside its colour. */
export function teachersBlock(f: TeachersFigures): Block {
  const block = new Block();
  block.heading(TEACHERS_TITLE, 'By name. Each status colour comes with its word.');
  block.header(COLUMNS);
  if (!f.teacherRows.length) block.note('No teachers on the Teachers tab yet.');
  for (const t of f.teacherRows) {
    block.add([
      t.name,
      t.goal,
      t.calls,
      t.conversations,
      t.familiesReached,
      pct(t.ownFamilies ? (t.ownFamilies - t.ownFamiliesNotReached) / t.ownFamilies : null),
      pct(t.goal > 0 ? t.percentOfGoal : null),
      text(t.status, { fill: STATUS_FILL[t.status], bold: true }),
      date(t.lastCall),
      t.lastCheckIn ? date(t.lastCheckIn) : text('none yet', { color: NOTE_COLOR }),
    ]);
  }
  if (f.teacherRows.some((t) => t.defaultGoal)) {
    block.note(
      `A teacher whose Goal cell is blank has the default goal from Settings. Goals count ${f.teacherRows[0]?.counts.toLowerCase() ?? 'conversations'}.`,
    );
  }
  block.blank();
  return block;
}
