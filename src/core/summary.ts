/**
 * Every figure of the principal's Summary tab, computed from the typed records of one read of each
 * table, the settings and today's date (in the spreadsheet's time zone, passed in so it is testable).
 * Pure: no Apps Script globals. The layout on the tab is src/core/summary-layout.ts.
 *
 * Definitions (DOMAIN.md), one rule for the call window: a call counts when its Call Date is inside
 * the call window (src/core/progress.ts isCounted). Per-teacher and per-family figures come from
 * progress.ts, the same definitions the Teachers and Families formulas use. Exceptions, on purpose:
 * - follow-ups count every row of the log: a promise made to a family stands whatever the window;
 * - data quality looks at every row, since a bad row is worth fixing wherever it sits.
 */
import type { IsoDate } from '../common/rpc';
import { DEFAULT_PICK_LISTS, headerKey, type PickListKey } from '../common/schema';
import { addDays, weekStartOf } from './dates';
import { familyFigures, isCounted, isReached, type TeacherFigures, teacherFigures } from './progress';
import type { CallRecord, CheckInRecord, FamilyRecord, TeacherRecord } from './records';
import type { SchoolSettings } from './settings';

export interface SummaryInput {
  settings: SchoolSettings;
  /** Grades and languages in the school's own order (Settings pick-lists); defaults when absent. */
  pickLists?: Partial<Record<PickListKey, readonly string[]>>;
  teachers: readonly TeacherRecord[];
  families: readonly FamilyRecord[];
  calls: readonly CallRecord[];
  checkIns: readonly CheckInRecord[];
  /** Today in the spreadsheet's time zone. */
  today: IsoDate;
}

export interface TeacherRow extends TeacherFigures {
  name: string;
  email: string;
  /** True when the Goal cell is blank (or unusable) and the Settings default applies. */
  defaultGoal: boolean;
  lastCheckIn: IsoDate | '';
}

export interface GroupReach {
  group: string;
  families: number;
  reached: number;
  /** reached / families. */
  share: number;
}

export interface UnreachedFamily {
  studentId: string;
  studentName: string;
  grade: string;
  /** The homeroom teacher's name (their email when they are not on Teachers). */
  homeroom: string;
  preferredLanguage: string;
  attempts: number;
  lastAttempt: IsoDate | '';
  lastOutcome: string;
  /** What someone should do next, e.g. the office updating a wrong number. '' when nothing special. */
  action: string;
}

export interface WeekRow {
  /** The Monday the week starts on. */
  weekOf: IsoDate;
  calls: number;
  conversations: number;
}

export interface LearnedEntry {
  date: IsoDate;
  teacher: string;
  studentName: string;
  learned: string;
}

export interface FollowUpRow {
  due: IsoDate;
  teacher: string;
  studentId: string;
  studentName: string;
  followUp: string;
}

export interface DataProblem {
  problem: string;
  tab: string;
  /** Sheet rows (1-based, header is row 1) of the rows concerned. */
  rows: number[];
  fix: string;
}

export interface Share {
  count: number;
  of: number;
  /** count / of; null when `of` is 0 (nothing to divide). */
  share: number | null;
}

export interface SummaryFigures {
  schoolName: string;
  schoolYear: string;
  window: { start: IsoDate | ''; end: IsoDate | '' };
  today: IsoDate;
  teachersAtGoal: Share;
  /** Teachers with no call logged yet, of all teachers. */
  teachersNotStarted: Share;
  schoolGoal: number;
  familiesReached: Share;
  calls: number;
  conversations: number;
  callsThisWeek: number;
  /** Monday of today's week. */
  weekStart: IsoDate;
  /** Average calls per week over the weeks of the weekly table; null when it has no week. */
  callsPerWeek: number | null;
  followUpsOpen: number;
  followUpsOverdue: number;
  /** Conversations with a roster family whose language is known: held in it or with an interpreter. */
  inFamilyLanguage: Share;
  strengthsRecorded: Share;
  teacherRows: TeacherRow[];
  noAttempt: UnreachedFamily[];
  attemptedNotReached: UnreachedFamily[];
  byLanguage: GroupReach[];
  languageGap: string;
  byGrade: GroupReach[];
  gradeGap: string;
  weeks: WeekRow[];
  /** Set when the weekly table was cut to its most recent weeks. */
  weeksCut: boolean;
  learned: LearnedEntry[];
  overdueFollowUps: FollowUpRow[];
  problems: DataProblem[];
}

