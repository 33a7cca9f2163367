/**
 * The school at the size DOMAIN.md plans for: 100 teachers and 5,000 call rows, with COUNTIFS on the
 * Teachers tab counting the Call Log, measured on HyperFormula (the engine under the emulator's
 * workbook): building it, and what one logged call costs: append one row, read the recalculated
 * totals (target under 300 ms). Measured on the engine directly until emulator/spreadsheet's
 * Workbook lands; then these cases should go through Workbook and a script run.
 */
import { HyperFormula } from 'hyperformula';
import { CALL_LOG, TEACHERS } from '../../src/common/schema';
import { type DemoValue, dataHeaders, generateDemoSchool, toRows } from '../demo-data';
import { benchCase } from './case';

const TEACHER_COUNT = 100;
const CALL_COUNT = 5000;
const SIZE = `${TEACHER_COUNT} teachers x ${CALL_COUNT} calls`;

type Layout = 'per-row COUNTIFS' | 'one ARRAYFORMULA per column';

function letter(headers: string[], header: string): string {
  const index = headers.indexOf(header);
  if (index < 0 || index > 25) throw new Error(`No single-letter column ${header}`);
  return String.fromCharCode(65 + index);
}

interface School {
  hf: HyperFormula;
  log: number;
  teachers: number;
  /** Data rows of the Call Log so far (the next row goes below). */
  logRows: number;
  sample: DemoValue[];
  totalsColumn: number;
}

function buildSchool(layout: Layout): School {
  const school = generateDemoSchool({ teachers: TEACHER_COUNT, calls: CALL_COUNT, families: 1500 });
  const logHeaders = dataHeaders(CALL_LOG);
  const teacherHeaders = dataHeaders(TEACHERS);
  const logRows = toRows(CALL_LOG, school.calls);
  const email = letter(teacherHeaders, 'Email');
  const logEmail = letter(logHeaders, 'Teacher Email');
  const outcome = letter(logHeaders, 'Outcome');
  const log = `'${CALL_LOG.name}'`;
  const last = TEACHER_COUNT + 1;
  const teacherRows: (DemoValue | null)[][] = toRows(TEACHERS, school.teachers).map((row, i) => {
    const r = i + 2;
    if (layout === 'per-row COUNTIFS') {
      return [
        ...row,
        `=COUNTIFS(${log}!$${logEmail}:$${logEmail},$${email}${r})`,
        `=COUNTIFS(${log}!$${logEmail}:$${logEmail},$${email}${r},${log}!$${outcome}:$${outcome},"Reached")`,
      ];
    }
    if (i > 0) return [...row, null, null];
    return [
      ...row,
      `=ARRAYFORMULA(IF(${email}2:${email}${last}="","",COUNTIFS(${log}!${logEmail}:${logEmail},${email}2:${email}${last})))`,
      `=ARRAYFORMULA(IF(${email}2:${email}${last}="","",COUNTIFS(${log}!${logEmail}:${logEmail},${email}2:${email}${last},${log}!${outcome}:${outcome},"Reached")))`,
    ];
  });
  const hf = HyperFormula.buildFromSheets(
    {
      [CALL_LOG.name]: [logHeaders, ...logRows],
      [TEACHERS.name]: [[...teacherHeaders, 'Calls Logged', 'Conversations'], ...teacherRows],
    },
    { licenseKey: 'gpl-v3' },
  );
  const sheet = (name: string) => {
    const id = hf.getSheetId(name);
    if (id === undefined) throw new Error(`No sheet ${name}`);
    return id;
  };
  return {
    hf,
    log: sheet(CALL_LOG.name),
    teachers: sheet(TEACHERS.name),
    logRows: logRows.length,
    sample: logRows[0] ?? [],
    totalsColumn: teacherHeaders.length,
  };
}

/** The Calls Logged and Conversations of every teacher, after the engine recalculated. */
function totals(school: School): unknown[][] {
  return school.hf.getRangeValues({
    start: { sheet: school.teachers, row: 1, col: school.totalsColumn },
    end: { sheet: school.teachers, row: TEACHER_COUNT, col: school.totalsColumn + 1 },
  });
}

function cases(layout: Layout) {
  return [
    benchCase({
      name: `school (HyperFormula): build with ${layout} on Teachers, read the totals`,
      size: SIZE,
      runs: 3,
      setup: () => undefined,
      measure: () => {
        totals(buildSchool(layout));
        return undefined;
      },
    }),
    benchCase({
      name: `school (HyperFormula): append one call row, read the recalculated totals (${layout})`,
      size: SIZE,
      runs: 7,
      setup: () => buildSchool(layout),
      measure: (school) => {
        school.logRows += 1;
        school.hf.setCellContents({ sheet: school.log, row: school.logRows, col: 0 }, [school.sample]);
        const before = Number(totals(school).reduce((sum, row) => sum + Number(row[0]), 0));
        if (before !== school.logRows)
          throw new Error(`Totals ${before} do not count ${school.logRows} rows.`);
        return undefined;
      },
    }),
  ];
}

export const schoolCases = [...cases('per-row COUNTIFS'), ...cases('one ARRAYFORMULA per column')];
