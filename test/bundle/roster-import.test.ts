/**
 * Import roster..., through dist/Code.js in the emulator: the dialog's two calls, previewRoster (what
 * would be added, updated and rejected, with reasons; nothing written) and importRoster (one batched
 * write), on pastes with duplicate rows (emails in another case, repeated ids), malformed rows (no id,
 * a bad email, a teacher not on the roster) and hostile text (formula text, +, -, @, HTML), which must
 * land as the text it is. Service calls are the same at 10 and at 1,000 families.
 */
import type { Emulator, RunResult } from '../../emulator';
import type { RosterImportResult, RosterPreview } from '../../src/common/rpc';
import { FAMILIES, TAB, TEACHERS } from '../../src/common/schema';
import { emulatorFor, newWorkbook, PRINCIPAL, records, rowsOf, setUp } from './workbook-helpers';

const WREN = 'wren.quarry@maple.example';
const INES = 'ines.bellweather@maple.example';
const HOSTILE = {
  formula: '=HYPERLINK("http://evil.example","Click me")',
  plus: '+1 555 0100',
  minus: '-2+3',
  at: '@Corbin Oyelaran',
  html: '<script>alert("x")</script>',
};

function school(existingFamilies = 2) {
  const workbook = newWorkbook();
  const emu = emulatorFor(workbook);
  setUp(emu);
  workbook.appendRows(
    TAB.teachers,
    rowsOf(TEACHERS, [
      { Name: 'Wren Quarry', Email: WREN, Goal: 6 },
      { Name: 'Ines Bellweather', Email: INES, Goal: '' },
    ]),
  );
  workbook.appendRows(
    TAB.families,
    rowsOf(
      FAMILIES,
      Array.from({ length: existingFamilies }, (_, i) => ({
        'Student ID': `S${1000 + i}`,
        'Student Name': `Lio Pimental ${i}`,
        Grade: "'2",
        'Homeroom Teacher Email': i % 2 ? INES : WREN,
        'Preferred Language': 'English',
      })),
    ),
  );
  return { workbook, emu };
}

function preview(emu: Emulator, text: string): { run: RunResult; preview: RosterPreview } {
  const run = emu.run('previewRoster', [text], { user: PRINCIPAL });
  expect(run.error).toBeUndefined();
  return { run, preview: run.result as RosterPreview };
}