/** How many "what I learned" entries the summary shows, newest first. */
export const RECENT_LEARNED = 15;
/** How many overdue follow-ups the summary lists, oldest due date first. */
export const OVERDUE_LISTED = 30;
/** The weekly table never grows past two school years of weeks (a typo'd year would add thousands). */
export const MAX_WEEKS = 104;
/** Group name for families whose language or grade is blank. */
export const NOT_RECORDED = 'Not recorded';

// Re-exported for the tests that import them from here; new code imports ./dates.
export { addDays, weekStartOf };

export function isWrongNumber(outcome: string): boolean {
  return /wrong|disconnected/i.test(outcome);
}

const share = (count: number, of: number): Share => ({ count, of, share: of > 0 ? count / of : null });
const percent = (x: number) => `${Math.round(x * 100)}%`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reach per group, in the school's pick-list order, then other spellings by name, Not recorded last. */
function reachBy(
  families: readonly FamilyRecord[],
  reached: (id: string) => boolean,
  groupOf: (f: FamilyRecord) => string,
  order: readonly string[],
): GroupReach[] {
  const groups = new Map<string, GroupReach>();
  for (const family of families) {
    const text = groupOf(family).trim();
    const key = text ? headerKey(text) : '';
    let g = groups.get(key);
    if (!g) {
      const listed = order.find((o) => headerKey(o) === key);
      g = { group: key ? (listed ?? text) : NOT_RECORDED, families: 0, reached: 0, share: 0 };
      groups.set(key, g);
    }
    g.families++;
    if (reached(family.studentId)) g.reached++;
  }
  const rank = (key: string) => {
    if (!key) return order.length + 1;
    const at = order.findIndex((o) => headerKey(o) === key);
    return at >= 0 ? at : order.length;
  };
  return [...groups.entries()]
    .map(([key, g]) => ({ key, g: { ...g, share: g.families ? g.reached / g.families : 0 } }))
    .sort((a, b) => rank(a.key) - rank(b.key) || byText(a.g.group, b.g.group))
    .map(({ g }) => g);
}

/** The groups to compare (Not recorded is not one): the best- and worst-reached first met; null when none. */
export function bestAndWorst(groups: readonly GroupReach[]): { best: GroupReach; worst: GroupReach } | null {
  const real = groups.filter((g) => g.group !== NOT_RECORDED && g.families > 0);
  if (real.length === 0) return null;
  let best = real[0] as GroupReach;
  let worst = real[0] as GroupReach;
  for (const g of real) {
    if (g.share > best.share) best = g;
    if (g.share < worst.share) worst = g;
  }
  return { best, worst };
}

