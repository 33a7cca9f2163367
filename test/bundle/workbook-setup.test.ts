/**
 * Set up this school, through dist/Code.js in the emulator: on an empty workbook, on a messy one a
 * school already uses (columns reordered, its own columns, headers typed in another case and spacing,
 * a missing tab, hand-typed rows), twice (the second run changes nothing), on bad input (nonsense
 * Settings, a renamed tab, an edited header: a sentence naming what to fix, nothing written), and with
 * as many Spreadsheet service calls at 1,000 families as at 10.
 */
import type { Workbook } from '../../emulator';
import {
  CALL_LOG,
  CHECK_INS,
  DEFAULT_PICK_LISTS,
  FAMILIES,
  PICK_LIST_HEADERS,
  type PickListKey,
  SETTINGS,
  TAB,
  TABLES,
  type TableSpec,
  TEACHERS,
} from '../../src/common/schema';
import { columnLetter } from '../../src/core/settings';
import {
  cellProps,
  emulatorFor,
  newWorkbook,
  records,
  type SheetSnapshot,
  setUp,
  sheetSnapshot,
} from './workbook-helpers';

const headerRow = (workbook: Workbook, tab: string) =>
  (workbook.values(tab)[0] ?? []).filter((h) => h !== '').map(String);

/** 1-based column of a header on row 1 of a tab. */
const loose = (text: unknown) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const columnOf = (workbook: Workbook, tab: string, header: string) =>
  (workbook.values(tab)[0] ?? []).findIndex((h) => loose(h) === loose(header)) + 1;

function expectDressed(workbook: Workbook, spec: TableSpec) {
  const snap = sheetSnapshot(workbook, spec.name);
  expect(snap.frozenRows).toBe(1);
  const settingsHead = workbook.values(TAB.settings)[0] ?? [];
  const lastRow = snap.maxRows;
  for (const col of spec.columns) {
    const at = columnOf(workbook, spec.name, col.header);
    expect(at).toBeGreaterThan(0);
    // The header note explains the column.
    expect(cellProps(snap, 1, at).note).toBe(col.help);
    const validation = cellProps(snap, 2, at).validation as
      | { criteria: string; values: unknown[]; allowInvalid: boolean }
      | undefined;
    // The rule covers the whole column, down to the last row of the tab.
    expect(cellProps(snap, lastRow, at).validation).toEqual(validation);
    if (col.type === 'formula') {
      expect(validation).toBeUndefined();
      continue;
    }
    if (col.references) {
      const target = TABLES.find((t) => t.key === col.references?.tab) as TableSpec;
      const letter = columnLetter(columnOf(workbook, target.name, col.references.column));
      expect(validation?.criteria).toBe('VALUE_IN_RANGE');
      expect(String(validation?.values[0])).toMatch(new RegExp(`^${target.name}!${letter}2:${letter}\\d+$`));
      expect(validation?.allowInvalid).toBe(false);
    } else if (col.pickList) {
      const letter = columnLetter(settingsHead.indexOf(PICK_LIST_HEADERS[col.pickList as PickListKey]) + 1);
      expect(validation?.criteria).toBe('VALUE_IN_RANGE');
      expect(String(validation?.values[0])).toMatch(new RegExp(`^Settings!${letter}2:${letter}\\d+$`));
    } else if (col.type === 'date') {
      expect(validation?.criteria).toBe('DATE_IS_VALID_DATE');
      expect(cellProps(snap, 2, at).numberFormat).toBe('yyyy-mm-dd');
    } else if (col.type === 'email') {
      expect(validation?.criteria).toBe('TEXT_IS_VALID_EMAIL');
    } else if (col.type === 'boolean') {
      expect(validation?.criteria).toBe('CHECKBOX');
    }
  }
  // Warning-only protection, described as set-up's, on the header row and on each formula column
  // down to the last row, and on no other cell (neighbouring formula columns may share one range).
  const formulaColumns = spec.columns
    .filter((c) => c.type === 'formula')
    .map((c) => columnOf(workbook, spec.name, c.header));
  const width = headerRow(workbook, spec.name).length;
  expect(snap.protections.every((p) => p.warningOnly)).toBe(true);
  expect(new Set(snap.protections.map((p) => p.description))).toEqual(
    new Set([`Relationship Calls: ${spec.name} headers and formulas`]),
  );
  expect(protectedColumns(snap)).toEqual(
    [
      ...Array.from({ length: width }, (_, i) => `${i + 1}:1-1`),
      ...formulaColumns.map((c) => `${c}:2-${snap.maxRows}`),
    ].sort(),
  );
}

