/**
 * The goal formulas on the Teachers and Families tabs, as formula text. They compute in the sheet what
 * src/core/progress.ts computes in code (the reference definitions), so a row typed into the Call Log by
 * hand, or a sorted log, is counted at once without the add-on running.
 *
 * Shape, and why (every function and shape here is in emulator/SHEETS-BEHAVIOUR.md with its source):
 * - One formula per row, referring to its own row only (`=IF($E5="","",COUNTIFS(...,$E5,...))`), written
 *   for every row up to a bound so a teacher or family typed by hand is covered. When a principal sorts
 *   the tab (Data > Sort range, header excluded) each formula moves with its row and still reads that
 *   row, so every figure stays beside its own teacher or family without set-up running again.
 *   Array formulas in row 2 did not survive a sort (the formula cell moved with its row), and MAXIFS,
 *   which Last Call and Last Contact need, does not expand inside ARRAYFORMULA in Sheets.
 * - Families Reached (distinct families per teacher) is COUNTUNIQUEIFS, which counts distinct values
 *   under criteria and is 0 when none match (support.google.com/docs/answer/9584429).
 * - Only COUNTIFS, MAXIFS, COUNTUNIQUEIFS, INDEX/MATCH, IF, IFERROR, ISNUMBER, INT. Nothing volatile.
 *   Ranges are whole columns (A:A), never open-ended.
 * - Settings are looked up by their label (INDEX/MATCH on the Setting column), so the principal may
 *   reorder the Settings rows. A missing or unusable setting falls back as parseSettings does: an open
 *   window side, the default goal of the schema (SETTING_DEFAULTS), Conversations.
 *
 * Matching: emails compare case-insensitively (criteria ignore case). Student IDs are text (set-up
 * formats the id columns as plain text): a text criterion matches the same text. A call counts when
 * its Call Date is a date (with or without a time of day) on a day inside the window: date criteria
 * match numbers only, so a date typed as text is not counted (records.ts reads it the same way, and
 * set-up's validation rejects it). Outcome must be Reached in any case but otherwise exactly: a criterion
 * ignores case and does not trim, so ' Reached ' is not counted (progress.ts isReached compares the same
 * way, and the Summary lists such rows under Data quality). Column letters come from the sheets as they
 * are: set-up rewrites these formulas whenever the columns they read have moved (it compares the text).
 */

import {
  CALL_LOG,
  FAMILIES,
  REACHED,
  SETTING_DEFAULTS,
  SETTINGS,
  type SettingKey,
  TEACHERS,
} from '../common/schema';
import { dateSerial } from './dates';

/** Rows (after the header) the Teachers formulas cover; DOMAIN.md plans for up to 120 staff. */
export const TEACHER_FORMULA_ROWS = 250;
/** Rows the Families formulas cover; DOMAIN.md plans for up to 1,500 students. */
export const FAMILY_FORMULA_ROWS = 2000;
/** Latest date serial Sheets accepts (9999-12-31): the last day of an open call window. */
const OPEN_END = dateSerial('9999-12-31');
/** Default goal when Settings has none (the schema's default, as parseSettings reads it). */
const FALLBACK_GOAL = SETTING_DEFAULTS.defaultGoal;

/** Where the columns the formulas read are, as column letters ('E'). */
export interface FormulaLayout {
  settings: { label: string; value: string };
  teachers: Record<string, string>;
  families: Record<string, string>;
  callLog: Record<string, string>;
}

/** What set-up writes for one formula column: one formula per row, for `rows` rows after the header. */
export interface ColumnFormula {
  header: string;
  rows: number;
  formulaForRow(row: number): string;
}

/** A sheet name as Sheets writes it in a formula: quoted only when it needs to be ('Call Log'). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
const str = (text: string) => `"${text.replace(/"/g, '""')}"`;

function need(map: Record<string, string>, header: string, tab: string): string {
  const letter = map[header];
  if (!letter) throw new Error(`goal formulas need the "${header}" column of ${tab}`);
  return letter;
}

function settingRef(layout: FormulaLayout, key: SettingKey): string {
  const label = SETTINGS.find((s) => s.key === key)?.label ?? key;
  const { label: l, value: v } = layout.settings;
  return `IFERROR(INDEX(Settings!$${v}:$${v},MATCH(${str(label)},Settings!$${l}:$${l},0)),"")`;
}

/**
 * The call window as criteria on a date column: from the start day's midnight, up to but not including
 * the midnight after the end day. A Call Date holding a time of day (14:00 on the last day) is a serial
 * with a fraction, and counts on its day, as records.ts reads it (the day in the spreadsheet's time
 * zone); `"<="&end` would have dropped it. INT reads a window typed with a time as its day, as
 * parseSettings does. A blank or non-date side is open.
 */
function inWindowCriteria(layout: FormulaLayout, date: string): string {
  const start = settingRef(layout, 'windowStart');
  const end = settingRef(layout, 'windowEnd');
  const lo = `IF(ISNUMBER(${start}),INT(${start}),1)`;
  const afterEnd = `(IF(ISNUMBER(${end}),INT(${end}),${OPEN_END})+1)`;
  return `${date},">="&${lo},${date},"<"&${afterEnd}`;
}

