/**
 * The Summary tab as one block of cells: values, number formats, bold, fills and font colours, each a
 * 2-D array of the same size, so the server writes the whole tab with one setValues and one call per
 * kind of format, whatever the size of the school. Pure; the figures come from src/core/summary.ts.
 *
 * Reading order: the headline (fits a laptop screen, no family notes), then the teacher table with
 * those who need support first, reach by language and grade, the weekly table (the chart sits beside
 * it), overdue follow-ups, recent "what I learned", data quality, and last the two long lists of
 * families not reached yet. Colour always comes with a word (Not started, To fix...). Every string
 * goes through the one cell encoder, so nothing a person typed can become a formula; dates are
 * written as date serial numbers with a date format, so they sort and chart as dates.
 */
import { encodeText } from './cell-encoding';
import type { DataProblem, GroupReach, SummaryFigures, TeacherRow, UnreachedFamily } from './summary';

export type CellFormat = 'text' | 'count' | 'decimal' | 'percent' | 'date';

export interface Cell {
  value: string | number;
  format?: CellFormat;
  bold?: boolean;
  fill?: string;
  color?: string;
}

export interface ChartPlacement {
  /** The weekly table, header row included (1-based sheet coordinates). */
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Where the chart's top-left corner sits. */
  anchorRow: number;
  anchorColumn: number;
  title: string;
}

export interface SummaryLayout {
  width: number;
  height: number;
  values: (string | number)[][];
  numberFormats: string[][];
  fontWeights: ('bold' | 'normal')[][];
  backgrounds: string[][];
  fontColors: string[][];
  columnWidths: number[];
  chart: ChartPlacement | null;
  /** First row (1-based) of each section's heading, by section title. */
  sections: Record<string, number>;
  /** The note on cell A1. */
  headerNote: string;
}

export const SUMMARY_WIDTH = 10;
/** Row 2 of the tab, short enough to read at a glance; HEADER_NOTE (a note on A1) says the rest. */
export const HAND_EDITS =
  'Built by Relationship Calls from Teachers, Families, Call Log and Check-ins. Hand edits on this tab are replaced at each rebuild.';
export const HEADER_NOTE =
  'This tab is rebuilt by Relationship Calls (Extensions > Relationship Calls > Rebuild principal summary, after logged calls, and daily if turned on). Anything typed here is replaced at the next rebuild: keep notes on the Check-ins tab.';
/** Rows the weekly section keeps free beside its table so the chart never covers the next section. */
export const CHART_ROWS = 18;

export const SECTION = {
  headline: 'At a glance',
  teachers: 'Teachers, those who need support first',
  language: 'Reach by preferred language',
  grade: 'Reach by grade',
  weekly: 'Calls and conversations by week',
  followUps: 'Overdue follow-ups',
  learned: 'Recent "what I learned"',
  quality: 'Data quality',
  noAttempt: 'Families with no attempt yet',
  attempted: 'Families tried but not reached yet',
} as const;

export const STATUS_FILL: Record<TeacherRow['status'], string> = {
  'Not started': '#f4cccc',
  'In progress': '#fff2cc',
  Met: '#d9ead3',
  Exceeded: '#b6d7a8',
};
const FILL = {
  heading: '#cfe2f3',
  header: '#eeeeee',
  good: '#d9ead3',
  warn: '#fff2cc',
  bad: '#f4cccc',
  none: '#ffffff',
};
// #555 keeps 4.5:1 (WCAG AA) even on the heading fill; #666 fell to 4.3:1 there.
const NOTE_COLOR = '#555555';
const TEXT_COLOR = '#000000';

const NUMBER_FORMAT: Record<CellFormat, string> = {
  text: '@',
  count: '#,##0',
  decimal: '0.0',
  percent: '0%',
  date: 'yyyy-mm-dd',
};

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
/** A 'YYYY-MM-DD' date as a spreadsheet date serial (days since 1899-12-30), time-zone free. */
export function dateSerial(date: string): number {
  return (
    (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) -
      SERIAL_EPOCH) /
    DAY_MS
  );
}

type CellInput = Cell | string | number | null | undefined;
const text = (value: string, extra: Partial<Cell> = {}): Cell => ({ value, format: 'text', ...extra });
const count = (value: number, extra: Partial<Cell> = {}): Cell => ({ value, format: 'count', ...extra });
const pct = (value: number | null): Cell => (value === null ? text('') : { value, format: 'percent' });
const date = (value: string): Cell => (value ? { value: dateSerial(value), format: 'date' } : text(''));

