import { DEFAULT_PICK_LISTS, FAMILIES, TEACHERS } from '../../src/common/schema';
import { UserError } from '../../src/core/errors';
import {
  detectKind,
  lastEnteredRow,
  matchHeaders,
  parseDelimited,
  planRoster,
  type RosterContext,
  writeRuns,
} from '../../src/core/roster';

const context = (over: Partial<RosterContext> = {}): RosterContext => ({
  existing: new Map(),
  teacherEmails: new Set(['ana.quarry@maple.example', 'ben.ostrander@maple.example']),
  pickLists: Object.fromEntries(
    Object.entries(DEFAULT_PICK_LISTS).map(([k, v]) => [k, [...v]]),
  ) as RosterContext['pickLists'],
  ...over,
});

describe('parsing a paste', () => {
  test('CSV with quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    const t = parseDelimited(
      '\uFEFFStudent ID,Student Name,Notes\r\nS1,"Quarry, Wren","said ""hi""\nand left"\r\n\r\nS2,Kit Haverly,\r\n',
    );
    expect(t.headers).toEqual(['Student ID', 'Student Name', 'Notes']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['S1', 'Quarry, Wren', 'said "hi"\nand left'] },
      { line: 5, cells: ['S2', 'Kit Haverly', ''] },
    ]);
  });

  test('TSV copied from a spreadsheet', () => {
    const t = parseDelimited('Name\tEmail\nAna Quarry\tana@maple.example\n');
    expect(t.rows[0]?.cells).toEqual(['Ana Quarry', 'ana@maple.example']);
  });
});

describe('matching headers loosely', () => {
  test('case, spacing, underscores and aliases are forgiven; unknown headers are listed', () => {
    const m = matchHeaders(
      ['student_id', 'STUDENT NAME', 'Teacher Email', 'Home Language', 'Bus route'],
      FAMILIES,
    );
    expect(Object.fromEntries(m.columns)).toEqual({
      'Student ID': 0,
      'Student Name': 1,
      'Homeroom Teacher Email': 2,
      'Preferred Language': 3,
    });
    expect(m.ignored).toEqual(['Bus route']);
  });

  test('an exact header wins over another column’s alias', () => {
    // "Email" is Family Email's alias, but "Family Email" is present, so "Email" stays unmatched.
    const m = matchHeaders(['Student ID', 'Family Email', 'Email'], FAMILIES);
    expect(m.columns.get('Family Email')).toBe(1);
    expect(m.ignored).toEqual(['Email']);
  });

  test('kind is read from the headers', () => {
    expect(detectKind(['Student Number', 'Student'])).toBe('families');
    expect(detectKind(['Teacher Name', 'E-mail', 'Target'])).toBe('teachers');
    expect(detectKind(['Colour', 'Size'])).toBeNull();
    expect(matchHeaders(['Teacher Name', 'E-mail', 'Target'], TEACHERS).columns.size).toBe(3);
  });
});