/** Each protected range as its columns, "column:firstRow-lastRow", one entry per column it covers. */
function protectedColumns(snap: SheetSnapshot): string[] {
  return snap.protections
    .flatMap((p) => {
      const [row, column, rows, columns] = p.range ?? [0, 0, 0, 0];
      return Array.from({ length: columns }, (_, i) => `${column + i}:${row}-${row + rows - 1}`);
    })
    .sort();
}

describe('Set up this school on an empty workbook', () => {
  const workbook = newWorkbook();
  const emu = emulatorFor(workbook);
  const first = setUp(emu);

  test('adds all six tabs with their headers, the Settings rows and pick-lists', () => {
    expect(workbook.sheetNames()).toEqual(expect.arrayContaining(Object.values(TAB)));
    for (const spec of TABLES)
      expect(headerRow(workbook, spec.name)).toEqual(spec.columns.map((c) => c.header));
    const settings = workbook.values(TAB.settings);
    const labels = settings.map((r) => r[0]);
    for (const s of SETTINGS) expect(labels).toContain(s.label);
    for (const title of Object.values(PICK_LIST_HEADERS)) expect(settings[0]).toContain(title);
    expect(first.message).toMatch(/Set up added .*Check-ins tab/);
  });

  test('freezes headers, explains every column in a note, validates, formats and protects (warning only)', () => {
    for (const spec of TABLES) expectDressed(workbook, spec);
    const teachers = sheetSnapshot(workbook, TAB.teachers);
    expect(cellProps(teachers, 2, columnOf(workbook, TAB.teachers, 'Percent of Goal')).numberFormat).toBe(
      '0%',
    );
    const log = sheetSnapshot(workbook, TAB.callLog);
    expect(log.hidden).toEqual([columnOf(workbook, TAB.callLog, 'Submission ID')]);
    expect(log.widths.length).toBe(CALL_LOG.columns.length);
    expect(sheetSnapshot(workbook, TAB.settings).frozenRows).toBe(1);
  });

  test('a pick-list item that looks like a number stays the text it is (grade "1")', () => {
    const settings = workbook.values(TAB.settings);
    const at = (settings[0] ?? []).indexOf(PICK_LIST_HEADERS.grades);
    expect(settings.slice(1, 4).map((r) => r[at])).toEqual(['K', '1', '2']);
  });

  test('running it again changes nothing', () => {
    const before = workbook.snapshot();
    const again = setUp(emu);
    expect(workbook.snapshot()).toEqual(before);
    expect(again.message).toBe('Everything was already set up; nothing changed.');
  });
});

/** A school that kept its own sheet before the add-on: every cell typed by a person. */
function messyWorkbook(families = 4): Workbook {
  const workbook = newWorkbook();
  workbook.setSheet('Teachers', [
    ['EMAIL ', 'Room', 'name', 'goal'],
    ['wren.quarry@maple.example', 'B12', 'Wren Quarry', 6],
    ['ines.bellweather@maple.example', '', 'Ines Bellweather', ''],
    ['tobin.ostrander@maple.example', 'Gym', 'Tobin Ostrander', 3],
  ]);
  const homerooms = ['wren.quarry@maple.example', 'ines.bellweather@maple.example'];
  workbook.setSheet('Families', [
    ['Student Name', 'Office notes', 'student_id', 'Homeroom teacher email', 'Grade'],
    ...Array.from({ length: families }, (_, i) => [
      `Kit Pimental ${i}`,
      i % 2 ? 'Moved in August' : '',
      `S${1000 + i}`,
      homerooms[i % 2],
      String(i % 5),
    ]),
  ]);
  workbook.setSheet('Call Log', [
    ['call  date', 'Teacher Email', 'OUTCOME', 'Student ID', 'Method', 'My tally'],
    ['2026-09-14', 'wren.quarry@maple.example', 'Reached', 'S1000', 'Phone', 1],
    ['2026-09-15', 'Wren.Quarry@maple.example', 'No answer', 'S1002', 'Phone', 2],
    ['2026-09-16', 'ines.bellweather@maple.example', 'Reached', 'S1001', 'Text', 3],
  ]);
  workbook.setSheet('Settings', [
    ['Setting', 'Value'],
    ['School name', 'Maple Grove Elementary'],
    ['Default goal per teacher', 7],
  ]);
  workbook.setSheet('Our notes', [['Anything the principal keeps here'], ['Bring coffee']]);
  return workbook;
}

