/**
 * The weekly reminders' plan (src/core/reminders.ts) on a generated messy school: who gets mail, in
 * what order against the day's quota, what a week's record keeps from being sent twice, and the ISO
 * week that record is keyed by (ISO 8601: weeks start on Monday, week 1 holds the first Thursday).
 */

import { messySchool, SPECS, tableRows, type Value } from '../../scripts/fixtures/messy-school';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import { belowGoal, isoWeek, planReminders, type ReminderInput } from '../../src/core/reminders';
import { parseSettings } from '../../src/core/settings';
import { computeSummary } from '../../src/core/summary';

const TZ = 'America/New_York';
const PRINCIPAL = 'principal@school.example';
const tableLike = (values: Value[][]): TableLike => {
  const headers = (values[0] ?? []).map((h) => String(h).toLowerCase());
  return { rows: values.slice(1), column: (h) => headers.indexOf(h.toLowerCase()) };
};

const school = messySchool({ seed: 5, teachers: 14, families: 80, calls: 150 });
school.teachers.push({ Name: 'Orrin No-Mail', Email: 'orrin.at.school', Goal: 4 });
const settings = parseSettings(
  [
    ['Setting', 'Value'],
    ['School name', 'Quarry Hill'],
    ['Call window start', school.settings.windowStart],
    ['Call window end', school.settings.windowEnd],
  ],
  TZ,
).settings;
const teachers = readTeachers(tableLike(tableRows(SPECS.teachers, school.teachers)), TZ);
const figures = computeSummary({
  settings,
  teachers,
  families: readFamilies(tableLike(tableRows(SPECS.families, school.families)), TZ),
  calls: readCalls(tableLike(tableRows(SPECS.calls, school.calls)), TZ),
  checkIns: readCheckIns(tableLike(tableRows(SPECS.checkIns, school.checkIns)), TZ),
  today: '2026-10-14',
});
const input = (over: Partial<ReminderInput> = {}): ReminderInput => ({
  figures,
  teachers,
  principal: PRINCIPAL,
  teacherNudges: true,
  sentThisWeek: new Set(),
  quota: 100,
  workbookUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
  ...over,
});
const mailable = figures.teacherRows.filter((t) => belowGoal(t) && /@.+\./.test(t.email));

describe('the weekly reminders plan', () => {
  test('a digest and a nudge for every teacher below goal with an email; nobody at goal', () => {
    const plan = planReminders(input());
    expect(plan.digest?.to).toBe(PRINCIPAL);
    expect(plan.nudges.map((n) => n.to)).toEqual(mailable.map((t) => t.email));
    const atGoal = figures.teacherRows.filter((t) => t.status === 'Met' || t.status === 'Exceeded');
    expect(atGoal.length).toBeGreaterThan(0);
    for (const t of atGoal) expect(plan.nudges.some((n) => n.to === t.email)).toBe(false);
    expect(plan.notNudged).toEqual([
      expect.objectContaining({ name: 'Orrin No-Mail', reason: expect.stringMatching(/no valid email/) }),
    ]);
    expect(plan.digest?.body).toContain('Orrin No-Mail: no valid email on the Teachers tab');
  });

  test('the nudge reads as the issue asks: reached x of goal, own families not reached', () => {
    const t = mailable.find((x) => x.ownFamiliesNotReached > 0 && x.counts === 'Conversations');
    expect(t).toBeDefined();
    const nudge = planReminders(input()).nudges.find((n) => n.to === t?.email);
    expect(nudge?.body).toMatch(
      new RegExp(
        `^You have reached ${t?.done} of ${t?.goal}\\. ${t?.ownFamiliesNotReached} of your families are not yet reached\\. Open the school workbook`,
      ),
    );
  });

  test('short of quota: the digest first, then nudges in name order, the rest named in the digest', () => {
    const plan = planReminders(input({ quota: 3 }));
    expect(plan.digest).not.toBeNull();
    expect(plan.nudges.map((n) => n.to)).toEqual(mailable.slice(0, 2).map((t) => t.email));
    const skipped = plan.notNudged.filter((x) => /quota ran out/.test(x.reason)).map((x) => x.name);
    expect(skipped).toEqual(mailable.slice(2).map((t) => t.name));
    for (const name of skipped)
      expect(plan.digest?.body).toContain(`- ${name}: Apps Script's daily mail quota ran out`);
  });

  test('what this week already sent is never planned again; nudges off means a digest only', () => {
    const first = planReminders(input({ quota: 3 }));
    const sent = new Set([first.keys.digest as string, ...first.keys.nudges]);
    const again = planReminders(input({ sentThisWeek: sent }));
    expect(again.digest).toBeNull();
    expect(again.nudges.map((n) => n.to)).toEqual(mailable.slice(2).map((t) => t.email));
    const off = planReminders(input({ teacherNudges: false }));
    expect(off.nudges).toEqual([]);
    expect(off.digest?.body).toMatch(/Teacher nudges are off/);
    expect(planReminders(input({ quota: 0 })).digest).toBeNull();
  });

  test('ISO weeks: Monday starts one, and the year turns with the first Thursday', () => {
    expect(isoWeek('2026-10-12')).toBe('2026-W42'); // a Monday
    expect(isoWeek('2026-10-18')).toBe('2026-W42'); // the Sunday after
    expect(isoWeek('2026-10-19')).toBe('2026-W43');
    expect(isoWeek('2026-12-31')).toBe('2026-W53'); // 2026 has 53 ISO weeks (it starts on a Thursday)
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});
