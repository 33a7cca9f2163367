/**
 * Every Summary figure against the independent oracle (test/summary-oracle.ts, shared with the bundle
 * tests), straight from DOMAIN.md, on generated messy schools. The oracle works on the raw rows (its
 * own trimming and case folding), not on the add-on's records or progress functions.
 */

import {
  type MessySchool,
  messySchool,
  SPECS,
  tableRows,
  type Value,
} from '../../scripts/fixtures/messy-school';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import { parseSettings } from '../../src/core/settings';
import { computeSummary, type SummaryFigures, weekStartOf } from '../../src/core/summary';
import { expectedSummary, loose, type SchoolTabs } from '../summary-oracle';

const TZ = 'America/New_York';

function tableLike(values: Value[][]): TableLike {
  const headers = (values[0] ?? []).map((h) => String(h).toLowerCase());
  return { rows: values.slice(1), column: (h) => headers.indexOf(h.toLowerCase()) };
}

function settingsValues(s: MessySchool['settings']): Value[][] {
  return [
    ['Setting', 'Value', 'About'],
    ['School name', 'Maple Test School', ''],
    ['School year', '2026-27', ''],
    ['Call window start', s.windowStart, ''],
    ['Call window end', s.windowEnd, ''],
    ['Default goal per teacher', s.defaultGoal, ''],
    ['Goal counts', s.goalCounts, ''],
    ['School goal: share of teachers meeting their goal', s.schoolGoal, ''],
  ];
}

function summarise(school: MessySchool, today: string): SummaryFigures {
  const parsed = parseSettings(settingsValues(school.settings), TZ);
  expect(parsed.problems).toEqual([]);
  return computeSummary({
    settings: parsed.settings,
    pickLists: parsed.pickLists,
    teachers: readTeachers(tableLike(tableRows(SPECS.teachers, school.teachers)), TZ),
    families: readFamilies(tableLike(tableRows(SPECS.families, school.families)), TZ),
    calls: readCalls(tableLike(tableRows(SPECS.calls, school.calls)), TZ),
    checkIns: readCheckIns(tableLike(tableRows(SPECS.checkIns, school.checkIns)), TZ),
    today,
  });
}

// ---- The independent computation: the shared oracle, fed the rows as getValues would return them.
function expected(school: MessySchool, today: string) {
  const tabs: SchoolTabs = {
    settings: settingsValues(school.settings),
    teachers: tableRows(SPECS.teachers, school.teachers),
    families: tableRows(SPECS.families, school.families),
    calls: tableRows(SPECS.calls, school.calls),
    checkIns: tableRows(SPECS.checkIns, school.checkIns),
  };
  return expectedSummary(tabs, today, TZ);
}
const s = (v: Value | undefined) => String(v ?? '').trim();

const problemRows = (f: SummaryFigures, problem: string) =>
  f.problems.find((p) => p.problem === problem)?.rows;