describe('Set up this school on a messy workbook', () => {
  const workbook = messyWorkbook();
  const before = Object.fromEntries(
    [TAB.teachers, TAB.families, TAB.callLog, TAB.settings, 'Our notes'].map((t) => [t, workbook.values(t)]),
  );
  const emu = emulatorFor(workbook);
  const first = setUp(emu);

  test('rows and the school’s own columns stay where they were, untouched', () => {
    for (const tab of [TAB.teachers, TAB.families, TAB.callLog, 'Our notes']) {
      const was = before[tab] as unknown[][];
      const now = workbook.values(tab);
      expect(now.slice(0, was.length).map((r) => r.slice(0, (was[0] as unknown[]).length))).toEqual(was);
    }
    // Settings keeps the school's values; only missing rows and lists were added.
    const settings = workbook.values(TAB.settings);
    expect(settings.slice(0, 3).map((r) => r.slice(0, 2))).toEqual(before[TAB.settings]);
    // An added setting comes with its help in an About column, and the pick-lists start after it.
    expect(settings[0]?.slice(0, 3)).toEqual(['Setting', 'Value', 'About']);
    const year = SETTINGS.find((s) => s.key === 'schoolYear');
    expect(settings.find((r) => r[0] === year?.label)?.[2]).toBe(year?.help);
    const methodsAt = (settings[0] ?? []).indexOf(PICK_LIST_HEADERS.methods);
    const methods = settings
      .slice(1)
      .map((r) => r[methodsAt])
      .filter((v) => v !== '');
    expect(methods).toEqual(DEFAULT_PICK_LISTS.methods);
  });

  test('missing columns are added after the last used header, in schema order; headers found loosely', () => {
    const expectAppended = (tab: string, spec: TableSpec) => {
      const was = ((before[tab] as unknown[][])[0] ?? []).map(String);
      const found = new Set(was.map((h) => h.toLowerCase().replace(/[\s_]+/g, '')));
      const missing = spec.columns
        .map((c) => c.header)
        .filter((h) => !found.has(h.toLowerCase().replace(/[\s_]+/g, '')));
      expect(headerRow(workbook, tab)).toEqual([...was, ...missing]);
    };
    expectAppended(TAB.teachers, TEACHERS);
    expectAppended(TAB.families, FAMILIES);
    expectAppended(TAB.callLog, CALL_LOG);
    expect(headerRow(workbook, TAB.checkIns)).toEqual(CHECK_INS.columns.map((c) => c.header));
    expect(first.message).toContain('the Check-ins tab');
  });

  test('validation and formulas point at the columns where they really are', () => {
    for (const spec of TABLES) expectDressed(workbook, spec);
    const teachers = records(workbook, TAB.teachers);
    const wren = teachers.find((t) => t.name === 'Wren Quarry');
    const ines = teachers.find((t) => t.name === 'Ines Bellweather');
    // Counted from the hand-typed log above: Wren two calls (any case of her email), one reached.
    expect(wren?.['Calls Logged']).toBe(2);
    expect(wren?.Conversations).toBe(1);
    expect(wren?.Status).toBe('In progress');
    // Ines has no goal of her own: the Settings default (7) applies.
    expect(ines?.['Percent of Goal']).toBeCloseTo(1 / 7);
    const families = records(workbook, TAB.families);
    expect(families.map((f) => f.Reached)).toEqual(['Yes', 'Yes', 'No', 'No']);
  });

  test('running it again changes nothing', () => {
    const snapshot = workbook.snapshot();
    const again = setUp(emu);
    expect(workbook.snapshot()).toEqual(snapshot);
    expect(again.message).toBe('Everything was already set up; nothing changed.');
  });
});