class Grid {
  readonly rows: Cell[][] = [];
  readonly sections: Record<string, number> = {};
  /** Adds a row; returns its 1-based sheet row. */
  add(cells: readonly CellInput[], extra: Partial<Cell> = {}): number {
    const row = cells.map((c): Cell => {
      const cell =
        c === null || c === undefined
          ? text('')
          : typeof c === 'object'
            ? c
            : typeof c === 'number'
              ? count(c)
              : text(c);
      return { ...extra, ...cell };
    });
    this.rows.push(row);
    return this.rows.length;
  }
  blank(): void {
    this.add([]);
  }
  heading(title: string, note = ''): number {
    const row = this.add([text(title, { bold: true }), note ? text(note, { color: NOTE_COLOR }) : null], {
      fill: FILL.heading,
    });
    // The fill runs across the whole width, so the section reads as a band.
    const cells = this.rows[row - 1] as Cell[];
    while (cells.length < SUMMARY_WIDTH) cells.push(text('', { fill: FILL.heading }));
    this.sections[title] = row;
    return row;
  }
  header(titles: readonly string[]): number {
    return this.add(titles.map((t) => text(t, { bold: true, fill: FILL.header })));
  }
  note(sentence: string): number {
    return this.add([text(sentence, { color: NOTE_COLOR })]);
  }
}

function rowList(rows: readonly number[], shown = 10): string {
  if (!rows.length) return '';
  const head = rows.slice(0, shown).join(', ');
  return rows.length > shown ? `${head} and ${rows.length - shown} more` : head;
}

function groupSection(
  grid: Grid,
  title: string,
  groups: readonly GroupReach[],
  gap: string,
  what: string,
): void {
  grid.heading(title);
  grid.header([what, 'Families', 'Reached', 'Share reached']);
  if (!groups.length) grid.note('No families on the Families tab yet.');
  for (const g of groups) grid.add([g.group, g.families, g.reached, pct(g.share)]);
  grid.add([text(gap, { bold: true })]);
  grid.blank();
}

function familyRows(grid: Grid, families: readonly UnreachedFamily[], withAttempts: boolean): void {
  for (const f of families) {
    const cells: CellInput[] = [f.studentId, f.studentName, f.grade, f.homeroom, f.preferredLanguage];
    if (withAttempts) {
      cells.push(
        f.attempts,
        date(f.lastAttempt),
        text(f.lastOutcome, f.action ? { fill: FILL.warn } : {}),
        text(f.action, f.action ? { fill: FILL.warn, bold: true } : {}),
      );
    }
    grid.add(cells);
  }
}

export interface LayoutContext {
  /** When the rebuild ran, as the principal reads it, e.g. '2026-11-22 09:14'. */
  rebuiltAt: string;
  timeZone: string;
}

