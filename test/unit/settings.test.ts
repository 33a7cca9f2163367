import { DEFAULT_PICK_LISTS, SETTINGS } from '../../src/common/schema';
import { columnLetter, parseSettings } from '../../src/core/settings';

const TZ = 'America/New_York';

/** A Settings tab as set-up writes it: Setting | Value | About rows, pick-lists from column E. */
function settingsTab(overrides: Record<string, unknown> = {}): unknown[][] {
  const rows: unknown[][] = [
    ['Setting', 'Value', 'About', '', 'Methods', 'Outcomes', 'Conversation Prompts'],
  ];
  for (const s of SETTINGS)
    rows.push([s.label, s.label in overrides ? overrides[s.label] : s.initial, s.help]);
  const lists = [
    ['Phone', 'Reached', 'What is your child good at?'],
    ['Video', 'No answer', ''],
  ];
  lists.forEach((l, i) => {
    const row = rows[i + 1] ?? [];
    row[3] = '';
    row[4] = l[0];
    row[5] = l[1];
    row[6] = l[2];
  });
  return rows;
}

describe('Settings', () => {
  test('a fresh Settings tab gives the defaults and no problem', () => {
    const parsed = parseSettings(settingsTab(), TZ);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.defaultGoal).toBe(10);
    expect(parsed.settings.goalCounts).toBe('Conversations');
    expect(parsed.settings.schoolGoal).toBe(0.6);
    expect(parsed.pickLists.methods).toEqual(['Phone', 'Video']);
    expect(parsed.pickLists.grades).toEqual([...DEFAULT_PICK_LISTS.grades]);
    expect(parsed.prompts).toEqual(['What is your child good at?']);
    expect(parsed.cells.defaultGoal).toBe('B6');
  });

  test('a goal of "ten" names the cell to fix and keeps the default', () => {
    const parsed = parseSettings(settingsTab({ 'Default goal per teacher': 'ten' }), TZ);
    expect(parsed.problems).toEqual([expect.stringContaining('Settings!B6')]);
    expect(parsed.problems[0]).toContain('"ten"');
    expect(parsed.settings.defaultGoal).toBe(10);
  });

  test('a call window that ends before it starts is refused with the cell to fix', () => {
    const parsed = parseSettings(
      settingsTab({ 'Call window start': '2026-10-01', 'Call window end': new Date('2026-09-01T04:00:00Z') }),
      TZ,
    );
    expect(parsed.problems).toEqual([
      expect.stringMatching(/Settings!B5.*ends \(2026-09-01\) before it starts \(2026-10-01\)/),
    ]);
  });

  test('percentages typed as 75% or 0.75 mean the same; attempts may be chosen', () => {
    expect(
      parseSettings(settingsTab({ 'School goal: share of teachers meeting their goal': '75%' }), TZ).settings
        .schoolGoal,
    ).toBe(0.75);
    expect(parseSettings(settingsTab({ 'Goal counts': 'attempts' }), TZ).settings.goalCounts).toBe(
      'Attempts',
    );
    expect(parseSettings(settingsTab({ 'Goal counts': 'calls' }), TZ).problems).toHaveLength(1);
  });

  test('the school goal reads the same typed as 60%, 0.6 or 60; 150 is refused', () => {
    const goal = 'School goal: share of teachers meeting their goal';
    for (const typed of ['60%', 0.6, 60, '60'])
      expect(parseSettings(settingsTab({ [goal]: typed }), TZ).settings.schoolGoal).toBeCloseTo(0.6, 10);
    expect(parseSettings(settingsTab({ [goal]: 150 }), TZ).problems).toEqual([
      expect.stringContaining('must be a percentage such as 60%'),
    ]);
  });

  test('settings added later (check-in days, teacher nudges) read their initial value when their row is missing', () => {
    const rows = settingsTab().filter((r) => !SETTINGS.some((s) => s.optional && s.label === r[0]));
    const parsed = parseSettings(rows, TZ);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.checkInDays).toBe(14);
    expect(parsed.settings.teacherNudges).toBe(false);
    const on = parseSettings(settingsTab({ 'Weekly nudge to teachers below their goal': 'Yes' }), TZ);
    expect(on.settings.teacherNudges).toBe(true);
    expect(
      parseSettings(settingsTab({ 'Weekly nudge to teachers below their goal': 'maybe' }), TZ).problems,
    ).toEqual([expect.stringContaining('must be Yes or No')]);
  });

  test('a missing setting row is reported, not guessed', () => {
    const rows = settingsTab().filter((r) => r[0] !== 'Goal counts');
    expect(parseSettings(rows, TZ).problems).toEqual([expect.stringContaining('"Goal counts"')]);
  });

  test('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
