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

const DAY_MS = 86_400_000;
function dayNumber(date: IsoDate): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS,
  );
}
function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}
/** The Monday of the week a date falls in. */
export function weekStartOf(date: IsoDate): IsoDate {
  const day = dayNumber(date);
  // 1970-01-01 (day 0) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  return fromDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}

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
  let best = real[0] as GroupReach;
  let worst = real[0] as GroupReach;
  for (const g of real) {
    if (g.share > best.share) best = g;
    if (g.share < worst.share) worst = g;
  }
  const points = Math.round(best.share * 100) - Math.round(worst.share * 100);
  if (best.share === worst.share)
    return `Every ${kind} group is reached at the same rate (${percent(best.share)}).`;
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${capital(name(best))} are reached most (${figure(best)}) and ${name(worst)} least (${figure(worst)}): a gap of ${points} percentage points.`;
}

export function computeSummary(input: SummaryInput): SummaryFigures {
  const { settings, teachers, calls, checkIns, today } = input;
  const byFamily = familyFigures(calls, settings);

  // The roster: one family per student id (the first row wins, as everywhere else in the add-on).
  const roster = new Map<string, FamilyRecord>();
  const duplicateFamilyRows: number[] = [];
  const noIdFamilyRows: number[] = [];
  for (const family of input.families) {
    if (!family.studentId) noIdFamilyRows.push(family.row);
    else if (roster.has(family.studentId)) duplicateFamilyRows.push(family.row);
    else roster.set(family.studentId, family);
  }
  const families = [...roster.values()];
  const reached = (id: string) => byFamily.get(id)?.reached ?? false;

  // Teachers: figures by the reference definitions, one row per email (the first row wins).
  const figures = teacherFigures(teachers, families, calls, settings, byFamily);
  const teacherByEmail = new Map<string, TeacherRecord>();
  for (const t of teachers) if (t.email && !teacherByEmail.has(t.email)) teacherByEmail.set(t.email, t);
  const lastCheckIn = new Map<string, IsoDate>();
  for (const c of checkIns) {
    if (c.date && c.teacherEmail && c.date > (lastCheckIn.get(c.teacherEmail) ?? ''))
      lastCheckIn.set(c.teacherEmail, c.date);
  }
  const teacherRows: TeacherRow[] = [];
  for (const [email, f] of figures) {
    const record = teacherByEmail.get(email) as TeacherRecord;
    teacherRows.push({
      ...f,
      name: record.name || email,
      email,
      defaultGoal: record.goal === null,
      lastCheckIn: lastCheckIn.get(email) ?? '',
    });
  }
  // By name: the tab is open to every teacher, so its order ranks no one.
  teacherRows.sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.email, b.email));
  const teacherName = (email: string, fallback = '') => teacherByEmail.get(email)?.name || fallback || email;

  // Calls inside the window, once.
  const counted = calls.filter((c) => isCounted(c.callDate, settings));
  const conversations = counted.filter((c) => isReached(c.outcome));
  const weekStart = weekStartOf(today);
  const weekEnd = addDays(weekStart, 6);
  const callsThisWeek = counted.filter((c) => c.callDate >= weekStart && c.callDate <= weekEnd).length;

  // Families not reached yet, with each family's last counted attempt.
  const lastAttempt = new Map<string, CallRecord>();
  for (const c of counted) {
    if (!c.studentId) continue;
    const prev = lastAttempt.get(c.studentId);
    if (!prev || c.callDate > prev.callDate || (c.callDate === prev.callDate && c.row > prev.row))
      lastAttempt.set(c.studentId, c);
  }
  const noAttempt: UnreachedFamily[] = [];
  const attemptedNotReached: UnreachedFamily[] = [];
  for (const family of families) {
    const f = byFamily.get(family.studentId);
    if (f?.reached) continue;
    const last = lastAttempt.get(family.studentId);
    const outcome = last?.outcome ?? '';
    const row: UnreachedFamily = {
      studentId: family.studentId,
      studentName: family.studentName,
      grade: family.grade,
      homeroom: family.homeroomEmail ? teacherName(family.homeroomEmail) : '',
      preferredLanguage: family.preferredLanguage,
      attempts: f?.attempts ?? 0,
      lastAttempt: last?.callDate ?? '',
      lastOutcome: last ? outcome || 'No outcome recorded' : '',
      action: last && isWrongNumber(outcome) ? 'Office: update the contact details' : '',
    };
    (f ? attemptedNotReached : noAttempt).push(row);
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

  // Equity: reach by preferred language and by grade.
  const order = (key: PickListKey) => input.pickLists?.[key] ?? DEFAULT_PICK_LISTS[key];
  const byLanguage = reachBy(families, reached, (f) => f.preferredLanguage, order('languages'));
  const byGrade = reachBy(families, reached, (f) => f.grade, order('grades'));

  // Conversations held in the family's language or with an interpreter (families whose language is known).
  let languageKnown = 0;
  let inLanguage = 0;
  for (const c of conversations) {
    const family = roster.get(c.studentId);
    if (!family?.preferredLanguage) continue;
    languageKnown++;
    if (c.interpreterUsed || headerKey(c.language) === headerKey(family.preferredLanguage)) inLanguage++;
  }
  const noStrengthRows = conversations.filter((c) => !c.strengths).map((c) => c.row);

  // Weeks of the window, Monday to Sunday, up to today (or the window's end when it is over).
  const countedDates = counted.map((c) => c.callDate).sort();
  const firstDate = settings.windowStart || countedDates[0] || '';
  let lastDate: IsoDate = settings.windowEnd && settings.windowEnd < today ? settings.windowEnd : today;
  const latest = countedDates[countedDates.length - 1];
  if (latest && latest > lastDate) lastDate = latest;
  const weekIndex = new Map<IsoDate, WeekRow>();
  let weeks: WeekRow[] = [];
  if (firstDate && firstDate <= lastDate) {
    for (let w = weekStartOf(firstDate); w <= lastDate; w = addDays(w, 7)) {
      const row = { weekOf: w, calls: 0, conversations: 0 };
      weeks.push(row);
      weekIndex.set(w, row);
    }
  }
  for (const c of counted) {
    const row = weekIndex.get(weekStartOf(c.callDate));
    if (!row) continue;
    row.calls++;
    if (isReached(c.outcome)) row.conversations++;
  }
  const weeksCut = weeks.length > MAX_WEEKS;
  if (weeksCut) weeks = weeks.slice(-MAX_WEEKS);
  const shownCalls = weeks.reduce((sum, w) => sum + w.calls, 0);

  // Recent "what I learned", newest first.
  const learned = counted
    .filter((c) => c.learned)
    .sort((a, b) => byText(b.callDate, a.callDate) || b.row - a.row)
    .slice(0, RECENT_LEARNED)
    .map((c) => ({
      date: c.callDate as IsoDate,
      teacher: teacherName(c.teacherEmail, c.teacherName),
      studentName: roster.get(c.studentId)?.studentName || c.studentName,
      learned: c.learned,
    }));

  // Follow-ups: every row of the log.
  const open = calls.filter((c) => c.followUp && !c.followUpDone);
  const overdue = open.filter((c) => c.followUpBy && c.followUpBy < today);
  const overdueFollowUps = [...overdue]
    .sort((a, b) => byText(a.followUpBy, b.followUpBy) || a.row - b.row)
    .slice(0, OVERDUE_LISTED)
    .map((c) => ({
      due: c.followUpBy as IsoDate,
      teacher: teacherName(c.teacherEmail, c.teacherName),
      studentId: c.studentId,
      studentName: roster.get(c.studentId)?.studentName || c.studentName,
      followUp: c.followUp,
    }));

  // Data quality: rows to fix, and what fixing them changes.
  const rowsWhere = (pred: (c: CallRecord) => boolean) => calls.filter(pred).map((c) => c.row);
  const problems: DataProblem[] = [
    {
      problem: 'Calls naming a student who is not on Families',
      tab: 'Call Log',
      rows: rowsWhere((c) => Boolean(c.studentId) && !roster.has(c.studentId)),
      fix: 'Correct the Student ID, or add the family to Families; until then no family on Families counts as called or reached by it.',
    },
    {
      problem: 'Calls with no Student ID',
      tab: 'Call Log',
      rows: rowsWhere((c) => !c.studentId),
      fix: 'Type the Student ID of the family called.',
    },
    {
      problem: 'Calls by a teacher who is not on Teachers',
      tab: 'Call Log',
      rows: rowsWhere((c) => !teacherByEmail.has(c.teacherEmail)),
      fix: 'Correct the Teacher Email, or add the teacher to Teachers; until then the call counts toward no goal.',
    },
    {
      problem: 'Conversations with no strengths recorded',
      tab: 'Call Log',
      rows: noStrengthRows,
      fix: 'Ask the teacher what the family sees as their child’s strengths, and fill in Strengths the Family Sees.',
    },
    {
      problem: 'Calls with no outcome',
      tab: 'Call Log',
      rows: rowsWhere((c) => !c.outcome),
      fix: 'Choose the Outcome; only Reached counts as a conversation.',
    },
    {
      problem: 'Calls with no valid Call Date',
      tab: 'Call Log',
      rows: rowsWhere((c) => !c.callDate),
      fix: 'Type the date as 2026-09-14; a call with no date counts nowhere.',
    },
    {
      problem: 'Goals that are not a whole number',
      tab: 'Teachers',
      rows: teachers.filter((t) => t.badGoal).map((t) => t.row),
      fix: `Type a whole number such as 10; until then the default goal (${settings.defaultGoal}) applies.`,
    },
    {
      problem: 'Students listed twice on Families',
      tab: 'Families',
      rows: duplicateFamilyRows,
      fix: 'Keep one row per Student ID; the first row is the one counted.',
    },
    {
      problem: 'Families rows with no Student ID',
      tab: 'Families',
      rows: noIdFamilyRows,
      fix: 'Type the student’s ID; a family without one cannot be called or counted.',
    },
    {
      problem: 'Check-ins with a teacher who is not on Teachers',
      tab: 'Check-ins',
      rows: checkIns.filter((c) => !teacherByEmail.has(c.teacherEmail)).map((c) => c.row),
      fix: 'Choose the teacher’s email from the list.',
    },
  ];

  const atGoal = teacherRows.filter((t) => t.status === 'Met' || t.status === 'Exceeded').length;
  return {
    schoolName: settings.schoolName,
    schoolYear: settings.schoolYear,
    window: { start: settings.windowStart, end: settings.windowEnd },
    today,
    teachersAtGoal: share(atGoal, teacherRows.length),
    teachersNotStarted: share(
      teacherRows.filter((t) => t.status === 'Not started').length,
      teacherRows.length,
    ),
    schoolGoal: settings.schoolGoal,
    familiesReached: share(families.filter((f) => reached(f.studentId)).length, families.length),
    calls: counted.length,
    conversations: conversations.length,
    callsThisWeek,
    weekStart,
    callsPerWeek: weeks.length ? shownCalls / weeks.length : null,
    followUpsOpen: open.length,
    followUpsOverdue: overdue.length,
    inFamilyLanguage: share(inLanguage, languageKnown),
    strengthsRecorded: share(conversations.length - noStrengthRows.length, conversations.length),
    teacherRows,
    noAttempt,
    attemptedNotReached,
    byLanguage,
    languageGap: gapSentence(byLanguage, 'language'),
    byGrade,
    gradeGap: gapSentence(byGrade, 'grade'),
    weeks,
    weeksCut,
    learned,
    overdueFollowUps,
    problems,
  };
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
