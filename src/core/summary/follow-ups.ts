/**
 * Follow-ups: the open and overdue counts and the oldest overdue ones listed. Every row of the log
 * counts, whatever the call window: a promise made to a family stands. A digest mail reads these
 * figures by importing this alone.
 */
import type { IsoDate } from '../../common/rpc';
import type { CallRecord } from '../records';
import { Block, date } from './cells';
import { byText, type SchoolTables } from './school';

export interface FollowUpRow {
  due: IsoDate;
  teacher: string;
  studentId: string;
  studentName: string;
  followUp: string;
}

export interface FollowUpFigures {
  followUpsOpen: number;
  followUpsOverdue: number;
  overdueFollowUps: FollowUpRow[];
}

/** How many overdue follow-ups the summary lists, oldest due date first. */
export const OVERDUE_LISTED = 30;
export const FOLLOW_UPS_TITLE = 'Overdue follow-ups';

/** The student's name as the roster has it, or as typed on the call when the roster lacks them. */
export const studentNameOf = (t: SchoolTables, c: CallRecord) =>
  t.roster.get(c.studentId)?.studentName || c.studentName;

export function followUpFigures(t: SchoolTables): FollowUpFigures {
  const { calls, today } = t.input;
  const open = calls.filter((c) => c.followUp && !c.followUpDone);
  const overdue = open.filter((c) => c.followUpBy && c.followUpBy < today);
  const overdueFollowUps = [...overdue]
    .sort((a, b) => byText(a.followUpBy, b.followUpBy) || a.row - b.row)
    .slice(0, OVERDUE_LISTED)
    .map((c) => ({
      due: c.followUpBy as IsoDate,
      teacher: t.teacherName(c.teacherEmail, c.teacherName),
      studentId: c.studentId,
      studentName: studentNameOf(t, c),
      followUp: c.followUp,
    }));
  return { followUpsOpen: open.length, followUpsOverdue: overdue.length, overdueFollowUps };
}

export function followUpsBlock(f: FollowUpFigures): Block {
  const block = new Block();
  block.heading(FOLLOW_UPS_TITLE, 'Oldest first. Tick Follow-up Done on the Call Log when done.');
  block.header(['Due', 'Teacher', 'Student ID', 'Student', 'Follow-up']);
  if (!f.overdueFollowUps.length) block.note('None overdue.');
  for (const x of f.overdueFollowUps)
    block.add([date(x.due), x.teacher, x.studentId, x.studentName, x.followUp]);
  if (f.followUpsOverdue > f.overdueFollowUps.length) {
    block.note(
      `${f.followUpsOverdue - f.overdueFollowUps.length} more overdue: filter the Call Log on Follow-up By.`,
    );
  }
  block.blank();
  return block;
}
