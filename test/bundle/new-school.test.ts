/**
 * New school from this template, through dist/Code.js in the emulator: a coach names the new school
 * and gets a link to a copy (registered in emu.registry, as Spreadsheet.copy registers it) that holds
 * no personal data (no teacher names or emails, no families, calls, check-ins or notes, no tab of the
 * school's own), Settings back to their starting values with the new name, and the same formulas,
 * dropdowns and protections; the school's own workbook is not touched.
 */
import { Emulator, type Workbook } from '../../emulator';
import { messySchool, type Row } from '../../scripts/fixtures/messy-school';
import type { NewSchoolResult } from '../../src/common/rpc';
import { CALL_LOG, CHECK_INS, FAMILIES, SETTINGS, TAB, TABLES, TEACHERS } from '../../src/common/schema';
import {
  DIST,
  emulatorFor,
  newWorkbook,
  PRINCIPAL,
  records,
  rowsOf,
  setUp,
  sheetSnapshot,
} from './workbook-helpers';

const COACH = 'coach@district.example';

/** Text as a person types it: one starting with "=" would be a formula, so they type an apostrophe. */
const typed = (rows: unknown[][]) =>
  rows.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith('=') ? `'${v}` : v)));

function liveSchool() {
  const school = messySchool({ seed: 11, teachers: 6, families: 30, calls: 60 });
  const workbook = newWorkbook('Maple Grove Elementary - Relationship Calls');
  const emu = emulatorFor(workbook);
  setUp(emu);
  const settings = workbook.values(TAB.settings);
  const put = (label: string, value: unknown) => {
    const state = workbook.sheet(TAB.settings);
    const row = settings.findIndex((r) => r[0] === label);
    if (state) workbook.write(state, row, 1, [[value]]);
  };
  put('School name', 'Maple Grove Elementary');
  put('School year', '2026-27');
  put('Call window start', school.settings.windowStart);
  put('Call window end', school.settings.windowEnd);
  put('Default goal per teacher', 7);
  put('Goal counts', 'Attempts');
  put('School goal: share of teachers meeting their goal', 0.75);
  const knowledge: Row = {
    'Student ID': 'F900',
    'Student Name': 'Anouk Bellweather',
    'Caregiver Names': 'Ines Bellweather',
    Phone: '555-0142',
    'Family Email': 'bellweather.family@home.example',
    'Hopes This Year': 'Make one close friend',
  };
  workbook.appendRows(TAB.teachers, typed(rowsOf(TEACHERS, school.teachers)));
  workbook.appendRows(TAB.families, typed(rowsOf(FAMILIES, [...school.families, knowledge])));
  workbook.appendRows(TAB.callLog, typed(rowsOf(CALL_LOG, school.calls)));
  workbook.appendRows(TAB.checkIns, typed(rowsOf(CHECK_INS, school.checkIns)));
  workbook.setSheet('Staff phone list', [
    ['Name', 'Mobile'],
    ['Wren Quarry', '555-0199'],
  ]);
  const summary = emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(summary.error).toBeUndefined();
  // Personal data a copy must not carry: every name, email, phone and note typed into the school.
  const personal = new Set<string>();
  for (const rows of [school.teachers, school.families, [knowledge], school.calls, school.checkIns])
    for (const row of rows)
      for (const [header, value] of Object.entries(row)) {
        const isPersonal =
          /name|email|phone|caregiver|hopes|learned|follow-up needed|working|next step|strengths/i.test(
            header,
          );
        if (isPersonal && typeof value === 'string' && value.length > 3 && value !== 'as typed')
          personal.add(value);
      }
  personal.add('555-0199');
  return { workbook, emu, personal };
}

