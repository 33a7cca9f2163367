/**
 * Calls and conversations: the counts inside the call window, this week's calls, and the weekly table
 * (Monday to Sunday, up to today or the window's end) with its chart beside it.
 */
import type { IsoDate } from '../../common/rpc';
import { isReached } from '../progress';
import { Block, date } from './cells';
import { addDays, type SchoolTables, weekStartOf } from './school';

export interface WeekRow {
  /** The Monday the week starts on. */
  weekOf: IsoDate;
  calls: number;
  conversations: number;
}

export interface WeeklyFigures {
  calls: number;
  conversations: number;
  callsThisWeek: number;
  /** Monday of today's week. */
  weekStart: IsoDate;
  /** Average calls per week over the weeks of the weekly table; null when it has no week. */
  callsPerWeek: number | null;
  weeks: WeekRow[];
  /** Set when the weekly table was cut to its most recent weeks. */
  weeksCut: boolean;
}

/** The weekly table never grows past two school years of weeks (a typo'd year would add thousands). */
export const MAX_WEEKS = 104;
/** Rows the weekly section keeps free beside its table so the chart never covers the next section. */
export const CHART_ROWS = 18;
export const WEEKLY_TITLE = 'Calls and conversations by week';

/** Weeks of the window, Monday to Sunday, up to today (or the window's end when it is over). */
function weekRows(t: SchoolTables): WeekRow[] {
  const { settings, today } = t.input;
  const countedDates = t.counted.map((c) => c.callDate).sort();
  const firstDate = settings.windowStart || countedDates[0] || '';
  let lastDate: IsoDate = settings.windowEnd && settings.windowEnd < today ? settings.windowEnd : today;
  const latest = countedDates[countedDates.length - 1];
  if (latest && latest > lastDate) lastDate = latest;
  const weekIndex = new Map<IsoDate, WeekRow>();
  const weeks: WeekRow[] = [];
  if (firstDate && firstDate <= lastDate) {
    for (let w = weekStartOf(firstDate); w <= lastDate; w = addDays(w, 7)) {
      const row = { weekOf: w, calls: 0, conversations: 0 };
      weeks.push(row);
      weekIndex.set(w, row);
    }
  }
  for (const c of t.counted) {
    const row = weekIndex.get(weekStartOf(c.callDate));
    if (!row) continue;
    row.calls++;
    if (isReached(c.outcome)) row.conversations++;
  }
  return weeks;
}

export function weeklyFigures(t: SchoolTables): WeeklyFigures {
  const all = weekRows(t);
  const weeksCut = all.length > MAX_WEEKS;
  const weeks = weeksCut ? all.slice(-MAX_WEEKS) : all;
  const shownCalls = weeks.reduce((sum, w) => sum + w.calls, 0);
  const weekStart = weekStartOf(t.input.today);
  const weekEnd = addDays(weekStart, 6);
  return {
    calls: t.counted.length,
    conversations: t.conversations.length,
    callsThisWeek: t.counted.filter((c) => c.callDate >= weekStart && c.callDate <= weekEnd).length,
    weekStart,
    callsPerWeek: weeks.length ? shownCalls / weeks.length : null,
    weeks,
    weeksCut,
  };
}

/** Weekly table; the chart sits to its right, and the section keeps room for it. */
export function weeklyBlock(f: WeeklyFigures): Block {
  const block = new Block();
  const heading = block.heading(WEEKLY_TITLE);
  const header = block.header(['Week of (Monday)', 'Calls', 'Conversations']);
  for (const w of f.weeks) block.add([date(w.weekOf), w.calls, w.conversations]);
  if (!f.weeks.length) block.note('No week to show yet: set the call window in Settings, or log a call.');
  if (f.weeksCut) block.note(`Only the most recent ${f.weeks.length} weeks are shown.`);
  while (block.rows.length < heading + CHART_ROWS) block.blank();
  block.blank();
  if (f.weeks.length) {
    block.chart = {
      row: header,
      column: 1,
      numRows: f.weeks.length + 1,
      numColumns: 3,
      anchorRow: heading + 1,
      anchorColumn: 5,
      title: WEEKLY_TITLE,
    };
  }
  return block;
}
