import {
  DEFAULT_PROMPTS,
  FAMILIES,
  PICK_LIST_HEADERS,
  PROMPTS_HEADER,
  SETTINGS,
  TEACHERS,
} from '../../src/common/schema';
import { UserError } from '../../src/core/errors';
import { parseSettings } from '../../src/core/settings';
import { normalizeFormula, planHeaders, planSettings } from '../../src/core/setup-plan';

describe('planning the columns of a tab', () => {
  test('an empty tab gets every schema column in order', () => {
    const plan = planHeaders('Teachers', [], TEACHERS);
    expect(plan.append).toEqual(TEACHERS.columns.map((c) => c.header));
    expect(plan.appendAt).toBe(0);
  });

  test('reordered columns, a user column and spacing/case differences: found where they are, missing ones after the last used header', () => {
    const headers = ['  email ', 'My notes', 'NAME', '', 'calls_logged'];
    const plan = planHeaders('Teachers', headers, TEACHERS);
    expect(plan.positions.get('Email')).toBe(0);
    expect(plan.positions.get('Name')).toBe(2);
    expect(plan.positions.get('Calls Logged')).toBe(4);
    expect(plan.appendAt).toBe(5);
    expect(plan.append).toEqual([
      'Goal',
      'Conversations',
      'Families Reached',
      'Own Families Reached',
      'Percent of Goal',
      'Status',
      'Last Call',
    ]);
    expect(plan.positions.get('Goal')).toBe(5);
    expect(plan.problems).toEqual([]);
  });

  test('an edited header (an alias of a missing column) is a sentence naming its cell, not a second column', () => {
    const plan = planHeaders('Families', ['Student ID', 'Student', 'Grade'], FAMILIES);
    expect(plan.problems).toEqual([
      'Families!B1 says "Student", but the add-on reads "Student Name". Type "Student Name" in that cell, then run Set up again.',
    ]);
    expect(plan.append).not.toContain('Student Name');
  });
});

describe('planning Settings', () => {
  test('an empty Settings tab gets every setting, pick-list and the prompts, and parseSettings reads them back', () => {
    const plan = planSettings([]);
    expect(plan.writes).toHaveLength(1);
    const block = plan.writes[0]?.values ?? [];
    const parsed = parseSettings(block, 'UTC');
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.defaultGoal).toBe(10);
    expect(parsed.pickLists.outcomes[0]).toBe('Reached');
    expect(block[0]).toEqual([
      'Setting',
      'Value',
      'About',
      ...Object.values(PICK_LIST_HEADERS),
      PROMPTS_HEADER,
    ]);
  });

  test('existing values are kept; only a missing setting row and a missing list column are added', () => {
    const values = [
      ['Setting', 'Value', 'About', 'Methods', 'Outcomes', 'Relationships', 'Languages', 'Grades'],
      ['Default goal per teacher', 'ten', '', 'Phone', 'Reached', 'Mother', 'English', 'K'],
      ...SETTINGS.filter((s) => s.key !== 'defaultGoal' && s.key !== 'schoolYear').map((s) => [
        s.label,
        s.initial,
        s.help,
      ]),
    ];
    const plan = planSettings(values);
    expect(plan.writes).toEqual([
      { row: values.length + 1, column: 1, values: [['School year', '', 'For example 2026-27.']] },
      { row: 1, column: 9, values: [[PROMPTS_HEADER], ...DEFAULT_PROMPTS.map((p) => [p])] },
    ]);
    expect(plan.added).toEqual(['the "School year" setting', `the ${PROMPTS_HEADER} list`]);
  });

  test('a Settings tab whose "Setting" header was edited is refused with a sentence', () => {
    expect(() =>
      planSettings([
        ['Name', 'Value'],
        ['School name', 'Maple'],
      ]),
    ).toThrow(UserError);
  });
});

test('formula text compares without spaces, quotes on plain sheet names, or case', () => {
  expect(normalizeFormula("=COUNTIFS('Families'!$A:$A, B2)")).toBe(
    normalizeFormula('=countifs(Families!$A:$A,B2)'),
  );
  expect(normalizeFormula("='Call Log'!A1")).not.toBe(normalizeFormula('=CallLog!A1'));
  expect(normalizeFormula('=IF(A2="","Not started")')).not.toBe(
    normalizeFormula('=IF(A2="","Not  Started")'),
  );
});