describe.each([
  { seed: 7, goalCounts: 'Conversations' as const, today: '2026-10-14' },
  { seed: 42, goalCounts: 'Attempts' as const, today: '2026-10-14' },
  { seed: 2026, goalCounts: 'Conversations' as const, today: '2026-12-02' }, // after the window closed
])('a messy school (seed $seed, goal counts $goalCounts, today $today)', ({ seed, goalCounts, today }) => {
  const school = messySchool({ seed, goalCounts });
  const f = summarise(school, today);
  const e = expected(school, today);

  test('the school has the mess it is meant to have', () => {
    expect(e.quality.unknownFamily.length).toBeGreaterThan(0);
    expect(e.quality.noOutcome.length).toBeGreaterThan(0);
    expect(
      school.calls.some((c) => s(c['Call Date']) && s(c['Call Date']) < school.settings.windowStart),
    ).toBe(true);
    expect(f.teacherRows.find((t) => t.email === 'teacher0@school.example')?.defaultGoal).toBe(true);
  });

  test('headline: teachers at goal, families reached, conversations, calls this week, follow-ups', () => {
    const atGoal = e.teacherRows.filter((t) => t.status === 'Met' || t.status === 'Exceeded').length;
    expect(f.teachersAtGoal).toEqual({
      count: atGoal,
      of: e.teacherRows.length,
      share: atGoal / e.teacherRows.length,
    });
    const [reached, families] = e.familiesReached;
    expect(f.familiesReached).toEqual({ count: reached, of: families, share: reached / families });
    expect(f.calls).toBe(e.calls);
    expect(f.conversations).toBe(e.conversations);
    expect(f.weekStart).toBe(e.monday);
    expect(f.callsThisWeek).toBe(e.callsThisWeek);
    expect(f.followUpsOpen).toBe(e.followUpsOpen);
    expect(f.followUpsOverdue).toBe(e.followUpsOverdue);
  });

  test("shares of conversations in the family's language and with strengths recorded", () => {
    expect([f.inFamilyLanguage.count, f.inFamilyLanguage.of]).toEqual(e.inLanguage);
    expect([f.strengthsRecorded.count, f.strengthsRecorded.of]).toEqual(e.strengths);
  });

  test('teacher table: every figure per teacher, in name order', () => {
    expect(f.teacherRows).toHaveLength(e.teacherRows.length);
    for (const t of e.teacherRows) {
      const row = f.teacherRows.find((r) => r.email === t.email);
      expect(row).toMatchObject({
        goal: t.goal,
        calls: t.calls,
        conversations: t.conversations,
        familiesReached: t.familiesReached,
        status: t.status,
        lastCall: t.lastCall,
        lastCheckIn: t.lastCheckIn,
      });
      expect(row?.percentOfGoal).toBeCloseTo(t.percentOfGoal ?? 0);
    }
    // By name, not by how far along: the Summary is open to every teacher, so its order ranks nobody.
    const names = f.teacherRows.map((t) => t.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  test('families not reached: no attempt yet, and attempts with the last attempt and its outcome', () => {
    expect(f.noAttempt.map((x) => x.studentId).sort()).toEqual([...e.noAttempt].sort());
    expect(f.attemptedNotReached.map((x) => x.studentId).sort()).toEqual(e.tried.map((x) => x.id).sort());
    for (const x of e.tried) {
      const row = f.attemptedNotReached.find((r) => r.studentId === x.id);
      expect(row?.attempts).toBe(x.attempts);
      expect(row?.lastAttempt).toBe(x.lastDate);
      expect(row?.lastOutcome).toBe(x.lastOutcome);
      expect(Boolean(row?.action)).toBe(/wrong|disconnected/i.test(x.lastOutcome));
    }
    // Wrong numbers lead the list: the office can act on them.
    const actions = f.attemptedNotReached.map((r) => Boolean(r.action));
    expect(actions).toEqual([...actions].sort((a, b) => Number(b) - Number(a)));
  });

  test('reach by language and by grade, and the gap stated in words', () => {
    for (const [groups, want] of [
      [f.byLanguage, e.byLanguage],
      [f.byGrade, e.byGrade],
    ] as const) {
      const got = new Map(groups.map((g) => [loose(g.group), { families: g.families, reached: g.reached }]));
      expect(got).toEqual(
        new Map([...want].map(([k, g]) => [k, { families: g.families, reached: g.reached }])),
      );
    }
    const real = [...e.byLanguage.values()].filter((g) => g.label !== 'not recorded');
    const shares = real.map((g) => g.reached / g.families);
    const points = Math.round(Math.max(...shares) * 100) - Math.round(Math.min(...shares) * 100);
    const best = real[shares.indexOf(Math.max(...shares))]?.label as string;
    const worst = real[shares.indexOf(Math.min(...shares))]?.label as string;
    expect(f.languageGap.toLowerCase()).toContain(`language is ${best} are reached most`);
    expect(f.languageGap.toLowerCase()).toContain(`language is ${worst} least`);
    expect(f.languageGap).toContain(`a gap of ${points} percentage points`);
  });

  test('weekly calls and conversations cover the window week by week', () => {
    // From the window's start up to today (or the window's end once it is over), or later when a call
    // is dated later; every week's calls and conversations.
    expect(
      f.weeks.map((w) => ({ monday: w.weekOf, calls: w.calls, conversations: w.conversations })),
    ).toEqual(e.weeks);
    expect(f.weeks[0]?.weekOf).toBe(weekStartOf(school.settings.windowStart));
    // Calls dated after today but inside the window still land in a week (none is lost).
    expect(f.weeks.reduce((sum, w) => sum + w.calls, 0)).toBe(e.calls);
    expect(f.callsPerWeek).toBeCloseTo(e.calls / f.weeks.length);
  });

  test('recent "what I learned": the newest entries inside the window, newest first', () => {
    expect(f.learned.map((x) => [x.date, x.teacher, x.studentName, x.learned])).toEqual(
      e.learned.map((l) => [l.date, l.teacher, l.student, l.learned]),
    );
  });

  test('data quality names the rows to fix', () => {
    const q = e.quality;
    expect(problemRows(f, 'Calls naming a student who is not on Families')).toEqual(q.unknownFamily);
    expect(problemRows(f, 'Calls with no Student ID')).toEqual(q.noStudentId);
    expect(problemRows(f, 'Calls by a teacher who is not on Teachers')).toEqual(q.unknownTeacher);
    expect(problemRows(f, 'Conversations with no strengths recorded')).toEqual(q.noStrengths);
    expect(problemRows(f, 'Calls with no outcome')).toEqual(q.noOutcome);
    expect(problemRows(f, 'Calls with no valid Call Date')).toEqual(q.noDate);
    expect(problemRows(f, 'Goals that are not a whole number')).toEqual(q.badGoals);
    expect(problemRows(f, 'Students listed twice on Families')).toEqual(q.duplicateFamilies);
    expect(problemRows(f, 'Families rows with no Student ID')).toEqual(q.noIdFamilies);
    expect(problemRows(f, 'Check-ins with a teacher who is not on Teachers')).toEqual(
      q.unknownCheckInTeacher,
    );
    expect(problemRows(f, 'Goals that are not a whole number')).toEqual([3]); // teacher1's "ten"
    expect(problemRows(f, 'Students listed twice on Families')).toEqual([school.families.length]);
    expect(problemRows(f, 'Families rows with no Student ID')).toEqual([school.families.length + 1]);
    expect(problemRows(f, 'Check-ins with a teacher who is not on Teachers')).toEqual([
      school.checkIns.length + 1,
    ]);
  });
});

describe('edge cases a principal meets', () => {
  test('an empty workbook gives zeros and sentences, not errors', () => {
    const f = computeSummary({
      settings: {
        schoolName: '',
        schoolYear: '',
        windowStart: '',
        windowEnd: '',
        defaultGoal: 10,
        goalCounts: 'Conversations',
        schoolGoal: 0.6,
      },
      teachers: [],
      families: [],
      calls: [],
      checkIns: [],
      today: '2026-09-10',
    });
    expect(f.teachersAtGoal).toEqual({ count: 0, of: 0, share: null });
    expect(f.familiesReached.share).toBeNull();
    expect(f.weeks).toEqual([]);
    expect(f.callsPerWeek).toBeNull();
    expect(f.languageGap).toBe('No family has a preferred language recorded yet.');
  });

  test('one language group, and equal reach, are said plainly', () => {
    const school = messySchool({ seed: 3, teachers: 2, families: 4, calls: 0 });
    for (const fam of school.families) fam['Preferred Language'] = 'English';
    const f = summarise(school, '2026-10-01');
    expect(f.languageGap).toMatch(/one group .*English.*no gap to compare/);
  });

  test('weeks start on Monday', () => {
    expect(weekStartOf('2026-09-07')).toBe('2026-09-07'); // a Monday
    expect(weekStartOf('2026-09-13')).toBe('2026-09-07'); // the Sunday after
    expect(weekStartOf('2026-09-14')).toBe('2026-09-14');
  });
});