describe('bad input: a sentence naming what to fix, nothing overwritten', () => {
  function setUpSchool() {
    const workbook = newWorkbook();
    const emu = emulatorFor(workbook);
    setUp(emu);
    return { workbook, emu };
  }

  test('a goal of "ten" and a window ending before it starts name their Settings cells', () => {
    const { workbook, emu } = setUpSchool();
    const settings = workbook.values(TAB.settings);
    const rowOf = (label: string) => settings.findIndex((r) => r[0] === label) + 1;
    const goalRow = rowOf('Default goal per teacher');
    const startRow = rowOf('Call window start');
    const endRow = rowOf('Call window end');
    const type = (row: number, text: string) => {
      (settings[row - 1] as unknown[])[1] = text;
    };
    type(goalRow, 'ten');
    type(startRow, '2026-10-01');
    type(endRow, '2026-09-01');
    workbook.setSheet(TAB.settings, settings);
    const before = workbook.snapshot();
    const { message } = setUp(emu);
    expect(message).toContain(`Settings!B${goalRow}`);
    expect(message).toContain('"ten"');
    expect(message).toContain(`Settings!B${endRow}`);
    expect(workbook.snapshot()).toEqual(before);
  });

  test('a renamed tab is named, with what to rename it to, and nothing is added', () => {
    const { workbook, emu } = setUpSchool();
    const log = workbook.values(TAB.callLog);
    workbook.setSheet('Calls 2026', log);
    const state = workbook.sheet(TAB.callLog);
    if (state) workbook.removeSheet(state);
    const before = workbook.snapshot();
    const { message } = setUp(emu);
    expect(message).toContain('"Calls 2026"');
    expect(message).toContain(`Rename it to "${TAB.callLog}"`);
    expect(message).toContain('Nothing was changed.');
    expect(workbook.snapshot()).toEqual(before);
  });

  test('an edited header is named by its cell, and no second column is added', () => {
    const { workbook, emu } = setUpSchool();
    const teachers = workbook.values(TAB.teachers);
    const at = (teachers[0] ?? []).indexOf('Email');
    (teachers[0] as unknown[])[at] = 'Teacher Email';
    workbook.setSheet(TAB.teachers, teachers.slice(0, 1));
    const before = workbook.snapshot();
    const { message } = setUp(emu);
    expect(message).toContain(`Teachers!${columnLetter(at + 1)}1 says "Teacher Email"`);
    expect(workbook.snapshot()).toEqual(before);
  });
});

describe('Spreadsheet service calls of set-up do not grow with the roster', () => {
  function counts(families: number) {
    const workbook = messyWorkbook(families);
    const emu = emulatorFor(workbook);
    const first = setUp(emu).run;
    const second = setUp(emu).run;
    return {
      first: first.calls,
      second: second.calls,
      total: [first.spreadsheetCalls, second.spreadsheetCalls],
    };
  }

  test('the same calls, method by method, at 10 and at 1,000 families', () => {
    const small = counts(10);
    const large = counts(1000);
    expect(large).toEqual(small);
  });
});

describe('Spreadsheet service calls of set-up on an empty workbook', () => {
  const emu = emulatorFor(newWorkbook());
  const first = setUp(emu).run;
  const second = setUp(emu).run;
  const ruleColumns = TABLES.flatMap((t) => t.columns).filter(
    (c) =>
      c.type !== 'formula' && (c.references || c.pickList || ['date', 'boolean', 'email'].includes(c.type)),
  ).length;

  test('the first run: 213 calls (373 when each column had its own builder, rule, width and protection)', () => {
    expect(first.spreadsheetCalls).toBe(213);
    // A new builder per kind of criterion; every other rule is a copy of the one before with its help.
    const kinds = first.calls['SpreadsheetApp.newDataValidation'] as number;
    expect(kinds).toBeLessThan(ruleColumns);
    expect(first.calls['DataValidation.copy']).toBe(ruleColumns - kinds);
    expect(first.calls['DataValidationBuilder.setHelpText']).toBe(ruleColumns);
    expect(first.calls['DataValidationBuilder.build']).toBe(ruleColumns);
    // On a tab it inserted, one setDataValidations covers every validated column.
    expect(first.calls['Range.setDataValidations']).toBe(TABLES.length);
    expect(first.calls['Range.setDataValidation']).toBeUndefined();
    // Overlapping strokes: 34 calls where runs of equal neighbouring widths took 42.
    expect(first.calls['Sheet.setColumnWidths']).toBe(34);
    // The header row, and on Teachers and Families the block of formula columns.
    expect(first.calls['Range.protect']).toBe(TABLES.length + 2);
    // A tab this run inserted is not read back for notes, formulas or protections.
    expect(first.calls['Range.getNotes']).toBeUndefined();
    expect(first.calls['Range.getFormulas']).toBeUndefined();
    expect(first.calls['Sheet.getProtections']).toBeUndefined();
  });

  test('the second run: 222 calls, reading what the first knew was empty, writing no tab, header, formula, note or protection', () => {
    expect(second.spreadsheetCalls).toBe(222);
    for (const method of [
      'Spreadsheet.insertSheet',
      'Range.setValues',
      'Range.setFormulas',
      'Range.setNotes',
      'Range.protect',
      'Protection.remove',
    ])
      expect(second.calls[method]).toBeUndefined();
    // Still read once per tab: row 1, the notes and the protections set-up owns.
    expect(second.calls['Range.getNotes']).toBe(TABLES.length);
    expect(second.calls['Sheet.getProtections']).toBe(TABLES.length);
  });
});