describe('New school from this template', () => {
  const { workbook, emu, personal } = liveSchool();
  const before = workbook.snapshot();
  const run = emu.run('newSchoolFromTemplate', ['  Cedar Hollow   Middle '], { user: COACH });
  const result = run.result as NewSchoolResult;
  const copy = emu.registry.get(result?.url ?? '') as Workbook;

  test('returns the link to a copy named for the new school', () => {
    expect(run.error).toBeUndefined();
    expect(result.name).toBe('Cedar Hollow Middle - Relationship Calls');
    expect(copy).toBeDefined();
    expect(copy.name).toBe(result.name);
    expect(copy.id).not.toBe(workbook.id);
    expect(result.message).toContain('share it only with');
  });

  test('the copy holds no personal data: no data rows, no notes, no tab of the school’s own', () => {
    expect(copy.sheetNames().sort()).toEqual(Object.values(TAB).sort());
    for (const spec of TABLES) expect(records(copy, spec.name)).toEqual([]);
    expect(
      copy
        .values(TAB.summary)
        .flat()
        .filter((v) => v !== ''),
    ).toEqual([]);
    expect(personal.size).toBeGreaterThan(50);
    // Everything a person or script could read from the copy: values, formulas, notes, validation.
    const everything = JSON.stringify(copy.snapshot());
    const leaked = [...personal].filter((p) => everything.includes(JSON.stringify(p).slice(1, -1)));
    expect(leaked).toEqual([]);
  });

  test('Settings are back to their starting values, with the new school’s name', () => {
    const settings = copy.values(TAB.settings);
    const value = (label: string) => settings.find((r) => r[0] === label)?.[1];
    for (const s of SETTINGS)
      expect(value(s.label)).toEqual(s.key === 'schoolName' ? 'Cedar Hollow Middle' : s.initial);
    // The district's pick-lists and prompts are wording, not personal data: they stay.
    expect(settings[0]).toEqual(workbook.values(TAB.settings)[0]);
  });

  test('formulas, dropdowns, formats, notes and protections are the template’s', () => {
    for (const spec of TABLES) {
      expect(copy.formulas(spec.name)).toEqual(
        workbook
          .formulas(spec.name)
          .map((r) => r.map((f) => (f.startsWith('=') ? f : '')))
          .slice(0, copy.formulas(spec.name).length),
      );
      const dressing = (wb: Workbook) => {
        const s = sheetSnapshot(wb, spec.name);
        return {
          frozenRows: s.frozenRows,
          header: s.cells.filter(([k]) => k.startsWith('0:')),
          firstRow: s.cells
            .filter(([k]) => k.startsWith('1:'))
            .map(([k, v]) => [k, { validation: v.validation, numberFormat: v.numberFormat }]),
          protections: s.protections,
          widths: s.widths,
          hidden: s.hidden,
        };
      };
      expect(dressing(copy)).toEqual(dressing(workbook));
    }
  });

  test('the copy works: a teacher and a call typed into it are counted by its formulas', () => {
    copy.appendRows(
      TAB.teachers,
      rowsOf(TEACHERS, [{ Name: 'Kit Ostrander', Email: 'kit@cedar.example', Goal: 1 }]),
    );
    copy.appendRows(
      TAB.callLog,
      rowsOf(CALL_LOG, [
        {
          'Teacher Email': 'kit@cedar.example',
          'Call Date': '2026-09-20',
          Method: 'Phone',
          Outcome: 'Reached',
        },
      ]),
    );
    expect(records(copy, TAB.teachers)[0]).toMatchObject({
      'Calls Logged': 1,
      Conversations: 1,
      Status: 'Met',
    });
    // And set-up on the copy finds nothing to repair.
    const inCopy = new Emulator({ bundleDir: DIST, workbook: copy });
    const again = setUp(inCopy);
    expect(again.message).toBe('Everything was already set up; nothing changed.');
  });

  test('the school’s own workbook is untouched', () => {
    expect(workbook.snapshot()).toEqual(before);
  });

  test('a template with an edited header is a sentence naming the cell, and makes no copy', () => {
    const count = emu.registry.all().length;
    const head = workbook.values(TAB.families)[0] ?? [];
    const state = workbook.sheet(TAB.families);
    const at = head.indexOf('Student Name');
    if (state) workbook.write(state, 0, at, [['Student']]);
    const refused = emu.run('newSchoolFromTemplate', ['Birch Lane Primary'], { user: COACH });
    expect(refused.error?.message).toContain(`Families!${String.fromCharCode(65 + at)}1 says "Student"`);
    expect(emu.registry.all().length).toBe(count);
    if (state) workbook.write(state, 0, at, [['Student Name']]);
  });

  test('a blank name is a sentence and makes no copy', () => {
    const count = emu.registry.all().length;
    const blank = emu.run('newSchoolFromTemplate', ['   '], { user: COACH });
    expect(blank.error?.message).toMatch(/name/);
    expect(emu.registry.all().length).toBe(count);
  });
});
