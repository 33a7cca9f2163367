/**
 * The district roll-up's figures: one row per school, computed by the same code as the school's
 * Summary (computeSummary), then cut down to numbers and group names. Nothing that names a student,
 * a family, a caregiver or a teacher, no note and no phone can reach the District tab: SchoolFigures
 * has no field that could hold one (group names are the school's languages and grades).
 * Pure: no Apps Script globals. The layout of the District tab is src/core/district-layout.ts.
 */
import type { IsoDate } from '../common/rpc';
import { addDays } from './dates';
import { isCounted } from './progress';
import { bestAndWorst, computeSummary, type GroupReach, type SummaryInput } from './summary';

/** The reach gap between the best- and worst-reached group of one kind (language or grade). */
export interface GroupGap {
  /** Percentage points, as the Summary's gap sentence rounds them; null when there is nothing to compare. */
  points: number | null;
  /** The least-reached group ('' when there is nothing to compare). */
  worst: string;
}

export interface SchoolFigures {
  teachers: number;
  teachersAtGoal: number;
  families: number;
  familiesReached: number;
  calls: number;
  conversations: number;
  /** Counted calls dated today or in the 6 days before. */
  callsLast7Days: number;
  callsPerWeek: number | null;
  languageGap: GroupGap;
  gradeGap: GroupGap;
  followUpsOpen: number;
  followUpsOverdue: number;
  /** The latest Call Date on the school's log (any row), '' when none. */
  lastActivity: IsoDate | '';
  /** Counted calls per week: [Monday, calls], as the Summary's weekly table. */
  weeks: [IsoDate, number][];
}

function gapOf(groups: readonly GroupReach[]): GroupGap {
  const pair = bestAndWorst(groups);
  if (!pair || pair.best === pair.worst) return { points: null, worst: '' };
  const points = Math.round(pair.best.share * 100) - Math.round(pair.worst.share * 100);
  return { points, worst: points > 0 ? pair.worst.group : '' };
}

/** One school's district figures: the Summary's own figures, aggregates only. */
export function schoolFigures(input: SummaryInput): SchoolFigures {
  const f = computeSummary(input);
  const weekAgo = addDays(input.today, -6);
  let lastActivity = '';
  let callsLast7Days = 0;
  for (const c of input.calls) {
    if (c.callDate > lastActivity) lastActivity = c.callDate;
    if (c.callDate >= weekAgo && c.callDate <= input.today && isCounted(c.callDate, input.settings))
      callsLast7Days++;
  }
  return {
    teachers: f.teachersAtGoal.of,
    teachersAtGoal: f.teachersAtGoal.count,
    families: f.familiesReached.of,
    familiesReached: f.familiesReached.count,
    calls: f.calls,
    conversations: f.conversations,
    callsLast7Days,
    callsPerWeek: f.callsPerWeek,
    languageGap: gapOf(f.byLanguage),
    gradeGap: gapOf(f.byGrade),
    followUpsOpen: f.followUpsOpen,
    followUpsOverdue: f.followUpsOverdue,
    lastActivity,
    weeks: f.weeks.map((w) => [w.weekOf, w.calls]),
  };
}

/** What the roll-up saved about one school: its figures, or why it could not be read. */
export type SchoolResult =
  | { readAt: string; figures: SchoolFigures; reason?: undefined }
  | { readAt: string; reason: string; figures?: undefined };

/** Apps Script stops a run at 6 minutes; the roll-up never plans past 5. */
export const RUN_CEILING_MS = 5 * 60_000;
/** The default budget leaves room for the slowest school and the final write. */
export const DEFAULT_BUDGET_MS = 4 * 60_000;

/** The run's budget: a stored override (ms, e.g. for a district of slow schools), never past the ceiling. */
export function budgetFrom(stored: string | null): number {
  const n = stored === null || stored.trim() === '' ? Number.NaN : Number(stored);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, RUN_CEILING_MS) : DEFAULT_BUDGET_MS;
}

/**
 * Whether to stop before reading the next school: when one more school as slow as the slowest so far
 * would pass the budget. Every run reads at least one school, so a roll-up always moves on.
 */
export function timeToStop(
  elapsedMs: number,
  slowestMs: number,
  budgetMs: number,
  readThisRun: number,
): boolean {
  return readThisRun > 0 && elapsedMs + slowestMs >= budgetMs;
}

/** A school of the Schools tab. */
export interface SchoolListing {
  name: string;
  url: string;
}

/** Identifies a list of schools: a run resumes only over the same list, in the same order. */
export function listKeyOf(schools: readonly SchoolListing[]): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(schools.map((s) => [s.name, s.url]));
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${schools.length}:${h.toString(16)}`;
}
