/**
 * The principal's Summary tab, one module per section: each computes its figures from one read of
 * each table (./school.ts) and lays itself out as a block of cells; this index composes them. Pure:
 * no Apps Script globals. A caller that needs only some figures (the district roll-up, the weekly
 * digest) imports those sections and computes only them.
 *
 * Exceptions to the call window, on purpose: follow-ups count every row of the log (a promise made to
 * a family stands whatever the window), and data quality looks at every row.
 */
import { FOLLOW_UPS_TITLE, type FollowUpFigures, followUpFigures, followUpsBlock } from './follow-ups';
import { HEADLINE_TITLE, headlineBlock, type LayoutContext, type SchoolFacts, schoolFacts } from './headline';
import { placeBlocks, placements, type SummaryLayout } from './layout';
import { LEARNED_TITLE, type LearnedFigures, learnedBlock, learnedFigures } from './learned';
import { ATTEMPTED_TITLE, type ListFigures, listFigures, listsBlock, NO_ATTEMPT_TITLE } from './lists';
import { QUALITY_TITLE, type QualityFigures, qualityBlock, qualityFigures } from './quality';
import { GRADE_TITLE, LANGUAGE_TITLE, type ReachFigures, reachBlocks, reachFigures } from './reach';
import { figuresOf, type SummaryInput, schoolTables } from './school';
import { TEACHERS_TITLE, type TeachersFigures, teachersBlock, teachersFigures } from './teachers';
import { WEEKLY_TITLE, type WeeklyFigures, weeklyBlock, weeklyFigures } from './weekly';

export type { ChartPlacement } from './cells';
export { SUMMARY_WIDTH } from './cells';
export type { FollowUpRow } from './follow-ups';
export { formatStamp, HAND_EDITS, type LayoutContext } from './headline';
export { HEADER_NOTE, type SummaryLayout } from './layout';
export type { LearnedEntry } from './learned';
export { isWrongNumber, type UnreachedFamily } from './lists';
export type { DataProblem } from './quality';
export { bestAndWorst, type GroupReach, gapSentence, NOT_RECORDED } from './reach';
export { addDays, dateSerial, type Share, type SummaryInput, weekStartOf } from './school';
export { lastCheckIns, STATUS_FILL, type TeacherRow } from './teachers';
export { CHART_ROWS, MAX_WEEKS, type WeekRow } from './weekly';

export type SummaryFigures = SchoolFacts &
  TeachersFigures &
  ReachFigures &
  WeeklyFigures &
  FollowUpFigures &
  LearnedFigures &
  QualityFigures &
  ListFigures;

/** Section titles, in the order the tab shows them. */
export const SECTION = {
  headline: HEADLINE_TITLE,
  teachers: TEACHERS_TITLE,
  language: LANGUAGE_TITLE,
  grade: GRADE_TITLE,
  weekly: WEEKLY_TITLE,
  followUps: FOLLOW_UPS_TITLE,
  learned: LEARNED_TITLE,
  quality: QUALITY_TITLE,
  noAttempt: NO_ATTEMPT_TITLE,
  attempted: ATTEMPTED_TITLE,
} as const;

export function computeSummary(input: SummaryInput): SummaryFigures {
  const sections = [schoolFacts, teachersFigures, reachFigures, weeklyFigures, followUpFigures] as const;
  return figuresOf(schoolTables(input), ...sections, learnedFigures, qualityFigures, listFigures);
}

/** The headline first, then the sections in reading order; the long family lists last. */
export function layoutSummary(f: SummaryFigures, ctx: LayoutContext): SummaryLayout {
  const body = [
    teachersBlock(f),
    ...reachBlocks(f),
    weeklyBlock(f),
    followUpsBlock(f),
    learnedBlock(f),
    qualityBlock(f),
    listsBlock(f),
  ];
  // The headline points at rows below it; its own height does not depend on those rows.
  const unplaced = { teachers: 0, followUps: 0, noAttempt: 0, attempted: 0 };
  const height = headlineBlock(f, ctx, unplaced).rows.length;
  const below = placements(body, height + 1).sections;
  const headline = headlineBlock(f, ctx, {
    teachers: below[TEACHERS_TITLE] ?? 0,
    followUps: below[FOLLOW_UPS_TITLE] ?? 0,
    noAttempt: below[NO_ATTEMPT_TITLE] ?? 0,
    attempted: below[ATTEMPTED_TITLE] ?? 0,
  });
  return placeBlocks([headline, ...body]);
}