/** The gap between the best- and worst-reached group, in words. Not recorded is not a group to compare. */
export function gapSentence(groups: readonly GroupReach[], kind: 'language' | 'grade'): string {
  const real = groups.filter((g) => g.group !== NOT_RECORDED && g.families > 0);
  const name = (g: GroupReach) =>
    kind === 'language' ? `families whose language is ${g.group}` : `families in grade ${g.group}`;
  const figure = (g: GroupReach) => `${percent(g.share)}, ${g.reached} of ${g.families}`;
  if (real.length === 0)
    return `No family has a ${kind === 'language' ? 'preferred language' : 'grade'} recorded yet.`;
  if (real.length === 1) {
    const only = real[0] as GroupReach;
    return `Every family with a ${kind === 'language' ? 'preferred language' : 'grade'} recorded is in one group (${name(only)}: ${figure(only)}), so there is no gap to compare.`;
  }
  const { best, worst } = bestAndWorst(real) as { best: GroupReach; worst: GroupReach };
  const points = Math.round(best.share * 100) - Math.round(worst.share * 100);
  if (best.share === worst.share)
    return `Every ${kind} group is reached at the same rate (${percent(best.share)}).`;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${capital(name(best))} are reached most (${figure(best)}) and ${name(worst)} least (${figure(worst)}): a gap of ${points} percentage points.`;
}

/** The latest check-in date per teacher email. */
export function lastCheckIns(checkIns: readonly CheckInRecord[]): Map<string, IsoDate> {
  const last = new Map<string, IsoDate>();
  for (const c of checkIns) {
    if (c.date && c.teacherEmail && c.date > (last.get(c.teacherEmail) ?? ''))
      last.set(c.teacherEmail, c.date);
  }
  return last;
}

/** What every section reads: the roster, the teachers by email and the calls inside the window. */
interface Tables {
  input: SummaryInput;
  /** One family per student id (the first row wins, as everywhere else in the add-on). */
  roster: Map<string, FamilyRecord>;
  families: FamilyRecord[];
  duplicateFamilyRows: number[];
  noIdFamilyRows: number[];
  byFamily: ReturnType<typeof familyFigures>;
  /** One teacher per email (the first row wins). */
  teacherByEmail: Map<string, TeacherRecord>;
  teacherName: (email: string, fallback?: string) => string;
  counted: CallRecord[];
  conversations: CallRecord[];
}

function tablesOf(input: SummaryInput): Tables {
  const roster = new Map<string, FamilyRecord>();
  const duplicateFamilyRows: number[] = [];
  const noIdFamilyRows: number[] = [];
  for (const family of input.families) {
    if (!family.studentId) noIdFamilyRows.push(family.row);
    else if (roster.has(family.studentId)) duplicateFamilyRows.push(family.row);
    else roster.set(family.studentId, family);
  }
  const teacherByEmail = new Map<string, TeacherRecord>();
  for (const t of input.teachers) if (t.email && !teacherByEmail.has(t.email)) teacherByEmail.set(t.email, t);
  const counted = input.calls.filter((c) => isCounted(c.callDate, input.settings));
  return {
    input,
    roster,
    families: [...roster.values()],
    duplicateFamilyRows,
    noIdFamilyRows,
    byFamily: familyFigures(input.calls, input.settings),
    teacherByEmail,
    teacherName: (email, fallback = '') => teacherByEmail.get(email)?.name || fallback || email,
    counted,
    conversations: counted.filter((c) => isReached(c.outcome)),
  };
}

/** Teachers: figures by the reference definitions, in name order (the tab ranks no one). */
function teacherTable(t: Tables): TeacherRow[] {
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
  return rows.sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.email, b.email));
}

/** Families not reached yet, with each family's last counted attempt; wrong numbers first. */
function unreachedFamilies(t: Tables): Pick<SummaryFigures, 'noAttempt' | 'attemptedNotReached'> {
  const lastAttempt = new Map<string, CallRecord>();
  for (const c of t.counted) {
    if (!c.studentId) continue;
    const prev = lastAttempt.get(c.studentId);
    if (!prev || c.callDate > prev.callDate || (c.callDate === prev.callDate && c.row > prev.row))
      lastAttempt.set(c.studentId, c);
  }
  const noAttempt: UnreachedFamily[] = [];
  const attemptedNotReached: UnreachedFamily[] = [];
  for (const family of t.families) {
    const f = t.byFamily.get(family.studentId);
    if (f?.reached) continue;
    const last = lastAttempt.get(family.studentId);
    const outcome = last?.outcome ?? '';
    (f ? attemptedNotReached : noAttempt).push({
      studentId: family.studentId,
      studentName: family.studentName,
      grade: family.grade,
      homeroom: family.homeroomEmail ? t.teacherName(family.homeroomEmail) : '',
      preferredLanguage: family.preferredLanguage,
      attempts: f?.attempts ?? 0,
      lastAttempt: last?.callDate ?? '',
      lastOutcome: last ? outcome || 'No outcome recorded' : '',
      action: last && isWrongNumber(outcome) ? 'Office: update the contact details' : '',
    });
  }
  const familyOrder = (a: UnreachedFamily, b: UnreachedFamily) =>
    byText(a.homeroom.toLowerCase(), b.homeroom.toLowerCase()) ||
    byText(a.studentName.toLowerCase(), b.studentName.toLowerCase()) ||
    byText(a.studentId, b.studentId);
  noAttempt.sort(familyOrder);
  // Wrong numbers first: the office can act on them today.
  attemptedNotReached.sort(
    (a, b) => Number(Boolean(b.action)) - Number(Boolean(a.action)) || familyOrder(a, b),
  );
  return { noAttempt, attemptedNotReached };
}

/** Weeks of the window, Monday to Sunday, up to today (or the window's end when it is over). */
function weeklyTable(t: Tables): Pick<SummaryFigures, 'weeks' | 'weeksCut'> {
  const { settings, today } = t.input;
  const countedDates = t.counted.map((c) => c.callDate).sort();
  const firstDate = settings.windowStart || countedDates[0] || '';
  let lastDate: IsoDate = settings.windowEnd && settings.windowEnd < today ? settings.windowEnd : today;
  const latest = countedDates[countedDates.length - 1];
  if (latest && latest > lastDate) lastDate = latest;
  const weekIndex = new Map<IsoDate, WeekRow>();
  const weeks: WeekRow[] = [];
  if (firstDate && firstDate <= lastDate) {
    for (let w = weekStartOf(firstDate); w <= lastDate; w = addDays(w, 7)) {
      const row = { weekOf: w, calls: 0, conversations: 0 };
      weeks.push(row);
      weekIndex.set(w, row);
    }
  }
  for (const c of t.counted) {
    const row = weekIndex.get(weekStartOf(c.callDate));
    if (!row) continue;
    row.calls++;
    if (isReached(c.outcome)) row.conversations++;
  }
  const weeksCut = weeks.length > MAX_WEEKS;
  return { weeks: weeksCut ? weeks.slice(-MAX_WEEKS) : weeks, weeksCut };
}

/** Recent "what I learned" (newest first) and the overdue follow-ups (every row of the log). */
function notesToActOn(t: Tables) {
  const { calls, today } = t.input;
  const studentName = (c: CallRecord) => t.roster.get(c.studentId)?.studentName || c.studentName;
  const learned = t.counted
    .filter((c) => c.learned)
    .sort((a, b) => byText(b.callDate, a.callDate) || b.row - a.row)
    .slice(0, RECENT_LEARNED)
    .map((c) => ({
      date: c.callDate as IsoDate,
      teacher: t.teacherName(c.teacherEmail, c.teacherName),
      studentName: studentName(c),
      learned: c.learned,
    }));
  const open = calls.filter((c) => c.followUp && !c.followUpDone);
  const overdue = open.filter((c) => c.followUpBy && c.followUpBy < today);
  const overdueFollowUps = [...overdue]
    .sort((a, b) => byText(a.followUpBy, b.followUpBy) || a.row - b.row)
    .slice(0, OVERDUE_LISTED)
    .map((c) => ({
      due: c.followUpBy as IsoDate,
      teacher: t.teacherName(c.teacherEmail, c.teacherName),
      studentId: c.studentId,
      studentName: studentName(c),
      followUp: c.followUp,
    }));
  return { learned, overdueFollowUps, followUpsOpen: open.length, followUpsOverdue: overdue.length };
}

/** Conversations held in the family's language or with an interpreter (families whose language is known). */
function inFamilyLanguage(t: Tables): Share {
  let languageKnown = 0;
  let inLanguage = 0;
  for (const c of t.conversations) {
    const family = t.roster.get(c.studentId);
    if (!family?.preferredLanguage) continue;
    languageKnown++;
    if (c.interpreterUsed || headerKey(c.language) === headerKey(family.preferredLanguage)) inLanguage++;
  }
  return share(inLanguage, languageKnown);
}

export function computeSummary(input: SummaryInput): SummaryFigures {
  const { settings, today } = input;
  const t = tablesOf(input);
  const reached = (id: string) => t.byFamily.get(id)?.reached ?? false;
  const teacherRows = teacherTable(t);
  const weekStart = weekStartOf(today);
  const weekEnd = addDays(weekStart, 6);
  const { weeks, weeksCut } = weeklyTable(t);
  const shownCalls = weeks.reduce((sum, w) => sum + w.calls, 0);
  const notes = notesToActOn(t);
  const noStrengths = t.conversations.filter((c) => !c.strengths).length;
  // Equity: reach by preferred language and by grade, in the school's own order.
  const order = (key: PickListKey) => input.pickLists?.[key] ?? DEFAULT_PICK_LISTS[key];
  const byLanguage = reachBy(t.families, reached, (f) => f.preferredLanguage, order('languages'));
  const byGrade = reachBy(t.families, reached, (f) => f.grade, order('grades'));
  const withStatus = (...statuses: TeacherRow['status'][]) =>
    share(teacherRows.filter((r) => statuses.includes(r.status)).length, teacherRows.length);
  return {
    schoolName: settings.schoolName,
    schoolYear: settings.schoolYear,
    window: { start: settings.windowStart, end: settings.windowEnd },
    today,
    teachersAtGoal: withStatus('Met', 'Exceeded'),
    teachersNotStarted: withStatus('Not started'),
    schoolGoal: settings.schoolGoal,
    familiesReached: share(t.families.filter((f) => reached(f.studentId)).length, t.families.length),
    calls: t.counted.length,
    conversations: t.conversations.length,
    callsThisWeek: t.counted.filter((c) => c.callDate >= weekStart && c.callDate <= weekEnd).length,
    weekStart,
    callsPerWeek: weeks.length ? shownCalls / weeks.length : null,
    followUpsOpen: notes.followUpsOpen,
    followUpsOverdue: notes.followUpsOverdue,
    inFamilyLanguage: inFamilyLanguage(t),
    strengthsRecorded: share(t.conversations.length - noStrengths, t.conversations.length),
    teacherRows,
    ...unreachedFamilies(t),
    byLanguage,
    languageGap: gapSentence(byLanguage, 'language'),
    byGrade,
    gradeGap: gapSentence(byGrade, 'grade'),
    weeks,
    weeksCut,
    learned: notes.learned,
    overdueFollowUps: notes.overdueFollowUps,
    problems: dataProblems(t),
  };
}

/** Data quality: rows to fix, and what fixing them changes. */
function dataProblems(t: Tables): DataProblem[] {
  const { calls, teachers, checkIns, settings } = t.input;
  const rowsWhere = (pred: (c: CallRecord) => boolean) => calls.filter(pred).map((c) => c.row);
  const row = (problem: string, tab: string, rows: number[], fix: string): DataProblem => ({
    problem,
    tab,
    rows,
    fix,
  });
  return [
    row(
      'Calls naming a student who is not on Families',
      'Call Log',
      rowsWhere((c) => Boolean(c.studentId) && !t.roster.has(c.studentId)),
      'Correct the Student ID, or add the family to Families; until then no family on Families counts as called or reached by it.',
    ),
    row(
      'Calls with no Student ID',
      'Call Log',
      rowsWhere((c) => !c.studentId),
      'Type the Student ID of the family called.',
    ),
    row(
      'Calls by a teacher who is not on Teachers',
      'Call Log',
      rowsWhere((c) => !t.teacherByEmail.has(c.teacherEmail)),
      'Correct the Teacher Email, or add the teacher to Teachers; until then the call counts toward no goal.',
    ),
    row(
      'Conversations with no strengths recorded',
      'Call Log',
      t.conversations.filter((c) => !c.strengths).map((c) => c.row),
      'Ask the teacher what the family sees as their child’s strengths, and fill in Strengths the Family Sees.',
    ),
    row(
      'Calls with no outcome',
      'Call Log',
      rowsWhere((c) => !c.outcome),
      'Choose the Outcome; only Reached counts as a conversation.',
    ),
    row(
      'Calls with no valid Call Date',
      'Call Log',
      rowsWhere((c) => !c.callDate),
      'Type the date as 2026-09-14; a call with no date counts nowhere.',
    ),
    row(
      'Goals that are not a whole number',
      'Teachers',
      teachers.filter((x) => x.badGoal).map((x) => x.row),
      `Type a whole number such as 10; until then the default goal (${settings.defaultGoal}) applies.`,
    ),
    row(
      'Students listed twice on Families',
      'Families',
      t.duplicateFamilyRows,
      'Keep one row per Student ID; the first row is the one counted.',
    ),
    row(
      'Families rows with no Student ID',
      'Families',
      t.noIdFamilyRows,
      'Type the student’s ID; a family without one cannot be called or counted.',
    ),
    row(
      'Check-ins with a teacher who is not on Teachers',
      'Check-ins',
      checkIns.filter((c) => !t.teacherByEmail.has(c.teacherEmail)).map((c) => c.row),
      'Choose the teacher’s email from the list.',
    ),
  ];
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
