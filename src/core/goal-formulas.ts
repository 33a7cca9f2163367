/**
 * The goal formulas on the Teachers and Families tabs, as formula text. They compute in the sheet what
 * src/core/progress.ts computes in code (the reference definitions), so a row typed into the Call Log by
 * hand, or a sorted log, is counted at once without the add-on running.
 *
 * Shape, and why:
 * - Most columns are ONE formula in row 2, `=ARRAYFORMULA(IF(email="","",COUNTIFS(...)))`, covering
 *   every row up to a bound, so rows typed later are covered and a hand edit of one cell cannot hide a
 *   stale per-row copy. We tried the header-cell form `={"Calls Logged"; ARRAYFORMULA(...)}` (which
 *   survives sorting the tab): HyperFormula does not track the ranges inside an array literal, so its
 *   values went stale when a row changed. Row 2 it is; set-up repairs it if a sort moves it.
 * - Families Reached (distinct families per teacher) cannot be one array: neither engine can count
 *   distinct values per row of an array without LAMBDA, which HyperFormula lacks. So it is one formula
 *   per row, `COUNTUNIQUE(FILTER(student ids, this teacher, Reached, inside the window))`, written for
 *   every row up to TEACHER_FORMULA_ROWS so a teacher typed by hand is covered too. A helper column on
 *   the Call Log was the alternative; we rejected it because the log is appended to by the row after
 *   the last one with content, and an array helper would fill the log to its bound.
 * - Only COUNTIFS, MAXIFS, FILTER, COUNTUNIQUE, INDEX/MATCH, IF, IFERROR, ISNUMBER, INT: functions
 *   Sheets and HyperFormula evaluate alike. Nothing volatile. Ranges are whole columns (A:A) or
 *   bounded (A2:A500), never open-ended.
 * - Settings are looked up by their label (INDEX/MATCH on the Setting column), so the principal may
 *   reorder the Settings rows. A missing or unusable setting falls back as parseSettings does: an open
 *   window side, the default goal 10, Conversations.
 *
 * Matching: emails compare case-insensitively in both engines (COUNTIFS and `=` ignore case), Student
 * IDs as typed. A call counts when its Call Date is a date inside the window: COUNTIFS date criteria
 * skip text and blanks. Outcome must be Reached (any case); the Outcome dropdown keeps it exact.
 * Column letters come from the sheets as they are: set-up rewrites these formulas whenever the
 * columns they read have moved (it compares the formula text).
 */
import { CALL_LOG, FAMILIES, REACHED, SETTINGS, type SettingKey, TEACHERS } from '../common/schema';

/** Rows (after the header) the Teachers formulas cover; DOMAIN.md plans for up to 120 staff. */
export const TEACHER_FORMULA_ROWS = 250;
/** Rows the Families formulas cover; DOMAIN.md plans for up to 1,500 students. */
export const FAMILY_FORMULA_ROWS = 2000;
/** Latest date serial Sheets accepts (9999-12-31): the upper bound of an open call window. */
const OPEN_END = 2958465;
/** Default goal when Settings has none (as parseSettings). */
const FALLBACK_GOAL = 10;

/** Where the columns the formulas read are, as column letters ('E'). */
export interface FormulaLayout {
  settings: { label: string; value: string };
  teachers: Record<string, string>;
  families: Record<string, string>;
  callLog: Record<string, string>;
}

/** What set-up writes for one formula column. */
export type ColumnFormula =
  | { header: string; kind: 'array'; formula: string }
  | { header: string; kind: 'rows'; rows: number; formulaForRow(row: number): string };

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