function importNow(emu: Emulator, text: string): { run: RunResult; result: RosterImportResult } {
  const run = emu.run('importRoster', [text], { user: PRINCIPAL });
  expect(run.error).toBeUndefined();
  return { run, result: run.result as RosterImportResult };
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

describe('importing teachers', () => {
  const { workbook, emu } = school();
  const paste = csv([
    ['Teacher Name', 'E-mail', 'Call Goal', 'Room'],
    ['Odile Haverly', 'odile.haverly@maple.example', '8', 'B4'], // line 2: new
    ['Wren Quarry', 'WREN.QUARRY@maple.example', '9', 'B12'], // line 3: update (goal), email any case
    ['Odile H.', 'Odile.Haverly@Maple.example', '', ''], // line 4: same email as line 2
    ['Anouk Vasquez-Lund', '', '5', ''], // line 5: no email
    ['Ezra Nakashima', 'ezra at maple', '5', ''], // line 6: bad email
    [HOSTILE.formula, 'bram.ostrander@maple.example', '', ''], // line 7: formula text as a name
    [HOSTILE.html, 'kit.bellweather@maple.example', '', ''], // line 8: HTML as a name
    [HOSTILE.at, 'corbin.oyelaran@maple.example', 'ten', ''], // line 9: bad goal
  ]);

  test('the preview lists adds, updates and rejections with reasons, and writes nothing', () => {
    const before = workbook.snapshot();
    const { preview: p, run } = preview(emu, paste);
    expect(workbook.snapshot()).toEqual(before);
    expect(run.calls['Range.setValues'] ?? 0).toBe(0);
    expect(p.kind).toBe('teachers');
    expect(p.add.map((a) => [a.line, a.cells.Name, a.cells.Email])).toEqual([
      [2, 'Odile Haverly', 'odile.haverly@maple.example'],
      [7, HOSTILE.formula, 'bram.ostrander@maple.example'],
      [8, HOSTILE.html, 'kit.bellweather@maple.example'],
    ]);
    expect(p.update).toEqual([{ line: 3, key: WREN, changes: [{ header: 'Goal', from: '6', to: '9' }] }]);
    const reasons = new Map(p.rejected.map((r) => [r.line, r.reason]));
    expect([...reasons.keys()]).toEqual([4, 5, 6, 9]);
    expect(reasons.get(4)).toMatch(/same email as line 2/i);
    expect(reasons.get(5)).toMatch(/no email/i);
    expect(reasons.get(6)).toMatch(/"ezra at maple" is not an email/);
    expect(reasons.get(9)).toMatch(/whole number.*"ten"/);
    expect(p.ignoredHeaders).toEqual(['Room']);
  });

  test('importing writes once, keeps existing rows, and stores hostile names as text', () => {
    const { result, run } = importNow(emu, paste);
    expect(result).toMatchObject({ added: 3, updated: 1, rejected: 4 });
    expect(run.calls['Range.setValues']).toBe(1);
    const teachers = records(workbook, TAB.teachers);
    expect(teachers.map((t) => [t.Name, t.Email, t.Goal])).toEqual([
      ['Wren Quarry', WREN, 9],
      ['Ines Bellweather', INES, ''],
      ['Odile Haverly', 'odile.haverly@maple.example', 8],
      [HOSTILE.formula, 'bram.ostrander@maple.example', ''],
      [HOSTILE.html, 'kit.bellweather@maple.example', ''],
    ]);
    const nameColumn = (workbook.values(TAB.teachers)[0] ?? []).indexOf('Name');
    expect(
      workbook
        .formulas(TAB.teachers)
        .map((r) => r[nameColumn])
        .filter(Boolean),
    ).toEqual([]);
    // The new teachers get their goal formulas at once: the formula columns cover their rows.
    expect(teachers[2]?.Status).toBe('Not started');
  });

  test('importing the same paste again adds nothing', () => {
    const { result } = importNow(emu, paste);
    expect(result).toMatchObject({ added: 0, updated: 0 });
    expect(records(workbook, TAB.teachers)).toHaveLength(5);
  });
});

describe('importing families', () => {
  const { workbook, emu } = school();
  // TSV as copied from another spreadsheet, headers as the office typed them.
  const paste = [
    ['student_id', 'Student Name', 'Homeroom Teacher', 'language', 'Interpreter', 'Grade Level'],
    ['S2001', 'Maelle Quarry', WREN, 'spanish', 'yes', 'K'], // 2: new; language matched in any case
    ['S1000', 'Lio Pimental 0', WREN, 'Vietnamese', '', ''], // 3: update (language)
    ['S2001', 'Maelle Quarry again', WREN, '', '', ''], // 4: repeated id
    ['', 'Saoirse Nakashima', INES, '', '', ''], // 5: no id
    ['S2002', 'Tobin Ostrander', 'ghost.teacher@maple.example', '', '', ''], // 6: unknown teacher
    ['S2003', 'Wren Haverly', 'not-an-email', '', '', ''], // 7: bad email
    ['S2004', HOSTILE.formula, INES, '', '', '1'], // 8
    ['S2005', HOSTILE.plus, INES, '', '', ''], // 9
    ['S2006', HOSTILE.minus, INES, '', '', ''], // 10
    ['S2007', HOSTILE.at, INES, '', '', ''], // 11
    ['S2008', HOSTILE.html, INES, '', '', ''], // 12
    ['007', 'Bram Quarry', INES, '', '', ''], // 13: an id with leading zeros stays as typed
    ['S2009', 'Kit Oyelaran', INES, 'Klingon', '', ''], // 14: not on the languages list
  ]
    .map((r) => r.join('\t'))
    .join('\n');

  test('the preview lists adds, updates and rejections with reasons, and writes nothing', () => {
    const before = workbook.snapshot();
    const { preview: p } = preview(emu, paste);
    expect(workbook.snapshot()).toEqual(before);
    expect(p.kind).toBe('families');
    expect(p.add.map((a) => a.line)).toEqual([2, 8, 9, 10, 11, 12, 13]);
    expect(p.add[0]?.cells).toMatchObject({
      'Student ID': 'S2001',
      'Preferred Language': 'Spanish',
      'Interpreter Needed': 'Yes',
    });
    expect(p.update).toEqual([
      {
        line: 3,
        key: 'S1000',
        changes: [{ header: 'Preferred Language', from: 'English', to: 'Vietnamese' }],
      },
    ]);
    const reasons = new Map(p.rejected.map((r) => [r.line, r.reason]));
    expect([...reasons.keys()]).toEqual([4, 5, 6, 7, 14]);
    expect(reasons.get(4)).toMatch(/same student id as line 2/i);
    expect(reasons.get(5)).toMatch(/no student id/i);
    expect(reasons.get(6)).toMatch(/ghost\.teacher@maple\.example is not on the Teachers tab/);
    expect(reasons.get(7)).toMatch(/"not-an-email" is not an email/);
    expect(reasons.get(14)).toMatch(/"Klingon" is not on the languages list/);
  });

  test('importing writes once and every text lands as the text it is', () => {
    const { result, run } = importNow(emu, paste);
    expect(result).toMatchObject({ added: 7, updated: 1, rejected: 5 });
    expect(run.calls['Range.setValues']).toBe(1);
    const families = records(workbook, TAB.families);
    const byId = new Map(families.map((f) => [String(f['Student ID']), f]));
    expect(byId.get('S1000')).toMatchObject({
      'Student Name': 'Lio Pimental 0',
      'Preferred Language': 'Vietnamese',
    });
    expect(byId.get('S2001')).toMatchObject({
      'Preferred Language': 'Spanish',
      'Interpreter Needed': true,
      Grade: 'K',
    });
    expect(byId.get('S2004')).toMatchObject({ 'Student Name': HOSTILE.formula, Grade: '1' });
    expect(byId.get('S2005')?.['Student Name']).toBe(HOSTILE.plus);
    expect(byId.get('S2006')?.['Student Name']).toBe(HOSTILE.minus);
    expect(byId.get('S2007')?.['Student Name']).toBe(HOSTILE.at);
    expect(byId.get('S2008')?.['Student Name']).toBe(HOSTILE.html);
    expect(byId.get('007')?.['Student Name']).toBe('Bram Quarry');
    expect(families).toHaveLength(2 + 7);
    // No cell of a typed column holds a formula; only set-up's goal formulas remain.
    const formulaColumns = new Set(FAMILIES.columns.filter((c) => c.type === 'formula').map((c) => c.header));
    const head = workbook.values(TAB.families)[0] ?? [];
    const stray = workbook
      .formulas(TAB.families)
      .flatMap((r) => r.filter((f, i) => f && !formulaColumns.has(String(head[i]))));
    expect(stray).toEqual([]);
    // The new families are counted on the Teachers tab: Ines now has her homeroom families.
    const ines = records(workbook, TAB.teachers).find((t) => t.Email === INES);
    expect(ines?.['Own Families Reached']).toBe(0);
  });
});

describe('bad input: a sentence naming what to fix, nothing written', () => {
  const paste = csv([
    ['Student ID', 'Student Name', 'Homeroom Teacher Email'],
    ['S3001', 'Kit Quarry', WREN],
  ]);

  test('an edited header on Families is named by its cell, in the preview and at import', () => {
    const { workbook, emu } = school();
    const at = (workbook.values(TAB.families)[0] ?? []).indexOf('Student Name');
    const state = workbook.sheet(TAB.families);
    if (state) workbook.write(state, 0, at, [['Student']]);
    const before = workbook.snapshot();
    for (const fn of ['previewRoster', 'importRoster']) {
      const run = emu.run(fn, [paste], { user: PRINCIPAL });
      expect(run.error?.message).toContain(`Families!${String.fromCharCode(65 + at)}1 says "Student"`);
      expect(run.error?.message).toContain('Nothing was imported.');
    }
    expect(workbook.snapshot()).toEqual(before);
  });

  test('a renamed Families tab is named, with what to do', () => {
    const { workbook, emu } = school();
    const state = workbook.sheet(TAB.families);
    if (state) workbook.renameSheet(state, 'Family roster');
    const before = workbook.snapshot();
    const run = emu.run('importRoster', [paste], { user: PRINCIPAL });
    expect(run.error?.message).toContain('The "Families" tab is missing (was it renamed?)');
    expect(workbook.snapshot()).toEqual(before);
  });
});

describe('Spreadsheet service calls of import do not grow with the roster', () => {
  /** A school holding n families, and a paste of n rows: half of them updates, half new families. */
  function counts(n: number) {
    const { emu } = school(n);
    const rows = Array.from({ length: n }, (_, i) =>
      i % 2
        ? [`S${1000 + i}`, `Lio Pimental ${i}`, WREN, 'Spanish']
        : [`N${5000 + i}`, `Ezra Quarry ${i}`, INES, 'Somali'],
    );
    const paste = csv([
      ['Student ID', 'Student Name', 'Homeroom Teacher Email', 'Preferred Language'],
      ...rows,
    ]);
    const p = preview(emu, paste);
    const done = importNow(emu, paste);
    expect(done.result).toMatchObject({ added: n / 2, updated: n / 2 });
    return { preview: p.run.calls, import: done.run.calls };
  }

  test('the same calls, method by method, at 10 and at 1,000 families', () => {
    expect(counts(1000)).toEqual(counts(10));
  });
});
