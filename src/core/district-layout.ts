/**
 * The District tab as one block of cells (values and number formats of the same size), so the server
 * writes it with one setValues and one setNumberFormats whatever the number of schools: the title,
 * one row per school in Schools order (its figures, or why it could not be read), the district total,
 * then calls per week by school (the chart reads that table). Strings go through the one cell
 * encoder: a school or group name typed as "=..." stays text. Pure.
 */
import { encodeText } from './cell-encoding';
import { dateSerial } from './dates';
import type { SchoolFigures, SchoolListing, SchoolResult } from './district';
import type { ChartPlacement } from './summary-layout';

export const DISTRICT_HEADERS = [
  'School',
  'Status',
  'Teachers',
  'Teachers at or past goal',
  'Families',
  'Families reached',
  'Conversations',
  'Calls',
  'Calls in the last 7 days',
  'Calls per week',
  'Language gap (points)',
  'Least-reached language',
  'Grade gap (points)',
  'Least-reached grade',
  'Follow-ups open',
  'Follow-ups overdue',
  'Last activity',
  'Read at',
] as const;

export const TOTAL_LABEL = 'District total';
export const TREND_TITLE = 'Calls per week, by school';
/** The row of DISTRICT_HEADERS (rows 1-2 are the title and the run's status). */
export const HEADER_ROW = 4;
export const READ = 'Read';
export const WAITING = 'Waiting: the next run reads this school (it starts on its own within minutes).';

type Value = string | number;
interface Cell {
  value: Value;
  format: string;
}
const FORMAT = { text: '@', count: '#,##0', decimal: '0.0', percent: '0%', date: 'yyyy-mm-dd' };
const txt = (value: string): Cell => ({ value, format: FORMAT.text });
const num = (value: number | null, format = FORMAT.count): Cell =>
  value === null ? txt('') : { value, format };
const day = (iso: string): Cell => (iso ? { value: dateSerial(iso), format: FORMAT.date } : txt(''));
const share = (count: number, of: number): Cell => num(of > 0 ? count / of : null, FORMAT.percent);

function figureCells(f: SchoolFigures): Cell[] {
  return [
    num(f.teachers),
    share(f.teachersAtGoal, f.teachers),
    num(f.families),
    share(f.familiesReached, f.families),
    num(f.conversations),
    num(f.calls),
    num(f.callsLast7Days),
    num(f.callsPerWeek, FORMAT.decimal),
    num(f.languageGap.points),
    txt(f.languageGap.worst),
    num(f.gradeGap.points),
    txt(f.gradeGap.worst),
    num(f.followUpsOpen),
    num(f.followUpsOverdue),
    day(f.lastActivity),
  ];
}

const BLANK_FIGURES = (): Cell[] => Array.from({ length: 15 }, () => txt(''));

function totalRow(results: readonly (SchoolResult | null)[]): Cell[] {
  const read = results.flatMap((r) => (r?.figures ? [r.figures] : []));
  const sum = (pick: (f: SchoolFigures) => number | null) => read.reduce((s, f) => s + (pick(f) ?? 0), 0);
  // ISO dates sort as text: the last one is the latest.
  const last =
    read
      .map((f) => f.lastActivity)
      .sort()
      .pop() ?? '';
  const perWeek = read.some((f) => f.callsPerWeek !== null) ? sum((f) => f.callsPerWeek) : null;
  return [
    txt(TOTAL_LABEL),
    txt(`${read.length} of ${results.length} schools read`),
    num(sum((f) => f.teachers)),
    share(
      sum((f) => f.teachersAtGoal),
      sum((f) => f.teachers),
    ),
    num(sum((f) => f.families)),
    share(
      sum((f) => f.familiesReached),
      sum((f) => f.families),
    ),
    num(sum((f) => f.conversations)),
    num(sum((f) => f.calls)),
    num(sum((f) => f.callsLast7Days)),
    num(perWeek, FORMAT.decimal),
    // A gap is a school's own comparison: summing or averaging points across schools means nothing.
    txt(''),
    txt(''),
    txt(''),
    txt(''),
    num(sum((f) => f.followUpsOpen)),
    num(sum((f) => f.followUpsOverdue)),
    day(last),
    txt(''),
  ];
}

/** Weeks as rows, read schools as columns: counted calls, blank where a week is outside a school's table. */
function trendRows(schools: readonly SchoolListing[], results: readonly (SchoolResult | null)[]): Cell[][] {
  const columns = results.flatMap((r, i) =>
    r?.figures ? [{ name: schools[i]?.name ?? '', f: r.figures }] : [],
  );
  if (!columns.length) return [];
  const weeks = [...new Set(columns.flatMap((c) => c.f.weeks.map(([w]) => w)))].sort();
  if (!weeks.length) return [];
  const byWeek = columns.map((c) => new Map(c.f.weeks));
  return [
    [txt('Week of'), ...columns.map((c) => txt(c.name))],
    ...weeks.map((w) => [day(w), ...byWeek.map((m) => num(m.get(w) ?? null))]),
  ];
}

export interface DistrictLayout {
  width: number;
  height: number;
  values: Value[][];
  numberFormats: string[][];
  /** 1-based rows to show in bold: the headers and the total. */
  boldRows: number[];
  chart: ChartPlacement | null;
}

/**
 * The District tab. `results[i]` is what the roll-up saved about `schools[i]`, null while the school
 * waits for the next run; `status` is row 2 (when it was rebuilt, or how far a run got).
 */
export function layoutDistrict(
  schools: readonly SchoolListing[],
  results: readonly (SchoolResult | null)[],
  status: string,
): DistrictLayout {
  const rows: Cell[][] = [[txt('District roll-up')], [txt(status)], []];
  rows.push(DISTRICT_HEADERS.map(txt));
  schools.forEach((s, i) => {
    const r = results[i] ?? null;
    const figures = r?.figures ? figureCells(r.figures) : BLANK_FIGURES();
    const state = r ? (r.reason ?? READ) : WAITING;
    rows.push([txt(s.name), txt(state), ...figures, txt(r?.readAt ?? '')]);
  });
  rows.push(totalRow(results));
  const totalAt = rows.length;
  const trend = trendRows(schools, results);
  let chart: ChartPlacement | null = null;
  if (trend.length) {
    rows.push([], [txt(TREND_TITLE)]);
    const first = rows.length + 1;
    rows.push(...trend);
    const numColumns = (trend[0] as Cell[]).length;
    chart = {
      row: first,
      column: 1,
      numRows: trend.length,
      numColumns,
      anchorRow: first,
      anchorColumn: numColumns + 2,
      title: TREND_TITLE,
    };
  }
  const width = Math.max(DISTRICT_HEADERS.length, ...rows.map((r) => r.length));
  const cell = (r: Cell[], c: number) => r[c] ?? txt('');
  return {
    width,
    height: rows.length,
    values: rows.map((r) =>
      Array.from({ length: width }, (_, c) => {
        const v = cell(r, c).value;
        return typeof v === 'string' ? encodeText(v) : v;
      }),
    ),
    numberFormats: rows.map((r) => Array.from({ length: width }, (_, c) => cell(r, c).format)),
    boldRows: [1, HEADER_ROW, totalAt, ...(chart ? [chart.row - 1, chart.row] : [])],
    chart,
  };
}
