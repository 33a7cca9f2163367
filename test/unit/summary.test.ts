/**
 * Every Summary figure against an independent computation written here, straight from DOMAIN.md, on
 * generated messy schools. The computation below works on the raw rows (its own trimming and case
 * folding), not on the add-on's records or progress functions.
 */

import {
  addDays,
  type MessySchool,
  messySchool,
  type Row,
  SPECS,
  tableRows,
  type Value,
} from '../../fixtures/messy-school';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import { parseSettings } from '../../src/core/settings';
import { computeSummary, type SummaryFigures, weekStartOf } from '../../src/core/summary';

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

// ---- The independent computation -------------------------------------------------------------
const s = (v: Value | undefined) => String(v ?? '').trim();
const lower = (v: Value | undefined) => s(v).toLowerCase();
const isIso = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const isReachedText = (v: Value | undefined) => lower(v).replace(/\s+/g, '') === 'reached';
const ticked = (v: Value | undefined) => v === true;

function expected(school: MessySchool, today: string) {
  const { windowStart, windowEnd, defaultGoal, goalCounts } = school.settings;
  const inWindow = (d: string) => isIso(d) && d >= windowStart && d <= windowEnd;
  const counted = school.calls.filter((c) => inWindow(s(c['Call Date'])));
  const roster: Row[] = [];
  for (const f of school.families) {
    const id = s(f['Student ID']);
    if (id && !roster.some((r) => s(r['Student ID']) === id)) roster.push(f);
  }
  const rosterIds = new Set(roster.map((f) => s(f['Student ID'])));
  const teacherRows: Row[] = [];
  for (const t of school.teachers) {
    if (!teacherRows.some((r) => lower(r.Email) === lower(t.Email))) teacherRows.push(t);
  }
  const reachedIds = new Set(
    counted.filter((c) => isReachedText(c.Outcome) && s(c['Student ID'])).map((c) => s(c['Student ID'])),
  );

  const teachers = teacherRows.map((t) => {
    const email = lower(t.Email);
    const mine = counted.filter((c) => lower(c['Teacher Email']) === email);
    const convs = mine.filter((c) => isReachedText(c.Outcome));
    const goal = typeof t.Goal === 'number' ? t.Goal : defaultGoal;
    const done = goalCounts === 'Attempts' ? mine.length : convs.length;
    const status =
      mine.length === 0 ? 'Not started' : done < goal ? 'In progress' : done === goal ? 'Met' : 'Exceeded';
    const dates = mine.map((c) => s(c['Call Date'])).sort();
    const checkInDates = school.checkIns
      .filter((c) => lower(c['Teacher Email']) === email)
      .map((c) => s(c.Date))
      .sort();
    return {
      email,
      goal,
      calls: mine.length,
      conversations: convs.length,
      familiesReached: new Set(convs.map((c) => s(c['Student ID'])).filter(Boolean)).size,
      status,
      percent: goal > 0 ? done / goal : 0,
      lastCall: dates[dates.length - 1] ?? '',
      lastCheckIn: checkInDates[checkInDates.length - 1] ?? '',
    };
  });

  const monday = (() => {
    const d = new Date(`${today}T00:00:00Z`);
    const back = (d.getUTCDay() + 6) % 7;
    return addDays(today, -back);
  })();
  const open = school.calls.filter((c) => s(c['Follow-up Needed']) !== '' && !ticked(c['Follow-up Done']));
  const conversations = counted.filter((c) => isReachedText(c.Outcome));
  const withLanguage = conversations.filter((c) => {
    const fam = roster.find((f) => s(f['Student ID']) === s(c['Student ID']));
    return fam && s(fam['Preferred Language']) !== '';
  });
  const inLanguage = withLanguage.filter((c) => {
    const fam = roster.find((f) => s(f['Student ID']) === s(c['Student ID'])) as Row;
    return ticked(c['Interpreter Used']) || lower(c.Language) === lower(fam['Preferred Language']);
  });
  const attemptsOf = (id: string) => counted.filter((c) => s(c['Student ID']) === id);
  const groupReach = (key: (f: Row) => string) => {
    const out = new Map<string, { families: number; reached: number }>();
    for (const f of roster) {
      const k = key(f) || 'not recorded';
      const g = out.get(k) ?? { families: 0, reached: 0 };
      g.families++;
      if (reachedIds.has(s(f['Student ID']))) g.reached++;
      out.set(k, g);
    }
    return out;
  };
  return {
    teachers,
    calls: counted.length,
    conversations: conversations.length,
    familiesReached: roster.filter((f) => reachedIds.has(s(f['Student ID']))).length,
    families: roster.length,
    callsThisWeek: counted.filter(
      (c) => s(c['Call Date']) >= monday && s(c['Call Date']) <= addDays(monday, 6),
    ).length,
    monday,
    followUpsOpen: open.length,
    followUpsOverdue: open.filter((c) => isIso(s(c['Follow-up By'])) && s(c['Follow-up By']) < today).length,
    inLanguage: [inLanguage.length, withLanguage.length],
    strengths: [
      conversations.filter((c) => s(c['Strengths the Family Sees']) !== '').length,
      conversations.length,
    ],
    noAttempt: roster
      .filter((f) => attemptsOf(s(f['Student ID'])).length === 0)
      .map((f) => s(f['Student ID'])),
    attempted: roster
      .filter((f) => attemptsOf(s(f['Student ID'])).length > 0 && !reachedIds.has(s(f['Student ID'])))
      .map((f) => {
        const tries = attemptsOf(s(f['Student ID']));
        const lastDate = tries.map((c) => s(c['Call Date'])).sort()[tries.length - 1] as string;
        const onLast = tries.filter((c) => s(c['Call Date']) === lastDate);
        const last = onLast[onLast.length - 1] as Row; // the later row on the same day
        return { id: s(f['Student ID']), attempts: tries.length, lastDate, lastOutcome: s(last.Outcome) };
      }),
    byLanguage: groupReach((f) => lower(f['Preferred Language'])),
    byGrade: groupReach((f) => lower(f.Grade)),
    unknownFamilyRows: school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => s(c['Student ID']) !== '' && !rosterIds.has(s(c['Student ID'])))
      .map(({ row }) => row),
    unknownTeacherRows: school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => !teacherRows.some((t) => lower(t.Email) === lower(c['Teacher Email'])))
      .map(({ row }) => row),
    noStrengthRows: school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(
        ({ c }) =>
          inWindow(s(c['Call Date'])) && isReachedText(c.Outcome) && !s(c['Strengths the Family Sees']),
      )
      .map(({ row }) => row),
    blankOutcomeRows: school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => !s(c.Outcome))
      .map(({ row }) => row),
    noDateRows: school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => !isIso(s(c['Call Date'])))
      .map(({ row }) => row),
  };
}

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
    expect(e.unknownFamilyRows.length).toBeGreaterThan(0);
    expect(e.blankOutcomeRows.length).toBeGreaterThan(0);
    expect(
      school.calls.some((c) => s(c['Call Date']) && s(c['Call Date']) < school.settings.windowStart),
    ).toBe(true);
    expect(f.teacherRows.find((t) => t.email === 'teacher0@school.example')?.defaultGoal).toBe(true);
  });

  test('headline: teachers at goal, families reached, conversations, calls this week, follow-ups', () => {
    const atGoal = e.teachers.filter((t) => t.status === 'Met' || t.status === 'Exceeded').length;
    expect(f.teachersAtGoal).toEqual({
      count: atGoal,
      of: e.teachers.length,
      share: atGoal / e.teachers.length,
    });
    expect(f.familiesReached).toEqual({
      count: e.familiesReached,
      of: e.families,
      share: e.familiesReached / e.families,
    });
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
    expect(f.teacherRows).toHaveLength(e.teachers.length);
    for (const t of e.teachers) {
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
      expect(row?.percentOfGoal).toBeCloseTo(t.percent);
    }
    // By name, not by how far along: the Summary is open to every teacher, so its order ranks nobody.
    const names = f.teacherRows.map((t) => t.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  test('families not reached: no attempt yet, and attempts with the last attempt and its outcome', () => {
    expect(f.noAttempt.map((x) => x.studentId).sort()).toEqual([...e.noAttempt].sort());
    expect(f.attemptedNotReached.map((x) => x.studentId).sort()).toEqual(e.attempted.map((x) => x.id).sort());
    for (const x of e.attempted) {
      const row = f.attemptedNotReached.find((r) => r.studentId === x.id);
      expect(row?.attempts).toBe(x.attempts);
      expect(row?.lastAttempt).toBe(x.lastDate);
      expect(row?.lastOutcome).toBe(x.lastOutcome || 'No outcome recorded');
      expect(Boolean(row?.action)).toBe(/wrong/i.test(x.lastOutcome));
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
      const got = new Map(
        groups.map((g) => [g.group.toLowerCase(), { families: g.families, reached: g.reached }]),
      );
      expect(got).toEqual(want);
    }
    const real = [...e.byLanguage.entries()].filter(([k]) => k !== 'not recorded');
    const shares = real.map(([, g]) => g.reached / g.families);
    const points = Math.round(Math.max(...shares) * 100) - Math.round(Math.min(...shares) * 100);
    const best = real[shares.indexOf(Math.max(...shares))]?.[0] as string;
    const worst = real[shares.indexOf(Math.min(...shares))]?.[0] as string;
    expect(f.languageGap.toLowerCase()).toContain(`language is ${best} are reached most`);
    expect(f.languageGap.toLowerCase()).toContain(`language is ${worst} least`);
    expect(f.languageGap).toContain(`a gap of ${points} percentage points`);
  });

  test('weekly calls and conversations cover the window week by week', () => {
    const weeks = f.weeks;
    expect(weeks[0]?.weekOf).toBe(weekStartOf(school.settings.windowStart));
    // Up to today (or the window's end once it is over), or later when a call is dated later.
    const latestCall = school.calls
      .map((c) => s(c['Call Date']))
      .filter((d) => isIso(d) && d >= school.settings.windowStart && d <= school.settings.windowEnd)
      .sort()
      .pop() as string;
    const end = [today, school.settings.windowEnd].sort()[0] as string;
    const lastDay = [latestCall, end].sort()[1] as string;
    expect(weeks[weeks.length - 1]?.weekOf).toBe(weekStartOf(lastDay));
    for (const w of weeks) {
      const inWeek = school.calls.filter((c) => {
        const d = s(c['Call Date']);
        return (
          isIso(d) &&
          d >= w.weekOf &&
          d <= addDays(w.weekOf, 6) &&
          d >= school.settings.windowStart &&
          d <= school.settings.windowEnd
        );
      });
      expect(w.calls).toBe(inWeek.length);
      expect(w.conversations).toBe(inWeek.filter((c) => isReachedText(c.Outcome)).length);
    }
    // Calls dated after today but inside the window still land in a week (none is lost).
    expect(weeks.reduce((sum, w) => sum + w.calls, 0)).toBe(e.calls);
    expect(f.callsPerWeek).toBeCloseTo(e.calls / weeks.length);
  });

  test('recent "what I learned": the newest entries inside the window, newest first', () => {
    const want = school.calls
      .map((c, i) => ({ c, row: i + 2 }))
      .filter(({ c }) => s(c['What I Learned']) && isIso(s(c['Call Date'])))
      .filter(
        ({ c }) =>
          s(c['Call Date']) >= school.settings.windowStart && s(c['Call Date']) <= school.settings.windowEnd,
      )
      .sort((a, b) =>
        s(b.c['Call Date']) > s(a.c['Call Date'])
          ? 1
          : s(b.c['Call Date']) < s(a.c['Call Date'])
            ? -1
            : b.row - a.row,
      )
      .slice(0, 15)
      .map(({ c }) => s(c['What I Learned']));
    expect(f.learned.map((x) => x.learned)).toEqual(want);
  });

  test('data quality names the rows to fix', () => {
    expect(problemRows(f, 'Calls naming a student who is not on Families')).toEqual(e.unknownFamilyRows);
    expect(problemRows(f, 'Calls by a teacher who is not on Teachers')).toEqual(e.unknownTeacherRows);
    expect(problemRows(f, 'Conversations with no strengths recorded')).toEqual(e.noStrengthRows);
    expect(problemRows(f, 'Calls with no outcome')).toEqual(e.blankOutcomeRows);
    expect(problemRows(f, 'Calls with no valid Call Date')).toEqual(e.noDateRows);
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
