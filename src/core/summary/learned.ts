/**
 * What teachers heard: the most recent "what I learned" entries inside the call window, newest
 * first, for check-in conversations, and the share of conversations with the family's strengths
 * recorded.
 */
import type { IsoDate } from '../../common/rpc';
import { Block, date } from './cells';
import { studentNameOf } from './follow-ups';
import { byText, type SchoolTables, type Share, share } from './school';

export interface LearnedEntry {
  date: IsoDate;
  teacher: string;
  studentName: string;
  learned: string;
}

export interface LearnedFigures {
  strengthsRecorded: Share;
  learned: LearnedEntry[];
}

/** How many "what I learned" entries the summary shows, newest first. */
export const RECENT_LEARNED = 15;
export const LEARNED_TITLE = 'Recent "what I learned"';

export function learnedFigures(t: SchoolTables): LearnedFigures {
  const learned = t.counted
    .filter((c) => c.learned)
    .sort((a, b) => byText(b.callDate, a.callDate) || b.row - a.row)
    .slice(0, RECENT_LEARNED)
    .map((c) => ({
      date: c.callDate as IsoDate,
      teacher: t.teacherName(c.teacherEmail, c.teacherName),
      studentName: studentNameOf(t, c),
      learned: c.learned,
    }));
  const withStrengths = t.conversations.filter((c) => c.strengths).length;
  return { strengthsRecorded: share(withStrengths, t.conversations.length), learned };
}

export function learnedBlock(f: LearnedFigures): Block {
  const block = new Block();
  block.heading(LEARNED_TITLE, 'For check-in conversations. Newest first.');
  block.header(['Date', 'Teacher', 'Student', 'What I learned']);
  if (!f.learned.length) block.note('Nothing recorded yet.');
  for (const x of f.learned) block.add([date(x.date), x.teacher, x.studentName, x.learned]);
  block.blank();
  return block;
}
