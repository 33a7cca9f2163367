/**
 * The headline, rows 1-15 of the tab: the principal's four questions (on track against the school
 * goal, families nobody has reached, where reach is unfair, what needs doing this week) answered from
 * the sections' own figures, each pointing at the row where its section lists the detail. Every
 * figure's cell note (and its Note column) says what it is counted out of. No family notes here.
 */
import type { IsoDate } from '../../common/rpc';
import { Block, count, FILL, NOTE_COLOR, thousands as n, pct, plural, text } from './cells';
import type { FollowUpFigures } from './follow-ups';
import type { LearnedFigures } from './learned';
import type { ListFigures } from './lists';
import type { ReachFigures } from './reach';
import type { SchoolTables } from './school';
import type { TeachersFigures } from './teachers';
import type { WeeklyFigures } from './weekly';

export interface SchoolFacts {
  schoolName: string;
  schoolYear: string;
  window: { start: IsoDate | ''; end: IsoDate | '' };
  today: IsoDate;
}

export type HeadlineFigures = SchoolFacts &
  TeachersFigures &
  ReachFigures &
  WeeklyFigures &
  FollowUpFigures &
  LearnedFigures &
  ListFigures;

export interface LayoutContext {
  /** When the rebuild ran, as the principal reads it, e.g. '2026-11-22 09:14'. */
  rebuiltAt: string;
  timeZone: string;
}

/** The 1-based tab rows where the headline's figures are listed in detail. */
export interface Pointers {
  teachers: number;
  followUps: number;
  noAttempt: number;
  attempted: number;
}

export const HEADLINE_TITLE = 'At a glance';
/** Row 2 of the tab, short enough to read at a glance; HEADER_NOTE (a note on A1) says the rest. */
export const HAND_EDITS =
  'Built by Relationship Calls from Teachers, Families, Call Log and Check-ins. Hand edits on this tab are replaced at each rebuild.';

export function schoolFacts(t: SchoolTables): SchoolFacts {
  const { settings, today } = t.input;
  return {
    schoolName: settings.schoolName,
    schoolYear: settings.schoolYear,
    window: { start: settings.windowStart, end: settings.windowEnd },
    today,
  };
}

/** Title, hand-edit note, when it was rebuilt and the call window. */
function aboutRows(block: Block, f: HeadlineFigures, ctx: LayoutContext): void {
  const school = [f.schoolName || 'This school', f.schoolYear].filter(Boolean).join(', ');
  block.add([text(`Relationship calls summary: ${school}`, { bold: true })]);
  block.note(HAND_EDITS);
  block.add(['Last rebuilt', `${ctx.rebuiltAt} (${ctx.timeZone})`]);
  const window =
    f.window.start || f.window.end
      ? `${f.window.start || 'no start'} to ${f.window.end || 'no end'}`
      : 'no dates set: every dated call counts';
  block.add(['Call window', window]);
  block.headings[HEADLINE_TITLE] = block.header([HEADLINE_TITLE, 'Number', 'Out of', 'Share', 'Note']);
}

const pointer = (sentence: string) => text(sentence, { color: NOTE_COLOR });

function teacherGoalRow(block: Block, f: HeadlineFigures): void {
  const teachers = f.teachersAtGoal.of;
  const goal = `${Math.round(f.schoolGoal * 100)}%`;
  const goalMet = f.teachersAtGoal.share !== null && f.teachersAtGoal.share >= f.schoolGoal;
  block.add([
    'Teachers who met or exceeded their goal',
    count(f.teachersAtGoal.count, {
      note: `Out of all ${plural(teachers, 'teacher')} on the Teachers tab (one per email). The school goal is ${goal} of them.`,
    }),
    teachers,
    pct(f.teachersAtGoal.share),
    teachers === 0
      ? text('No teachers on the Teachers tab yet')
      : text(goalMet ? `On track: school goal of ${goal} met` : `Below the school goal of ${goal}`, {
          fill: goalMet ? FILL.good : FILL.warn,
          bold: true,
        }),
  ]);
}

function familyRows(block: Block, f: HeadlineFigures, at: Pointers): void {
  const families = f.familiesReached.of;
  const ofFamilies = `Out of all ${plural(families, 'family', 'families')} on the Families tab (one per Student ID).`;
  block.add([
    'Families reached',
    count(f.familiesReached.count, {
      note: `${ofFamilies} Reached: any teacher had a conversation with them.`,
    }),
    families,
    pct(f.familiesReached.share),
    `of ${plural(families, 'family', 'families')} on Families`,
  ]);
  block.add([
    'Families with no attempt yet',
    count(f.noAttempt.length, { note: `${ofFamilies} No call or attempt inside the call window.` }),
    families,
    pct(families ? f.noAttempt.length / families : null),
    pointer(`listed from row ${at.noAttempt}`),
  ]);
  const wrongNumbers = f.attemptedNotReached.filter((x) => x.action).length;
  block.add([
    'Families tried but not reached yet',
    count(f.attemptedNotReached.length, { note: `${ofFamilies} At least one attempt, no conversation yet.` }),
    families,
    pct(families ? f.attemptedNotReached.length / families : null),
    pointer(
      `listed from row ${at.attempted}${wrongNumbers ? `; ${wrongNumbers} wrong numbers for the office` : ''}`,
    ),
  ]);
  // Whole sentences: column A wraps these two rows, so nothing is cut at an edge.
  block.add([text(`Reach by language: ${f.languageGap}`, { bold: true, wrap: true })]);
  block.add([text(`Reach by grade: ${f.gradeGap}`, { bold: true, wrap: true })]);
}

