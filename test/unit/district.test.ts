/**
 * The district roll-up's pure parts: one small invented school whose figures are worked out by hand
 * below, the District tab's layout (encoding, waiting schools, the total), and the time budget.
 */

import { SPECS, tableRows, type Value } from '../../scripts/fixtures/messy-school';
import { budgetFrom, listKeyOf, RUN_CEILING_MS, schoolFigures, timeToStop } from '../../src/core/district';
import { layoutDistrict, TOTAL_LABEL, WAITING } from '../../src/core/district-layout';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import { parseSettings } from '../../src/core/settings';

const TZ = 'America/New_York';
const TODAY = '2026-10-15'; // a Thursday

function tableLike(values: Value[][]): TableLike {
  const headers = (values[0] ?? []).map((h) => String(h).toLowerCase());
  return { rows: values.slice(1), column: (h) => headers.indexOf(h.toLowerCase()) };
}

function input() {
  const parsed = parseSettings(
    [
      ['Setting', 'Value', 'About'],
      ['School name', 'Lark Rise', ''],
      ['School year', '2026-27', ''],
      ['Call window start', '2026-09-01', ''],
      ['Call window end', '2026-12-31', ''],
      ['Default goal per teacher', 1, ''],
      ['Goal counts', 'Conversations', ''],
      ['School goal: share of teachers meeting their goal', 0.6, ''],
    ],
    TZ,
  );
  const family = (id: string, grade: string, language: string) => ({
    'Student ID': id,
    'Student Name': `Invented ${id}`,
    Grade: grade,
    'Preferred Language': language,
  });
  const call = (email: string, date: string, id: string, outcome: string, followUp = '', by = '') => ({
    'Teacher Email': email,
    'Call Date': date,
    'Student ID': id,
    Outcome: outcome,
    'Follow-up Needed': followUp,
    'Follow-up By': by,
  });
  return {
    settings: parsed.settings,
    pickLists: parsed.pickLists,
    teachers: readTeachers(
      tableLike(
        tableRows(SPECS.teachers, [
          { Name: 'Teacher One', Email: 'one@lark.example', Goal: 1 },
          { Name: 'Teacher Two', Email: 'two@lark.example', Goal: 2 },
        ]),
      ),
      TZ,
    ),
    families: readFamilies(
      tableLike(
        tableRows(SPECS.families, [
          family('a', '1', 'Spanish'),
          family('b', '1', 'Spanish'),
          family('c', '2', 'English'),
          family('d', '2', 'English'),
        ]),
      ),
      TZ,
    ),
    calls: readCalls(
      tableLike(
        tableRows(SPECS.calls, [
          call('one@lark.example', '2026-09-08', 'a', 'Reached'),
          call('one@lark.example', '2026-10-13', 'c', 'Reached', 'Send the flyer', '2026-10-01'),
          call('one@lark.example', '2026-10-14', 'd', 'Reached', 'Call back', '2026-10-30'),
          call('two@lark.example', '2026-10-09', 'b', 'No answer'),
          call('two@lark.example', '2026-08-20', 'b', 'Reached'), // before the window: not counted
        ]),
      ),
      TZ,
    ),
    checkIns: readCheckIns(tableLike(tableRows(SPECS.checkIns, [])), TZ),
    today: TODAY,
  };
}

describe('schoolFigures', () => {
  test('counts, the gaps with the least-reached group named, the last 7 days and the last activity', () => {
    const f = schoolFigures(input());
    expect(f).toMatchObject({
      teachers: 2,
      teachersAtGoal: 1, // Teacher One: 3 conversations of 1; Teacher Two: none of 2
      families: 4,
      familiesReached: 3,
      calls: 4,
      conversations: 3,
      callsLast7Days: 3, // 09, 13 and 14 October are within 6 days of the 15th
      followUpsOpen: 2,
      followUpsOverdue: 1,
      lastActivity: '2026-10-14',
      // English 2 of 2 (100%), Spanish 1 of 2 (50%); grade 2 100%, grade 1 50%.
      languageGap: { points: 50, worst: 'Spanish' },
      gradeGap: { points: 50, worst: '1' },
    });
    // Seven weeks from Monday 31 August to the week of the 15th; 4 calls in them.
    expect(f.weeks).toHaveLength(7);
    expect(f.weeks.reduce((s, [, n]) => s + n, 0)).toBe(4);
    expect(f.callsPerWeek).toBeCloseTo(4 / 7, 10);
  });
});

describe('layoutDistrict', () => {
  const figures = schoolFigures(input());
  const schools = [
    { name: '=IMPORTRANGE("x","y")', url: 'https://docs.google.com/spreadsheets/d/a/edit' },
    { name: 'Second School', url: 'https://docs.google.com/spreadsheets/d/b/edit' },
  ];

  test('a typed school name stays text; a school not read yet waits; the total counts only read schools', () => {
    const layout = layoutDistrict(schools, [{ readAt: '2026-10-15 07:00', figures }, null], 'In progress');
    const rows = layout.values;
    const first = rows.findIndex((r) => r[0] === "'School") + 1;
    expect(rows[first]?.[0]).toBe('\'=IMPORTRANGE("x","y")');
    expect(rows[first + 1]?.[1]).toBe(`'${WAITING}`);
    const total = rows[first + 2] as (string | number)[];
    expect(total.slice(0, 3)).toEqual([`'${TOTAL_LABEL}`, "'1 of 2 schools read", 2]);
    expect(layout.chart?.numColumns).toBe(2); // the week column and the one school read
    expect(layout.values.every((r) => r.length === layout.width)).toBe(true);
    expect(layout.numberFormats).toHaveLength(layout.height);
  });

  test('with no school read there is no trend and no chart', () => {
    const layout = layoutDistrict(schools, [{ readAt: 'x', reason: 'Not read: no access.' }, null], 'x');
    expect(layout.chart).toBeNull();
    expect(layout.values.some((r) => r[0] === "'Calls per week, by school")).toBe(false);
  });
});

describe('the time budget', () => {
  test('a run always reads one school, then stops when one more as slow as the slowest would pass the budget', () => {
    expect(timeToStop(10_000, 5_000, 0, 0)).toBe(false);
    expect(timeToStop(10_000, 5_000, 0, 1)).toBe(true);
    expect(timeToStop(200_000, 30_000, 240_000, 7)).toBe(false);
    expect(timeToStop(211_000, 30_000, 240_000, 8)).toBe(true);
  });

  test('the stored budget is used when it is a number of ms, never past 5 minutes', () => {
    expect(budgetFrom(null)).toBe(4 * 60_000);
    expect(budgetFrom('abc')).toBe(4 * 60_000);
    expect(budgetFrom('0')).toBe(0);
    expect(budgetFrom('600000')).toBe(RUN_CEILING_MS);
  });

  test('a saved run resumes only over the same list of schools', () => {
    const a = [{ name: 'A', url: 'u1' }];
    expect(listKeyOf(a)).toBe(listKeyOf([{ name: 'A', url: 'u1' }]));
    expect(listKeyOf(a)).not.toBe(listKeyOf([{ name: 'A', url: 'u2' }]));
  });
});
