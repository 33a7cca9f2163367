/**
 * The school at the size DOMAIN.md plans for: 100 teachers and 5,000 call rows, measured through the
 * emulator's SpreadsheetApp as a script sees it: what one logged call costs in the sheet, i.e.
 * `Sheet.appendRow` on the Call Log and `Range.getValues` of the Teachers totals, recalculated
 * (target under 300 ms). Three layouts of the Teachers totals:
 * - the add-on's own: dist/Code.js's setUpSchool writes src/core/goal-formulas.ts (ARRAYFORMULA
 *   columns, per-row Families Reached, the Families tab's columns), then the demo school is appended;
 * - per-row COUNTIFS (two per teacher), and one ARRAYFORMULA per column (two columns): the shapes we
 *   weighed before choosing, on the same engine path.
 */
import { join } from 'node:path';
import { Emulator, Workbook } from '../../emulator';
import { CALL_LOG, TEACHERS } from '../../src/common/schema';
import { root } from '../build';
import { type DemoValue, dataHeaders, demoTables, generateDemoSchool, toRows } from '../fixtures/demo-school';
import { benchCase } from './case';

const TEACHER_COUNT = 100;
const CALL_COUNT = 5000;
const SIZE = `${TEACHER_COUNT} teachers x ${CALL_COUNT} calls`;
const PRINCIPAL = 'principal@bench.example';

type Layout = 'add-on goal formulas' | 'per-row COUNTIFS' | 'one ARRAYFORMULA per column';

/** The script a bench run executes: the sheet half of logging a call, then reading the totals. */
const SCRIPT = `
function appendAndRead(row, column, rows, columns) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.getSheetByName(${JSON.stringify(CALL_LOG.name)}).appendRow(row);
  return ss.getSheetByName(${JSON.stringify(TEACHERS.name)}).getRange(2, column, rows, columns).getValues();
}`;

function letter(headers: string[], header: string): string {
  const index = headers.indexOf(header);
  if (index < 0 || index > 25) throw new Error(`No single-letter column ${header}`);
  return String.fromCharCode(65 + index);
}

interface School {
  emu: Emulator;
  workbook: Workbook;
  /** 1-based column of Calls Logged on Teachers (Conversations is the next one). */
  totalsColumn: number;
  /** The row appended: a call of the first teacher. */
  sample: DemoValue[];
  /** The first teacher's Calls Logged before the next append. */
  expected: number;
}

function demoSchool() {
  return generateDemoSchool({ teachers: TEACHER_COUNT, calls: CALL_COUNT, families: 1500 });
}

/** dist/Code.js sets the school up (its real formulas), then the demo rows are appended. */
function addOnSchool(): Omit<School, 'expected' | 'sample'> & { sample: DemoValue[] } {
  const workbook = new Workbook({ name: 'Bench Elementary', timeZone: 'America/New_York' });
  workbook.setSheet('Sheet1', []);
  const setup = new Emulator({ bundleDir: join(root, 'dist'), workbook });
  const run = setup.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  if (run.error) throw run.error;
  const tables = demoTables(demoSchool());
  for (const { spec, rows } of tables) workbook.appendRows(spec.name, rows);
  const header = (workbook.values(TEACHERS.name)[0] ?? []).map(String);
  const calls = tables.find((t) => t.spec === CALL_LOG)?.rows ?? [];
  return {
    emu: new Emulator({ code: SCRIPT, workbook }),
    workbook,
    totalsColumn: header.indexOf('Calls Logged') + 1,
    sample: calls[0] ?? [],
  };
}

function syntheticSchool(layout: Exclude<Layout, 'add-on goal formulas'>) {
  const school = demoSchool();
  const logHeaders = dataHeaders(CALL_LOG);
  const teacherHeaders = dataHeaders(TEACHERS);
  const logRows = toRows(CALL_LOG, school.calls);
  const email = letter(teacherHeaders, 'Email');
  const logEmail = letter(logHeaders, 'Teacher Email');
  const outcome = letter(logHeaders, 'Outcome');
  const log = `'${CALL_LOG.name}'`;
  const last = TEACHER_COUNT + 1;
  const teacherRows: DemoValue[][] = toRows(TEACHERS, school.teachers).map((row, i) => {
    const r = i + 2;
    if (layout === 'per-row COUNTIFS') {
      return [
        ...row,
        `=COUNTIFS(${log}!$${logEmail}:$${logEmail},$${email}${r})`,
        `=COUNTIFS(${log}!$${logEmail}:$${logEmail},$${email}${r},${log}!$${outcome}:$${outcome},"Reached")`,
      ];
    }
    if (i > 0) return [...row, '', ''];
    return [
      ...row,
      `=ARRAYFORMULA(IF(${email}2:${email}${last}="","",COUNTIFS(${log}!${logEmail}:${logEmail},${email}2:${email}${last})))`,
      `=ARRAYFORMULA(IF(${email}2:${email}${last}="","",COUNTIFS(${log}!${logEmail}:${logEmail},${email}2:${email}${last},${log}!${outcome}:${outcome},"Reached")))`,
    ];
  });
  const workbook = new Workbook({ name: 'Bench Elementary', timeZone: 'America/New_York' });
  workbook.setSheet(CALL_LOG.name, [logHeaders, ...logRows]);
  workbook.setSheet(TEACHERS.name, [[...teacherHeaders, 'Calls Logged', 'Conversations'], ...teacherRows]);
  return {
    emu: new Emulator({ code: SCRIPT, workbook }),
    workbook,
    totalsColumn: teacherHeaders.length + 1,
    sample: logRows[0] ?? [],
  };
}

function buildSchool(layout: Layout): School {
  const built = layout === 'add-on goal formulas' ? addOnSchool() : syntheticSchool(layout);
  const teacherEmail = (built.workbook.values(TEACHERS.name)[1] ?? [])[1];
  const logHeaders = (built.workbook.values(CALL_LOG.name)[0] ?? []).map(String);
  const sample = [...built.sample];
  sample[logHeaders.indexOf('Teacher Email')] = String(teacherEmail);
  const first = built.workbook.values(TEACHERS.name)[1]?.[built.totalsColumn - 1];
  return { ...built, sample, expected: Number(first) };
}

function cases(layout: Layout) {
  return [
    benchCase({
      name: `school (emulator): build with ${layout} on Teachers, read the totals`,
      size: SIZE,
      runs: 3,
      setup: () => undefined,
      measure: () => {
        buildSchool(layout);
        return undefined;
      },
    }),
    benchCase({
      name: `school (emulator): Sheet.appendRow of one call, getValues of the recalculated totals (${layout})`,
      size: SIZE,
      runs: 7,
      setup: () => buildSchool(layout),
      measure: (school) => {
        const run = school.emu.run('appendAndRead', [school.sample, school.totalsColumn, TEACHER_COUNT, 2], {
          user: PRINCIPAL,
        });
        if (run.error) throw run.error;
        school.expected += 1;
        const got = (run.result as unknown[][])[0]?.[0];
        if (got !== school.expected)
          throw new Error(`Calls Logged of the first teacher is ${got}, expected ${school.expected}.`);
        return run;
      },
    }),
  ];
}

export const schoolCases = [
  ...cases('add-on goal formulas'),
  ...cases('per-row COUNTIFS'),
  ...cases('one ARRAYFORMULA per column'),
];