function thisWeekRows(block: Block, f: HeadlineFigures, at: Pointers): void {
  const overdue = f.followUpsOverdue ? 'Overdue' : 'None overdue';
  block.add([
    'Follow-ups overdue',
    count(f.followUpsOverdue, {
      note: `Out of the ${plural(f.followUpsOpen, 'open follow-up')} on the Call Log (any date): due before today and not ticked done.`,
    }),
    f.followUpsOpen,
    null,
    f.followUpsOverdue
      ? text(`${overdue}: listed from row ${at.followUps}`, { fill: FILL.bad, bold: true })
      : text(overdue, { fill: FILL.good }),
  ]);
  const teachers = f.teachersNotStarted.of;
  block.add([
    'Teachers not started',
    count(f.teachersNotStarted.count, {
      note: `Out of all ${plural(teachers, 'teacher')} on the Teachers tab: no call logged inside the call window yet.`,
    }),
    teachers,
    pct(f.teachersNotStarted.share),
    pointer(`Status "Not started" in the table from row ${at.teachers}`),
  ]);
}

/** Calls, conversations and their shares: the rest of the headline, below the first screen. */
function callRows(block: Block, f: HeadlineFigures): void {
  block.add([
    'Conversations',
    count(f.conversations, {
      note: `Calls inside the call window whose outcome is Reached, out of ${plural(f.calls, 'call')} and attempts there.`,
    }),
    f.calls,
    pct(f.calls ? f.conversations / f.calls : null),
    `from ${n(f.calls)} calls and attempts`,
  ]);
  block.add([
    'Calls this week',
    count(f.callsThisWeek, {
      note: `Calls and attempts dated Monday ${f.weekStart} to Sunday, inside the call window; out of ${plural(f.calls, 'call')} in the window.`,
    }),
    null,
    null,
    `week of ${f.weekStart}`,
  ]);
  const weeks = f.weeks.length;
  block.add([
    'Calls per week',
    f.callsPerWeek === null
      ? text('')
      : {
          value: f.callsPerWeek,
          format: 'decimal',
          note: `The calls of the weekly table below divided by its ${plural(weeks, 'week')}.`,
        },
    null,
    null,
    f.callsPerWeek === null ? 'no week to count yet' : `average over ${plural(weeks, 'week')} (table below)`,
  ]);
  block.add([
    'Follow-ups open',
    count(f.followUpsOpen, {
      note: 'Rows of the whole Call Log with a Follow-up Needed and Follow-up Done not ticked.',
    }),
  ]);
}

function shareRows(block: Block, f: HeadlineFigures): void {
  const lang = f.inFamilyLanguage;
  block.add([
    'Conversations in the family’s language or interpreted',
    count(lang.count, {
      note: `Out of the ${plural(lang.of, 'conversation')} with a family whose preferred language is recorded (${plural(f.conversations, 'conversation')} in all).`,
    }),
    lang.of,
    pct(lang.share),
    lang.of
      ? `of ${plural(lang.of, 'conversation')} whose family language is known (${n(f.conversations)} in all)`
      : 'no conversation with a family whose language is recorded',
  ]);
  const strengths = f.strengthsRecorded;
  block.add([
    'Conversations with strengths recorded',
    count(strengths.count, {
      note: `Out of all ${plural(strengths.of, 'conversation')} inside the call window.`,
    }),
    strengths.of,
    pct(strengths.share),
    `of ${plural(strengths.of, 'conversation')}`,
  ]);
}

/** The headline block; its height does not depend on the rows it points at. */
export function headlineBlock(f: HeadlineFigures, ctx: LayoutContext, at: Pointers): Block {
  const block = new Block();
  aboutRows(block, f, ctx);
  teacherGoalRow(block, f);
  familyRows(block, f, at);
  thisWeekRows(block, f, at);
  callRows(block, f);
  shareRows(block, f);
  block.blank();
  return block;
}

/** 'YYYY-MM-DD HH:MM' of an instant in a time zone, for "last rebuilt" (Intl is in Apps Script's V8). */
export function formatStamp(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