describe('planning an import', () => {
  test('teachers: duplicates (any case), bad emails and bad goals are rejected with their line', () => {
    const plan = planRoster(
      [
        'Teacher Name,Email,Goal',
        'Cy Nakashima,cy@maple.example,12',
        'Cy again,CY@Maple.example,3',
        'No Email,,5',
        'Bad Email,not-an-email,5',
        'Wildcard,a*b@maple.example,5',
        'Goal words,dee@maple.example,ten',
        ',nameless@maple.example,4',
        '=HYPERLINK("http://x"),eve@maple.example,',
      ].join('\n'),
      context(),
    );
    expect(plan.kind).toBe('teachers');
    expect(plan.add.map((r) => r.values)).toEqual([
      { Name: 'Cy Nakashima', Email: 'cy@maple.example', Goal: 12 },
      { Name: '=HYPERLINK("http://x")', Email: 'eve@maple.example' },
    ]);
    expect(plan.rejected).toEqual([
      { line: 3, reason: 'Same Email as line 2: only the first is imported.' },
      { line: 4, reason: 'No email: every teacher needs the email they sign in with.' },
      { line: 5, reason: 'Email "not-an-email" is not an email address.' },
      { line: 6, reason: 'Email "a*b@maple.example" is not an email address.' },
      { line: 7, reason: 'Goal must be a whole number such as 10, not "ten".' },
      { line: 8, reason: 'No name.' },
    ]);
  });

  test('families: unknown teacher, missing id, odd id, pick-lists matched in any case', () => {
    const plan = planRoster(
      [
        'Student Number\tStudent\tGrade\tTeacher\tLanguage\tInterpreter',
        'S1\tWren Quarry\tk\tANA.QUARRY@maple.example\tspanish\tyes',
        'S2\tKit Haverly\t3\tghost@maple.example\tEnglish\t',
        '\tNo Id\t2\t\t\t',
        '>5\tOdd Id\t2\t\t\t',
        'S3\tBram Pimental\tKinder\t\t\t',
        'S4\t<img src=x onerror=alert(1)>\t4\t\t\tmaybe',
        'S5\t<b>Saoirse</b>\t4\t\t\tno',
      ].join('\n'),
      context(),
    );
    expect(plan.add.map((r) => r.values)).toEqual([
      {
        'Student ID': 'S1',
        'Student Name': 'Wren Quarry',
        Grade: 'K',
        'Homeroom Teacher Email': 'ana.quarry@maple.example',
        'Preferred Language': 'Spanish',
        'Interpreter Needed': true,
      },
      { 'Student ID': 'S5', 'Student Name': '<b>Saoirse</b>', Grade: '4', 'Interpreter Needed': false },
    ]);
    expect(plan.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, 'Teacher ghost@maple.example is not on the Teachers tab (import teachers first).'],
      [4, 'No Student ID.'],
      [5, 'Student ID ">5" may hold only letters, digits, dots, dashes and slashes.'],
      [6, 'Grade "Kinder" is not on the grades list in Settings (add it there, or fix the row).'],
      [7, 'Interpreter Needed must be yes or no, not "maybe".'],
    ]);
  });

  test('existing rows are updated only where the paste fills in something new', () => {
    const existing: RosterContext['existing'] = new Map<
      string,
      { row: number; values: Record<string, string> }
    >([
      [
        'S1',
        {
          row: 2,
          values: { 'Student ID': 'S1', 'Student Name': 'Wren Quarry', Phone: '555-0100', Grade: 'K' },
        },
      ],
      ['S2', { row: 3, values: { 'Student ID': 'S2', 'Student Name': 'Kit Haverly', Phone: '555-0101' } }],
    ]);
    const plan = planRoster(
      'Student ID,Student Name,Phone,Grade\nS1,Wren Quarry,,1\nS2,Kit Haverly,555-0101,\nS3,Anouk Bellweather,555-0102,2\n',
      context({ existing }),
    );
    expect(plan.update).toEqual([
      expect.objectContaining({ row: 2, key: 'S1', changes: { Grade: ['K', '1'] } }),
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.add.map((r) => r.key)).toEqual(['S3']);
  });

  test('a paste without usable headers is a sentence, not a guess', () => {
    expect(() => planRoster('', context())).toThrow(UserError);
    expect(() => planRoster('Colour,Size\nred,big', context())).toThrow(/first line must name the columns/);
    expect(() => planRoster('Student Name\nWren', context(), 'families')).toThrow(/no "Student ID" column/);
  });
});

describe('where an import writes', () => {
  const roster = new Map([
    [0, 'Student ID'],
    [1, 'Student Name'],
    [2, 'Grade'],
    [3, 'Teacher Email'],
  ]);
  test('columns the paste skips between roster columns join one write', () => {
    const runs = writeRuns(
      [
        { header: 'Student ID', at: 0 },
        { header: 'Teacher Email', at: 3 },
      ],
      roster,
    );
    expect(runs.map((r) => r.map((c) => c.header))).toEqual([
      ['Student ID', 'Student Name', 'Grade', 'Teacher Email'],
    ]);
  });
  test('a formula column or a column of the school’s own between them splits the write', () => {
    const runs = writeRuns(
      [
        { header: 'Student ID', at: 0 },
        { header: 'Phone', at: 5 },
      ],
      new Map([...roster, [5, 'Phone']]),
    );
    expect(runs.map((r) => r.map((c) => c.at))).toEqual([[0], [5]]);
  });
  test('new rows go after the last typed row, not after rows only formula results fill', () => {
    const values = [
      ['Student ID', 'Attempts'],
      ['s1', 2],
      ['', 0],
      ['', 0],
    ];
    expect(lastEnteredRow(values, new Set([1]))).toBe(2);
    expect(lastEnteredRow(values, new Set())).toBe(4);
    expect(lastEnteredRow([values[0] ?? []], new Set())).toBe(1);
  });
});