export function layoutSummary(f: SummaryFigures, ctx: LayoutContext): SummaryLayout {
  const grid = new Grid();
  const school = [f.schoolName || 'This school', f.schoolYear].filter(Boolean).join(', ');
  grid.add([text(`Relationship calls summary: ${school}`, { bold: true })]);
  grid.note(HAND_EDITS);
  grid.add(['Last rebuilt', `${ctx.rebuiltAt} (${ctx.timeZone})`]);
  const window =
    f.window.start || f.window.end
      ? `${f.window.start || 'no start'} to ${f.window.end || 'no end'}`
      : 'no dates set: every dated call counts';
  grid.add(['Call window', window]);
  grid.blank();

  // The headline: numbers about the school, never a family's notes.
  grid.sections[SECTION.headline] = grid.header([SECTION.headline, 'Number', 'Out of', 'Share', 'Note']);
  const atGoal = f.teachersAtGoal;
  const goalMet = atGoal.share !== null && atGoal.share >= f.schoolGoal;
  const schoolGoalText = `${Math.round(f.schoolGoal * 100)}%`;
  grid.add([
    'Teachers who met or exceeded their goal',
    atGoal.count,
    atGoal.of,
    pct(atGoal.share),
    atGoal.of === 0
      ? text('No teachers on the Teachers tab yet')
      : text(
          goalMet ? `School goal of ${schoolGoalText} met` : `Below the school goal of ${schoolGoalText}`,
          {
            fill: goalMet ? FILL.good : FILL.warn,
            bold: true,
          },
        ),
  ]);
  grid.add(['Families reached', f.familiesReached.count, f.familiesReached.of, pct(f.familiesReached.share)]);
  grid.add([
    'Conversations',
    f.conversations,
    null,
    null,
    `from ${f.calls.toLocaleString('en-US')} calls and attempts`,
  ]);
  grid.add(['Calls this week', f.callsThisWeek, null, null, `week of ${f.weekStart}`]);
  grid.add([
    'Calls per week',
    f.callsPerWeek === null ? text('') : { value: f.callsPerWeek, format: 'decimal' },
    null,
    null,
    f.callsPerWeek === null ? 'no week to count yet' : `average over ${f.weeks.length} weeks (table below)`,
  ]);
  grid.add(['Follow-ups open', f.followUpsOpen]);
  grid.add([
    'Follow-ups overdue',
    f.followUpsOverdue,
    null,
    null,
    f.followUpsOverdue
      ? text('Overdue: listed below', { fill: FILL.bad, bold: true })
      : text('None overdue', { fill: FILL.good }),
  ]);
  grid.add([
    'Conversations in the family’s language or interpreted',
    f.inFamilyLanguage.count,
    f.inFamilyLanguage.of,
    pct(f.inFamilyLanguage.share),
    f.inFamilyLanguage.of ? '' : 'no conversation with a family whose language is recorded',
  ]);
  grid.add([
    'Conversations with strengths recorded',
    f.strengthsRecorded.count,
    f.strengthsRecorded.of,
    pct(f.strengthsRecorded.share),
  ]);
  const noAttemptRow = grid.add(['Families with no attempt yet', f.noAttempt.length]);
  const wrongNumbers = f.attemptedNotReached.filter((x) => x.action).length;
  const attemptedRow = grid.add([
    'Families tried but not reached yet',
    f.attemptedNotReached.length,
    null,
    null,
    wrongNumbers
      ? text(`${wrongNumbers} with a wrong number: office to update contacts`, { fill: FILL.warn })
      : '',
  ]);
  // The gap sentences start in column A: long as they are, they stay on a laptop screen's width.
  grid.add([`Reach by language: ${f.languageGap}`]);
  grid.add([`Reach by grade: ${f.gradeGap}`]);
  grid.blank();

  // Teachers: those who need support first (not started, then lowest share of goal).
  grid.heading(SECTION.teachers, 'Status colours always come with the status word.');
  grid.header([
    'Teacher',
    'Goal',
    'Calls',
    'Conversations',
    'Families reached',
    'Own families reached',
    'Percent of goal',
    'Status',
    'Last call',
    'Last check-in',
  ]);
  if (!f.teacherRows.length) grid.note('No teachers on the Teachers tab yet.');
  for (const t of f.teacherRows) {
    grid.add([
      t.name,
      t.goal,
      t.calls,
      t.conversations,
      t.familiesReached,
      pct(t.ownFamilies ? (t.ownFamilies - t.ownFamiliesNotReached) / t.ownFamilies : null),
      pct(t.goal > 0 ? t.percentOfGoal : null),
      text(t.status, { fill: STATUS_FILL[t.status], bold: true }),
      date(t.lastCall),
      t.lastCheckIn ? date(t.lastCheckIn) : text('none yet', { color: NOTE_COLOR }),
    ]);
  }
  if (f.teacherRows.some((t) => t.defaultGoal)) {
    grid.note(
      `A teacher whose Goal cell is blank has the default goal from Settings. Goals count ${f.teacherRows[0]?.counts.toLowerCase() ?? 'conversations'}.`,
    );
  }
  grid.blank();

  groupSection(grid, SECTION.language, f.byLanguage, f.languageGap, 'Preferred language');
  groupSection(grid, SECTION.grade, f.byGrade, f.gradeGap, 'Grade');

  // Weekly table; the chart sits to its right, and the section keeps room for it.
  const weeklyHeading = grid.heading(SECTION.weekly);
  const weeklyHeader = grid.header(['Week of (Monday)', 'Calls', 'Conversations']);
  for (const w of f.weeks) grid.add([date(w.weekOf), w.calls, w.conversations]);
  if (!f.weeks.length) grid.note('No week to show yet: set the call window in Settings, or log a call.');
  if (f.weeksCut) grid.note(`Only the most recent ${f.weeks.length} weeks are shown.`);
  while (grid.rows.length < weeklyHeading + CHART_ROWS) grid.blank();
  const chart: ChartPlacement | null = f.weeks.length
    ? {
        row: weeklyHeader,
        column: 1,
        numRows: f.weeks.length + 1,
        numColumns: 3,
        anchorRow: weeklyHeading + 1,
        anchorColumn: 5,
        title: 'Calls and conversations by week',
      }
    : null;
  grid.blank();

  grid.heading(SECTION.followUps, 'Oldest first. Tick Follow-up Done on the Call Log when done.');
  grid.header(['Due', 'Teacher', 'Student ID', 'Student', 'Follow-up']);
  if (!f.overdueFollowUps.length) grid.note('None overdue.');
  for (const x of f.overdueFollowUps)
    grid.add([date(x.due), x.teacher, x.studentId, x.studentName, x.followUp]);
  if (f.followUpsOverdue > f.overdueFollowUps.length) {
    grid.note(
      `${f.followUpsOverdue - f.overdueFollowUps.length} more overdue: filter the Call Log on Follow-up By.`,
    );
  }
  grid.blank();

  grid.heading(SECTION.learned, 'For check-in conversations. Newest first.');
  grid.header(['Date', 'Teacher', 'Student', 'What I learned']);
  if (!f.learned.length) grid.note('Nothing recorded yet.');
  for (const x of f.learned) grid.add([date(x.date), x.teacher, x.studentName, x.learned]);
  grid.blank();

  grid.heading(
    SECTION.quality,
    'Rows on other tabs worth fixing; the figures above count them as described.',
  );
  grid.header(['Problem', 'Check', 'Rows', 'Tab', 'Row numbers', 'What to do']);
  for (const p of f.problems as DataProblem[]) {
    grid.add([
      p.problem,
      p.rows.length ? text('To fix', { fill: FILL.warn, bold: true }) : text('OK', { fill: FILL.good }),
      p.rows.length,
      p.tab,
      rowList(p.rows),
      p.fix,
    ]);
  }
  grid.blank();

  const noAttemptHeading = grid.heading(SECTION.noAttempt, 'By homeroom teacher.');
  grid.header(['Student ID', 'Student', 'Grade', 'Homeroom teacher', 'Preferred language']);
  if (!f.noAttempt.length) grid.note('None: every family has had at least one call or attempt.');
  familyRows(grid, f.noAttempt, false);
  grid.blank();

  const attemptedHeading = grid.heading(
    SECTION.attempted,
    'Wrong numbers first: the office can update them.',
  );
  grid.header([
    'Student ID',
    'Student',
    'Grade',
    'Homeroom teacher',
    'Preferred language',
    'Attempts',
    'Last attempt',
    'Last outcome',
    'What to do',
  ]);
  if (!f.attemptedNotReached.length) grid.note('None.');
  familyRows(grid, f.attemptedNotReached, true);

  // Point the headline at the long lists.
  (grid.rows[noAttemptRow - 1] as Cell[])[4] = text(`listed from row ${noAttemptHeading}`, {
    color: NOTE_COLOR,
  });
  const attemptedNote = (grid.rows[attemptedRow - 1] as Cell[])[4] as Cell;
  const where = `listed from row ${attemptedHeading}`;
  (grid.rows[attemptedRow - 1] as Cell[])[4] = attemptedNote.value
    ? { ...attemptedNote, value: `${where}; ${attemptedNote.value}` }
    : text(where, { color: NOTE_COLOR });

  return toLayout(grid, chart);
}