function logColumns(layout: FormulaLayout) {
  const log = quoteSheet(CALL_LOG.name);
  const col = (header: string) => {
    const l = need(layout.callLog, header, CALL_LOG.name);
    return `${log}!$${l}:$${l}`;
  };
  return {
    teacher: col('Teacher Email'),
    date: col('Call Date'),
    student: col('Student ID'),
    outcome: col('Outcome'),
  };
}

/** A column of per-row formulas: blank where the row's key cell is blank. */
function perRow(header: string, rows: number, key: string, body: (row: number) => string): ColumnFormula {
  return { header, rows, formulaForRow: (row) => `=IF($${key}${row}="","",${body(row)})` };
}

export function teacherFormulas(layout: FormulaLayout): ColumnFormula[] {
  const t = (header: string) => need(layout.teachers, header, TEACHERS.name);
  const cell = (header: string, row: number) => `$${t(header)}${row}`;
  const key = t('Email');
  const log = logColumns(layout);
  const inWindow = inWindowCriteria(layout, log.date);
  const reached = `${log.outcome},${str(REACHED)}`;

  const fam = quoteSheet(FAMILIES.name);
  const famCol = (header: string) => {
    const l = need(layout.families, header, FAMILIES.name);
    return `${fam}!$${l}:$${l}`;
  };
  const homeroom = famCol('Homeroom Teacher Email');

  const defaultGoalCell = settingRef(layout, 'defaultGoal');
  const defaultGoal = `IF(ISNUMBER(${defaultGoalCell}),${defaultGoalCell},${FALLBACK_GOAL})`;
  // A whole number of 0 or more, else the default (records.ts reads "ten" or 7.5 as no goal).
  const goal = (row: number) => {
    const g = cell('Goal', row);
    return `IF(IFERROR(ISNUMBER(${g})*(${g}>=0)*(INT(${g})=${g}),0),${g},${defaultGoal})`;
  };
  const counts = settingRef(layout, 'goalCounts');
  const done = (row: number) =>
    `IF(${counts}="Attempts",${cell('Calls Logged', row)},${cell('Conversations', row)})`;
  const rows = TEACHER_FORMULA_ROWS;
  const me = (row: number) => cell('Email', row);
  const ownFamilies = (row: number) => `COUNTIFS(${homeroom},${me(row)})`;

  return [
    perRow('Calls Logged', rows, key, (r) => `COUNTIFS(${log.teacher},${me(r)},${inWindow})`),
    perRow('Conversations', rows, key, (r) => `COUNTIFS(${log.teacher},${me(r)},${reached},${inWindow})`),
    perRow(
      'Families Reached',
      rows,
      key,
      (r) =>
        `COUNTUNIQUEIFS(${log.student},${log.teacher},${me(r)},${reached},${log.student},"<>",${inWindow})`,
    ),
    // The sidebar and every save read this count from the teacher's row rather than count Families.
    perRow('Own Families', rows, key, ownFamilies),
    perRow('Own Families Reached', rows, key, (r) => {
      const own = ownFamilies(r);
      return `IF(${own}=0,"",COUNTIFS(${homeroom},${me(r)},${famCol('Reached')},"Yes")/${own})`;
    }),
    perRow('Percent of Goal', rows, key, (r) => `IF(${goal(r)}=0,"",${done(r)}/${goal(r)})`),
    perRow(
      'Status',
      rows,
      key,
      (r) =>
        `IF(${cell('Calls Logged', r)}=0,"Not started",IF(${done(r)}<${goal(r)},"In progress",IF(${done(r)}=${goal(r)},"Met","Exceeded")))`,
    ),
    // Calls Logged is 0 exactly when there is no counted call (MAXIFS would say 0, not blank).
    perRow(
      'Last Call',
      rows,
      key,
      (r) => `IF(${cell('Calls Logged', r)}=0,"",MAXIFS(${log.date},${log.teacher},${me(r)},${inWindow}))`,
    ),
  ];
}

export function familyFormulas(layout: FormulaLayout): ColumnFormula[] {
  const key = need(layout.families, 'Student ID', FAMILIES.name);
  const id = (row: number) => `$${key}${row}`;
  const attempts = (row: number) => `$${need(layout.families, 'Attempts', FAMILIES.name)}${row}`;
  const log = logColumns(layout);
  const inWindow = inWindowCriteria(layout, log.date);
  const rows = FAMILY_FORMULA_ROWS;
  return [
    perRow('Attempts', rows, key, (r) => `COUNTIFS(${log.student},${id(r)},${inWindow})`),
    perRow(
      'Reached',
      rows,
      key,
      (r) => `IF(COUNTIFS(${log.student},${id(r)},${log.outcome},${str(REACHED)},${inWindow})>0,"Yes","No")`,
    ),
    perRow(
      'Last Contact',
      rows,
      key,
      (r) => `IF(${attempts(r)}=0,"",MAXIFS(${log.date},${log.student},${id(r)},${inWindow}))`,
    ),
  ];
}

/** The formula columns of a table, by its key (empty for tables without formulas). */
export function formulasFor(tableKey: string, layout: FormulaLayout): ColumnFormula[] {
  if (tableKey === TEACHERS.key) return teacherFormulas(layout);
  if (tableKey === FAMILIES.key) return familyFormulas(layout);
  return [];
}