function windowBounds(layout: FormulaLayout): { lo: string; hi: string } {
  const start = settingRef(layout, 'windowStart');
  const end = settingRef(layout, 'windowEnd');
  return { lo: `IF(ISNUMBER(${start}),${start},1)`, hi: `IF(ISNUMBER(${end}),${end},${OPEN_END})` };
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

/** One formula in row 2 whose array covers the whole column. */
function columnArray(body: string): string {
  return `=ARRAYFORMULA(${body})`;
}

export function teacherFormulas(layout: FormulaLayout): ColumnFormula[] {
  const t = (header: string) => need(layout.teachers, header, TEACHERS.name);
  const last = TEACHER_FORMULA_ROWS + 1;
  const range = (header: string) => `$${t(header)}$2:$${t(header)}$${last}`;
  const email = range('Email');
  const blank = `${email}=""`;
  const log = logColumns(layout);
  const { lo, hi } = windowBounds(layout);
  const inWindow = `${log.date},">="&${lo},${log.date},"<="&${hi}`;
  const calls = `COUNTIFS(${log.teacher},${email},${inWindow})`;
  const conversations = `COUNTIFS(${log.teacher},${email},${log.outcome},${str(REACHED)},${inWindow})`;
  const lastCall = `MAXIFS(${log.date},${log.teacher},${email},${inWindow})`;

  const fam = quoteSheet(FAMILIES.name);
  const famCol = (header: string) => {
    const l = need(layout.families, header, FAMILIES.name);
    return `${fam}!$${l}:$${l}`;
  };
  const homeroom = famCol('Homeroom Teacher Email');
  const ownAll = `COUNTIFS(${homeroom},${email})`;
  const ownReached = `COUNTIFS(${homeroom},${email},${famCol('Reached')},"Yes")`;

  const goalCell = range('Goal');
  const defaultGoalCell = settingRef(layout, 'defaultGoal');
  const defaultGoal = `IF(ISNUMBER(${defaultGoalCell}),${defaultGoalCell},${FALLBACK_GOAL})`;
  // A whole number of 0 or more, else the default (records.ts reads "ten" or 7.5 as no goal).
  const goal = `IF(IFERROR(ISNUMBER(${goalCell})*(${goalCell}>=0)*(INT(${goalCell})=${goalCell}),0),${goalCell},${defaultGoal})`;
  const counts = settingRef(layout, 'goalCounts');
  const done = `IF(${counts}="Attempts",${range('Calls Logged')},${range('Conversations')})`;

  // FILTER with no match is #N/A in Sheets but an empty array HyperFormula counts as one value: the
  // COUNTIFS guard makes both 0 (and skips the FILTER for teachers with no conversation).
  const studentRow = (row: number) => {
    const me = `$${t('Email')}${row}`;
    return (
      `=IF(${me}="","",IF(COUNTIFS(${log.teacher},${me},${log.outcome},${str(REACHED)},${log.student},"<>",${inWindow})=0,0,` +
      `COUNTUNIQUE(FILTER(${log.student},${log.teacher}=${me},${log.outcome}=${str(REACHED)},` +
      `${log.date}>=${lo},${log.date}<=${hi},${log.student}<>""))))`
    );
  };

  return [
    { header: 'Calls Logged', kind: 'array', formula: columnArray(`IF(${blank},"",${calls})`) },
    {
      header: 'Conversations',
      kind: 'array',
      formula: columnArray(`IF(${blank},"",${conversations})`),
    },
    { header: 'Families Reached', kind: 'rows', rows: TEACHER_FORMULA_ROWS, formulaForRow: studentRow },
    {
      header: 'Own Families Reached',
      kind: 'array',
      formula: columnArray(`IF(${blank},"",IF(${ownAll}=0,"",${ownReached}/${ownAll}))`),
    },
    {
      header: 'Percent of Goal',
      kind: 'array',
      formula: columnArray(`IF(${blank},"",IF(${goal}=0,"",${done}/${goal}))`),
    },
    {
      header: 'Status',
      kind: 'array',
      formula: columnArray(
        `IF(${blank},"",IF(${range('Calls Logged')}=0,"Not started",IF(${done}<${goal},"In progress",IF(${done}=${goal},"Met","Exceeded"))))`,
      ),
    },
    {
      header: 'Last Call',
      kind: 'array',
      // Calls Logged is 0 exactly when there is no counted call: one MAXIFS instead of two.
      formula: columnArray(`IF(${blank},"",IF(${range('Calls Logged')}=0,"",${lastCall}))`),
    },
  ];
}

export function familyFormulas(layout: FormulaLayout): ColumnFormula[] {
  const f = need(layout.families, 'Student ID', FAMILIES.name);
  const ids = `$${f}$2:$${f}$${FAMILY_FORMULA_ROWS + 1}`;
  const blank = `${ids}=""`;
  const log = logColumns(layout);
  const { lo, hi } = windowBounds(layout);
  const inWindow = `${log.date},">="&${lo},${log.date},"<="&${hi}`;
  const attempts = `COUNTIFS(${log.student},${ids},${inWindow})`;
  const reached = `COUNTIFS(${log.student},${ids},${log.outcome},${str(REACHED)},${inWindow})`;
  const last = `MAXIFS(${log.date},${log.student},${ids},${inWindow})`;
  const a = need(layout.families, 'Attempts', FAMILIES.name);
  const attemptsCol = `$${a}$2:$${a}$${FAMILY_FORMULA_ROWS + 1}`;
  return [
    { header: 'Attempts', kind: 'array', formula: columnArray(`IF(${blank},"",${attempts})`) },
    {
      header: 'Reached',
      kind: 'array',
      formula: columnArray(`IF(${blank},"",IF(${reached}>0,"Yes","No"))`),
    },
    {
      header: 'Last Contact',
      kind: 'array',
      formula: columnArray(`IF(${blank},"",IF(${attemptsCol}=0,"",${last}))`),
    },
  ];
}

/** The formula columns of a table, by its key (empty for tables without formulas). */
export function formulasFor(tableKey: string, layout: FormulaLayout): ColumnFormula[] {
  if (tableKey === TEACHERS.key) return teacherFormulas(layout);
  if (tableKey === FAMILIES.key) return familyFormulas(layout);
  return [];
}