function toLayout(grid: Grid, chart: ChartPlacement | null): SummaryLayout {
  const width = SUMMARY_WIDTH;
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  const fontWeights: ('bold' | 'normal')[][] = [];
  const backgrounds: string[][] = [];
  const fontColors: string[][] = [];
  for (const row of grid.rows) {
    const v: (string | number)[] = [];
    const nf: string[] = [];
    const fw: ('bold' | 'normal')[] = [];
    const bg: string[] = [];
    const fc: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      const value = cell?.value ?? '';
      v.push(typeof value === 'string' ? encodeText(value) : value);
      nf.push(NUMBER_FORMAT[cell?.format ?? 'text']);
      fw.push(cell?.bold ? 'bold' : 'normal');
      bg.push(cell?.fill ?? FILL.none);
      fc.push(cell?.color ?? TEXT_COLOR);
    }
    values.push(v);
    numberFormats.push(nf);
    fontWeights.push(fw);
    backgrounds.push(bg);
    fontColors.push(fc);
  }
  return {
    width,
    height: values.length,
    values,
    numberFormats,
    fontWeights,
    backgrounds,
    fontColors,
    // Column A holds the headline labels and teacher names; A to E hold the whole headline.
    columnWidths: [360, 110, 110, 110, 130, 130, 120, 130, 130, 260],
    chart,
    sections: { ...grid.sections },
    headerNote: HEADER_NOTE,
  };
}
