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
import { dateSerial } from './dates';
import type { DataProblem, GroupReach, SummaryFigures, TeacherRow, UnreachedFamily } from './summary';

export type CellFormat = 'text' | 'count' | 'decimal' | 'percent' | 'date';

export interface Cell {
  value: string | number;
  format?: CellFormat;
  bold?: boolean;
  fill?: string;
  color?: string;
  /** The cell's note (Sheets shows it on hover): for a figure, what it is counted out of. */
  note?: string;
  /** Wrap the text inside the cell (Sheets grows the row to fit) instead of letting it spill. */
  wrap?: boolean;
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
  /** Cell notes ('' for none); A1's is the header note. */
  notes: string[][];
  /** Blocks of cells whose text wraps, as [row, column, numRows, numColumns] (1-based). */
  wrapped: [number, number, number, number][];
  columnWidths: number[];
  chart: ChartPlacement | null;
  /** First row (1-based) of each section's heading, by section title. */
  sections: Record<string, number>;
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
  teachers: 'Teachers and their goals',
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

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/** Rows of the headline the long lists point at, filled in once those lists have their rows. */
interface Pointers {
  noAttempt: number;
  attempted: number;
  followUps: number;
  teachers: number;
}

/**
 * Rows 1-15 answer the principal's four questions: on track against the school goal, families nobody
 * has reached, where reach is unfair (the two gap sentences, wrapped so each shows whole), and what
 * needs doing this week. Every figure's cell note (and its Note column) says what it is counted out of.
 */
function headline(grid: Grid, f: SummaryFigures, ctx: LayoutContext): Pointers {
  const school = [f.schoolName || 'This school', f.schoolYear].filter(Boolean).join(', ');
  grid.add([text(`Relationship calls summary: ${school}`, { bold: true })]);
  grid.note(HAND_EDITS);
  grid.add(['Last rebuilt', `${ctx.rebuiltAt} (${ctx.timeZone})`]);
  const window =
    f.window.start || f.window.end
      ? `${f.window.start || 'no start'} to ${f.window.end || 'no end'}`
      : 'no dates set: every dated call counts';
  grid.add(['Call window', window]);
  grid.sections[SECTION.headline] = grid.header([SECTION.headline, 'Number', 'Out of', 'Share', 'Note']);

  const families = f.familiesReached.of;
  const teachers = f.teachersAtGoal.of;
  const goal = `${Math.round(f.schoolGoal * 100)}%`;
  const goalMet = f.teachersAtGoal.share !== null && f.teachersAtGoal.share >= f.schoolGoal;
  grid.add([
    'Teachers who met or exceeded their goal',
    count(f.teachersAtGoal.count, {
      note: `Out of all ${plural(teachers, 'teacher')} on the Teachers tab (one per email). The school goal is ${goal} of them.`,
    }),
    teachers,
    pct(f.teachersAtGoal.share),
    teachers === 0
      ? text('No teachers on the Teachers tab yet')
      : text(goalMet ? `On track: school goal of ${goal} met` : `Below the school goal of ${goal}`, {
          fill: goalMet ? FILL.good : FILL.warn,
          bold: true,
        }),
  ]);
  const ofFamilies = `Out of all ${plural(families, 'family', 'families')} on the Families tab (one per Student ID).`;
  grid.add([
    'Families reached',
    count(f.familiesReached.count, {
      note: `${ofFamilies} Reached: any teacher had a conversation with them.`,
    }),
    families,
    pct(f.familiesReached.share),
    `of ${plural(families, 'family', 'families')} on Families`,
  ]);
  const noAttempt = grid.add([
    'Families with no attempt yet',
    count(f.noAttempt.length, { note: `${ofFamilies} No call or attempt inside the call window.` }),
    families,
    pct(families ? f.noAttempt.length / families : null),
  ]);
  const attempted = grid.add([
    'Families tried but not reached yet',
    count(f.attemptedNotReached.length, {
      note: `${ofFamilies} At least one attempt, no conversation yet.`,
    }),
    families,
    pct(families ? f.attemptedNotReached.length / families : null),
  ]);
  // Whole sentences: column A wraps these two rows (layout.wrap), so nothing is cut at an edge.
  grid.add([text(`Reach by language: ${f.languageGap}`, { bold: true, wrap: true })]);
  grid.add([text(`Reach by grade: ${f.gradeGap}`, { bold: true, wrap: true })]);
  const followUps = grid.add([
    'Follow-ups overdue',
    count(f.followUpsOverdue, {
      note: `Out of the ${plural(f.followUpsOpen, 'open follow-up')} on the Call Log (any date): due before today and not ticked done.`,
    }),
    f.followUpsOpen,
    null,
    f.followUpsOverdue
      ? text('Overdue', { fill: FILL.bad, bold: true })
      : text('None overdue', { fill: FILL.good }),
  ]);
  const notStarted = grid.add([
    'Teachers not started',
    count(f.teachersNotStarted.count, {
      note: `Out of all ${plural(teachers, 'teacher')} on the Teachers tab: no call logged inside the call window yet.`,
    }),
    teachers,
    pct(f.teachersNotStarted.share),
  ]);
  secondaryFigures(grid, f);
  grid.blank();
  return { noAttempt, attempted, followUps: followUps, teachers: notStarted };
}

/** The rest of the headline, below the first screen. */
function secondaryFigures(grid: Grid, f: SummaryFigures): void {
  grid.add([
    'Conversations',
    count(f.conversations, {
      note: `Calls inside the call window whose outcome is Reached, out of ${plural(f.calls, 'call')} and attempts there.`,
    }),
    f.calls,
    pct(f.calls ? f.conversations / f.calls : null),
    `from ${n(f.calls)} calls and attempts`,
  ]);
  grid.add([
    'Calls this week',
    count(f.callsThisWeek, {
      note: `Calls and attempts dated Monday ${f.weekStart} to Sunday, inside the call window; out of ${plural(f.calls, 'call')} in the window.`,
    }),
    null,
    null,
    `week of ${f.weekStart}`,
  ]);
  const weeks = f.weeks.length;
  grid.add([
    'Calls per week',
    f.callsPerWeek === null
      ? text('')
      : {
          value: f.callsPerWeek,
          format: 'decimal',
          note: `The calls of the weekly table below divided by its ${plural(weeks, 'week')}.`,
        },
    null,
    null,
    f.callsPerWeek === null ? 'no week to count yet' : `average over ${plural(weeks, 'week')} (table below)`,
  ]);
  grid.add([
    'Follow-ups open',
    count(f.followUpsOpen, {
      note: 'Rows of the whole Call Log with a Follow-up Needed and Follow-up Done not ticked.',
    }),
  ]);
  const lang = f.inFamilyLanguage;
  grid.add([
    'Conversations in the family’s language or interpreted',
    count(lang.count, {
      note: `Out of the ${plural(lang.of, 'conversation')} with a family whose preferred language is recorded (${plural(f.conversations, 'conversation')} in all).`,
    }),
    lang.of,
    pct(lang.share),
    lang.of
      ? `of ${plural(lang.of, 'conversation')} whose family language is known (${n(f.conversations)} in all)`
      : 'no conversation with a family whose language is recorded',
  ]);
  grid.add([
    'Conversations with strengths recorded',
    count(f.strengthsRecorded.count, {
      note: `Out of all ${plural(f.strengthsRecorded.of, 'conversation')} inside the call window.`,
    }),
    f.strengthsRecorded.of,
    pct(f.strengthsRecorded.share),
    `of ${plural(f.strengthsRecorded.of, 'conversation')}`,
  ]);
}

/** In name order, with the status word: the tab is open to every teacher, so nothing here ranks. */
function teacherSection(grid: Grid, f: SummaryFigures): number {
  const heading = grid.heading(SECTION.teachers, 'By name. Each status colour comes with its word.');
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
  return heading;
}

/** Weekly table; the chart sits to its right, and the section keeps room for it. */
function weeklySection(grid: Grid, f: SummaryFigures): ChartPlacement | null {
  const weeklyHeading = grid.heading(SECTION.weekly);
  const weeklyHeader = grid.header(['Week of (Monday)', 'Calls', 'Conversations']);
  for (const w of f.weeks) grid.add([date(w.weekOf), w.calls, w.conversations]);
  if (!f.weeks.length) grid.note('No week to show yet: set the call window in Settings, or log a call.');
  if (f.weeksCut) grid.note(`Only the most recent ${f.weeks.length} weeks are shown.`);
  while (grid.rows.length < weeklyHeading + CHART_ROWS) grid.blank();
  grid.blank();
  return f.weeks.length
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
}

function followUpSection(grid: Grid, f: SummaryFigures): number {
  const heading = grid.heading(
    SECTION.followUps,
    'Oldest first. Tick Follow-up Done on the Call Log when done.',
  );
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
  return heading;
}

function qualitySection(grid: Grid, f: SummaryFigures): void {
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
}

/** Last: the two long lists of families not reached yet. Returns their heading rows. */
function familyLists(grid: Grid, f: SummaryFigures): [number, number] {
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
  return [noAttemptHeading, attemptedHeading];
}

export function layoutSummary(f: SummaryFigures, ctx: LayoutContext): SummaryLayout {
  const grid = new Grid();
  const at = headline(grid, f, ctx);
  const teachersHeading = teacherSection(grid, f);
  groupSection(grid, SECTION.language, f.byLanguage, f.languageGap, 'Preferred language');
  groupSection(grid, SECTION.grade, f.byGrade, f.gradeGap, 'Grade');
  const chart = weeklySection(grid, f);
  const followUpsHeading = followUpSection(grid, f);
  grid.heading(SECTION.learned, 'For check-in conversations. Newest first.');
  grid.header(['Date', 'Teacher', 'Student', 'What I learned']);
  if (!f.learned.length) grid.note('Nothing recorded yet.');
  for (const x of f.learned) grid.add([date(x.date), x.teacher, x.studentName, x.learned]);
  grid.blank();
  qualitySection(grid, f);
  const [noAttemptHeading, attemptedHeading] = familyLists(grid, f);

  // Point the headline at where each list starts.
  const point = (row: number, sentence: string) => {
    const cells = grid.rows[row - 1] as Cell[];
    const before = cells[4];
    cells[4] = before?.value
      ? { ...before, value: `${before.value}: ${sentence}` }
      : text(sentence, { color: NOTE_COLOR });
  };
  point(at.noAttempt, `listed from row ${noAttemptHeading}`);
  const wrongNumbers = f.attemptedNotReached.filter((x) => x.action).length;
  point(
    at.attempted,
    `listed from row ${attemptedHeading}${wrongNumbers ? `; ${wrongNumbers} wrong numbers for the office` : ''}`,
  );
  if (f.followUpsOverdue) point(at.followUps, `listed from row ${followUpsHeading}`);
  point(at.teachers, `Status "Not started" in the table from row ${teachersHeading}`);
  return toLayout(grid, chart);
}

function toLayout(grid: Grid, chart: ChartPlacement | null): SummaryLayout {
  const width = SUMMARY_WIDTH;
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  const fontWeights: ('bold' | 'normal')[][] = [];
  const backgrounds: string[][] = [];
  const fontColors: string[][] = [];
  const notes: string[][] = [];
  const wrapped: [number, number, number, number][] = [];
  grid.rows.forEach((row, r) => {
    const v: (string | number)[] = [];
    const nf: string[] = [];
    const fw: ('bold' | 'normal')[] = [];
    const bg: string[] = [];
    const fc: string[] = [];
    const nt: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      const value = cell?.value ?? '';
      v.push(typeof value === 'string' ? encodeText(value) : value);
      nf.push(NUMBER_FORMAT[cell?.format ?? 'text']);
      fw.push(cell?.bold ? 'bold' : 'normal');
      bg.push(cell?.fill ?? FILL.none);
      fc.push(cell?.color ?? TEXT_COLOR);
      nt.push(cell?.note ?? '');
      if (cell?.wrap) {
        // Adjacent wrapped rows of one column become one block: one setWrap call for them all.
        const last = wrapped[wrapped.length - 1];
        if (last && last[1] === c + 1 && last[0] + last[2] === r + 1) last[2]++;
        else wrapped.push([r + 1, c + 1, 1, 1]);
      }
    }
    values.push(v);
    numberFormats.push(nf);
    fontWeights.push(fw);
    backgrounds.push(bg);
    fontColors.push(fc);
    notes.push(nt);
  });
  (notes[0] as string[])[0] = HEADER_NOTE;
  return {
    width,
    height: values.length,
    values,
    numberFormats,
    fontWeights,
    backgrounds,
    fontColors,
    notes,
    wrapped,
    // Column A holds the headline labels, the wrapped gap sentences and teacher names; A to E hold
    // the whole headline.
    columnWidths: [360, 110, 110, 110, 130, 130, 120, 130, 130, 260],
    chart,
    sections: { ...grid.sections },
  };
}
