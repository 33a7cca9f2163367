import {
  DEFAULT_PROMPTS,
  FAMILIES,
  PICK_LIST_HEADERS,
  PROMPTS_HEADER,
  SETTINGS,
  TABLES,
  TEACHERS,
} from '../../src/common/schema';
import { UserError } from '../../src/core/errors';
import { parseSettings } from '../../src/core/settings';
import {
  adjacentRuns,
  normalizeFormula,
  planHeaders,
  planSettings,
  type WidthStroke,
  widthStrokes,
} from '../../src/core/setup-plan';

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
      'Own Families',
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

describe('grouping columns for one call each', () => {
  test('adjacentRuns: sorted distinct columns in runs of neighbours', () => {
    expect(adjacentRuns([5, 2, 3, 3, 9, 8])).toEqual([[2, 3], [5], [8, 9]]);
    expect(adjacentRuns([])).toEqual([]);
  });

  /** The widths a person sees after the calls, applied in order (a later call overrides). */
  const painted = (strokes: WidthStroke[]) => {
    const out = new Map<number, number>();
    for (const s of strokes) for (let c = s.column; c < s.column + s.count; c++) out.set(c, s.width);
    return out;
  };
  /** One call per run of neighbouring equal widths: what set-up made before strokes could overlap. */
  const equalRuns = (widths: Map<number, number>) =>
    [...widths].filter(([c, w]) => widths.get(c - 1) !== w).length;

  test('widthStrokes: 100|170|100 is two calls, the outer width under the inner', () => {
    const widths = new Map([
      [1, 100],
      [2, 170],
      [3, 100],
    ]);
    expect(widthStrokes(widths)).toEqual([
      { column: 1, count: 3, width: 100 },
      { column: 2, count: 1, width: 170 },
    ]);
  });

  test('widthStrokes never spans a column without a width of its own (a person’s column between)', () => {
    const strokes = widthStrokes(
      new Map([
        [1, 100],
        [3, 100],
      ]),
    );
    expect(strokes).toEqual([
      { column: 1, count: 1, width: 100 },
      { column: 3, count: 1, width: 100 },
    ]);
  });

  test('every schema tab ends at exactly its widths, in no more calls than runs of equal widths', () => {
    for (const spec of TABLES) {
      const widths = new Map(spec.columns.map((c, i) => [i + 1, c.width as number]));
      const strokes = widthStrokes(widths);
      expect(painted(strokes)).toEqual(widths);
      expect(strokes.length).toBeLessThanOrEqual(equalRuns(widths));
    }
  });

  test('arbitrary widths end exact, in no more calls than runs (seeded cases)', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 200; n++) {
      const widths = new Map(
        Array.from({ length: 1 + (next() % 12) }, (_, i) => [i + 4, 60 + (next() % 4) * 40]),
      );
      const strokes = widthStrokes(widths);
      expect(painted(strokes)).toEqual(widths);
      expect(strokes.length).toBeLessThanOrEqual(equalRuns(widths));
    }
  });
});
