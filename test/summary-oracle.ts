/**
 * The one independent Summary oracle: every figure the Summary shows, counted here from a school's
 * tabs as a person would count them (text trimmed, emails any case, dates in the sheet's time zone),
 * straight from DOMAIN.md and without calling src/core. The unit tests feed it the generated rows,
 * the bundle tests the workbook's cells after a rebuild; both compare the add-on against it.
 */
import { SETTINGS } from '../src/common/schema';

/** Each tab as getValues returns it: the header row, then the rows. */
export interface SchoolTabs {
  settings: readonly (readonly unknown[])[];
  teachers: readonly (readonly unknown[])[];
  families: readonly (readonly unknown[])[];
  calls: readonly (readonly unknown[])[];
  checkIns: readonly (readonly unknown[])[];
}

const isDateValue = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** How a person reads cells of a sheet in one time zone. */
export function reading(timeZone: string) {
  const isoFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const textOf = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (isDateValue(v)) return isoFormat.format(v);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return String(v).trim();
  };
  const isoOf = (v: unknown): string => {
    if (isDateValue(v)) return isoFormat.format(v);
    const s = typeof v === 'string' ? v.trim() : '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return '';
    const d = new Date(`${s}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? '' : s;
  };
  return { textOf, isoOf, isoFormat };
}

/** Case, spacing and punctuation forgiven, as a person reads "Haitian Creole" and "haitian creole". */
export const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
export const mondayOf = (iso: string) => {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 Sunday
  return addDays(iso, -((day + 6) % 7));
};

/** A tab's rows as header -> value, skipping blank rows; `row` is the sheet row. */
export function recordsOf(values: readonly (readonly unknown[])[], textOf: (v: unknown) => string) {
  const [head = [], ...rows] = values;
  const at = new Map(head.map((h, i) => [loose(textOf(h)), i]));
  return rows
    .map((cells, i) => ({
      row: i + 2,
      blank: cells.every((c) => c === '' || c === null || c === undefined),
      get: (h: string) => {
        const c = at.get(loose(h));
        return c === undefined ? '' : cells[c];
      },
    }))
    .filter((r) => !r.blank);
}

type Records = ReturnType<typeof recordsOf>;
type Reading = ReturnType<typeof reading>;

export interface ExpectedTeacher {
  name: string;
  email: string;
  goal: number;
  calls: number;
  conversations: number;
  familiesReached: number;
  ownShare: number | null;
  percentOfGoal: number | null;
  status: string;
  lastCall: string;
  lastCheckIn: string;
}

function settingsOf(tab: Records, r: Reading) {
  const settings = new Map(tab.map((row) => [r.textOf(row.get('Setting')), row.get('Value')]));
  const value = (key: string) => settings.get(SETTINGS.find((s) => s.key === key)?.label as string);
  return {
    start: r.isoOf(value('windowStart')),
    end: r.isoOf(value('windowEnd')),
    defaultGoal: Number(value('defaultGoal')),
    countsAttempts: r.textOf(value('goalCounts')) === 'Attempts',
  };
}

function teachersOf(tab: Records, r: Reading, defaultGoal: number) {
  const teachers = new Map<string, { name: string; goal: number; row: number }>();
  const badGoals: number[] = [];
  for (const row of tab) {
    const email = r.textOf(row.get('Email')).toLowerCase();
    const goalCell = row.get('Goal');
    const typed = r.textOf(goalCell);
    const goal = typeof goalCell === 'number' ? goalCell : typed === '' ? Number.NaN : Number(typed);
    const usable = Number.isInteger(goal) && goal >= 0;
    if (!usable && typed !== '') badGoals.push(row.row);
    if (!email || teachers.has(email)) continue;
    teachers.set(email, {
      name: r.textOf(row.get('Name')) || email,
      goal: usable ? goal : defaultGoal,
      row: row.row,
    });
  }
  return { teachers, badGoals };
}

function familiesOf(tab: Records, r: Reading) {
  const families = new Map<string, { name: string; grade: string; homeroom: string; language: string }>();
  const duplicateFamilies: number[] = [];
  const noIdFamilies: number[] = [];
  for (const row of tab) {
    const id = r.textOf(row.get('Student ID'));
    if (!id) noIdFamilies.push(row.row);
    else if (families.has(id)) duplicateFamilies.push(row.row);
    else
      families.set(id, {
        name: r.textOf(row.get('Student Name')),
        grade: r.textOf(row.get('Grade')),
        homeroom: r.textOf(row.get('Homeroom Teacher Email')).toLowerCase(),
        language: r.textOf(row.get('Preferred Language')),
      });
  }
  return { families, duplicateFamilies, noIdFamilies };
}

function callsOf(tab: Records, r: Reading) {
  const ticked = (v: unknown) => v === true || /^(true|yes|y|x)$/i.test(r.textOf(v));
  return tab.map((row) => ({
    row: row.row,
    teacher: r.textOf(row.get('Teacher Email')).toLowerCase(),
    typedTeacher: r.textOf(row.get('Teacher')),
    date: r.isoOf(row.get('Call Date')),
    id: r.textOf(row.get('Student ID')),
    typedStudent: r.textOf(row.get('Student Name')),
    outcome: r.textOf(row.get('Outcome')),
    // As COUNTIFS(Outcome,"Reached") on the Teachers tab reads it: any case, but not trimmed
    // (support.google.com/docs/answer/3093480), so ' REACHED ' is an attempt, not a conversation.
    reached: String(row.get('Outcome') ?? '').toLowerCase() === 'reached',
    language: r.textOf(row.get('Language')),
    interpreter: ticked(row.get('Interpreter Used')),
    strengths: r.textOf(row.get('Strengths the Family Sees')),
    learned: r.textOf(row.get('What I Learned')),
    followUp: r.textOf(row.get('Follow-up Needed')),
    followUpBy: r.isoOf(row.get('Follow-up By')),
    done: ticked(row.get('Follow-up Done')),
  }));
}
type Call = ReturnType<typeof callsOf>[number];

const latest = (dates: string[]) => [...dates].sort().pop() ?? '';

/** Every figure of the Summary, from the tabs' cells, on `today` in `timeZone`. */
export function expectedSummary(tabs: SchoolTabs, today: string, timeZone: string) {
  const r = reading(timeZone);
  const { start, end, defaultGoal, countsAttempts } = settingsOf(recordsOf(tabs.settings, r.textOf), r);
  const inWindow = (d: string) => d !== '' && (!start || d >= start) && (!end || d <= end);
  const { teachers, badGoals } = teachersOf(recordsOf(tabs.teachers, r.textOf), r, defaultGoal);
  const { families, duplicateFamilies, noIdFamilies } = familiesOf(recordsOf(tabs.families, r.textOf), r);
  const calls = callsOf(recordsOf(tabs.calls, r.textOf), r);
  const counted = calls.filter((c) => inWindow(c.date));
  const talks = counted.filter((c) => c.reached);
  const reachedIds = new Set(talks.map((c) => c.id).filter(Boolean));
  const checkIns = recordsOf(tabs.checkIns, r.textOf).map((row) => ({
    row: row.row,
    teacher: r.textOf(row.get('Teacher Email')).toLowerCase(),
    date: r.isoOf(row.get('Date')),
  }));

  const teacherRows: ExpectedTeacher[] = [...teachers.entries()].map(([email, t]) => {
    const mine = counted.filter((c) => c.teacher === email);
    const myTalks = mine.filter((c) => c.reached);
    const done = countsAttempts ? mine.length : myTalks.length;
    const own = [...families.entries()].filter(([, f]) => f.homeroom === email);
    const status =
      mine.length === 0
        ? 'Not started'
        : done < t.goal
          ? 'In progress'
          : done === t.goal
            ? 'Met'
            : 'Exceeded';
    return {
      name: t.name,
      email,
      goal: t.goal,
      calls: mine.length,
      conversations: myTalks.length,
      familiesReached: new Set(myTalks.map((c) => c.id).filter(Boolean)).size,
      ownShare: own.length ? own.filter(([id]) => reachedIds.has(id)).length / own.length : null,
      percentOfGoal: t.goal > 0 ? done / t.goal : null,
      status,
      lastCall: latest(mine.map((c) => c.date)),
      lastCheckIn: latest(checkIns.filter((c) => c.teacher === email && c.date).map((c) => c.date)),
    };
  });
  const nameOf = (email: string) => teachers.get(email)?.name ?? email;
  const open = calls.filter((c) => c.followUp && !c.done);
  const thisWeek = mondayOf(today);
  const knownLanguage = talks.filter((c) => families.get(c.id)?.language);
  const inLanguage = knownLanguage.filter(
    (c) => c.interpreter || loose(c.language) === loose(families.get(c.id)?.language ?? ''),
  );
  const atGoal = teacherRows.filter((t) => t.status === 'Met' || t.status === 'Exceeded').length;
  const rows = (pred: (c: Call) => boolean) => calls.filter(pred).map((c) => c.row);
  const familiesReached = [...families.keys()].filter((id) => reachedIds.has(id)).length;
  return {
    teachersAtGoal: [atGoal, teacherRows.length, atGoal / (teacherRows.length || 1)] as const,
    familiesReached: [familiesReached, families.size] as [number, number],
    conversations: talks.length,
    calls: counted.length,
    monday: thisWeek,
    callsThisWeek: counted.filter((c) => c.date >= thisWeek && c.date <= addDays(thisWeek, 6)).length,
    followUpsOpen: open.length,
    followUpsOverdue: open.filter((c) => c.followUpBy && c.followUpBy < today).length,
    inLanguage: [inLanguage.length, knownLanguage.length],
    strengths: [talks.filter((c) => c.strengths).length, talks.length],
    teacherRows,
    nameOf,
    families,
    ...notReached(families, counted, reachedIds),
    byLanguage: reachBy(families, reachedIds, (f) => f.language),
    byGrade: reachBy(families, reachedIds, (f) => f.grade),
    weeks: weeksOf(counted, start, end, today),
    learned: learnedOf(counted, teachers, families),
    quality: {
      unknownFamily: rows((c) => c.id !== '' && !families.has(c.id)),
      noStudentId: rows((c) => c.id === ''),
      unknownTeacher: rows((c) => !teachers.has(c.teacher)),
      noStrengths: talks.filter((c) => !c.strengths).map((c) => c.row),
      noOutcome: rows((c) => c.outcome === ''),
      noDate: rows((c) => c.date === ''),
      badGoals,
      duplicateFamilies,
      noIdFamilies,
      unknownCheckInTeacher: checkIns.filter((c) => !teachers.has(c.teacher)).map((c) => c.row),
    },
  };
}

type Families = ReturnType<typeof familiesOf>['families'];

/** Families not reached: no counted attempt, or attempts without a conversation. */
function notReached(families: Families, counted: Call[], reachedIds: Set<string>) {
  const attemptsOf = new Map<string, Call[]>();
  for (const c of counted) if (c.id) attemptsOf.set(c.id, [...(attemptsOf.get(c.id) ?? []), c]);
  const noAttempt = [...families.keys()].filter((id) => !attemptsOf.has(id));
  const tried = [...families.keys()]
    .filter((id) => attemptsOf.has(id) && !reachedIds.has(id))
    .map((id) => {
      const attempts = attemptsOf.get(id) ?? [];
      const last = [...attempts]
        .sort((a, b) => (a.date === b.date ? a.row - b.row : a.date < b.date ? -1 : 1))
        .pop();
      return {
        id,
        attempts: attempts.length,
        lastDate: last?.date ?? '',
        lastOutcome: last?.outcome || 'No outcome recorded',
      };
    });
  return { noAttempt, tried };
}

/**
 * Reach by group: spellings that differ only in case or spacing are one group; blank is "Not
 * recorded". `label` is the group as first typed, in lower case.
 */
function reachBy(
  families: Families,
  reachedIds: Set<string>,
  groupOf: (f: { grade: string; language: string }) => string,
) {
  const groups = new Map<string, { label: string; families: number; reached: number }>();
  for (const [id, f] of families) {
    const key = loose(groupOf(f)) || 'notrecorded';
    const g = groups.get(key) ?? {
      label: groupOf(f).toLowerCase() || 'not recorded',
      families: 0,
      reached: 0,
    };
    g.families++;
    if (reachedIds.has(id)) g.reached++;
    groups.set(key, g);
  }
  return groups;
}

/** Weeks, Monday to Sunday, from the window's start to today (or later calls in the window). */
function weeksOf(counted: Call[], start: string, end: string, today: string) {
  const lastDay = latest([end && end < today ? end : today, ...counted.map((c) => c.date)]);
  const weeks: { monday: string; calls: number; conversations: number }[] = [];
  for (let m = mondayOf(start); m <= lastDay; m = addDays(m, 7)) {
    const inWeek = counted.filter((c) => c.date >= m && c.date <= addDays(m, 6));
    weeks.push({ monday: m, calls: inWeek.length, conversations: inWeek.filter((c) => c.reached).length });
  }
  return weeks;
}

function learnedOf(counted: Call[], teachers: Map<string, { name: string }>, families: Families) {
  return counted
    .filter((c) => c.learned)
    .sort((a, b) => (a.date === b.date ? b.row - a.row : a.date < b.date ? 1 : -1))
    .slice(0, 15)
    .map((c) => ({
      date: c.date,
      teacher: teachers.get(c.teacher)?.name || c.typedTeacher || c.teacher,
      student: families.get(c.id)?.name || c.typedStudent,
      learned: c.learned,
    }));
}
