/**
 * The principal's Summary tab: rebuild it (menu, after a logged call, or by a daily trigger) from one
 * read of each table, and write it with one setValues plus one call per kind of format, and one chart.
 *
 * Safety: the rebuild writes only the Summary tab. Before it writes anything it checks every tab and
 * column it reads; a missing or renamed one gives one message listing what to fix, and nothing changes.
 * Refreshes that overlap collapse into one (src/core/refresh-collapse.ts) and never hold the document
 * lock while rebuilding, so a teacher saving a call never waits for the Summary.
 */
import { CALL_LOG, CHECK_INS, FAMILIES, TAB, type TableSpec, TEACHERS } from '../common/schema';
import { toIsoDate } from '../core/cell-encoding';
import { messageFor, UserError } from '../core/errors';
import { fingerprint } from '../core/fingerprint';
import { readCalls, readCheckIns, readFamilies, readTeachers } from '../core/records';
import { collapsedRefresh, type RefreshOutcome, type RefreshStore } from '../core/refresh-collapse';
import { parseSettings } from '../core/settings';
import {
  type ChartPlacement,
  computeSummary,
  formatStamp,
  layoutSummary,
  type SummaryInput,
  type SummaryLayout,
} from '../core/summary';
import { growingRange, growTo } from './sheet-size';
import { dataValues, getSheetOrExplain, readTable, type Table } from './tables';
import { type TriggerKind, turnOffTrigger, turnOnTrigger } from './triggers';

/** The handler of the optional daily trigger (an entry point in src/server/index.ts). */
export const DAILY_HANDLER = 'refreshSummaryDaily';
/** Hour of the day (spreadsheet time zone) the daily rebuild runs: before school starts. */
export const DAILY_HOUR = 6;
const DAILY_TRIGGER_KEY = 'relationshipCalls.summary.dailyTriggerId';

/**
 * The tables the summary reads. The columns it needs are the schema's requiredBy 'summary': a renamed
 * one would silently turn a figure to zero, so each is required.
 */
const SUMMARY_TABLES: readonly TableSpec[] = [TEACHERS, FAMILIES, CALL_LOG, CHECK_INS];

const SETUP_HINT =
  'Or run Extensions > Relationship Calls > Set up this school, which adds missing tabs and columns without touching your rows.';

const SUMMARY_REFUSAL = (problems: string) =>
  `The Summary was not rebuilt and nothing was changed. Fix this first: ${problems}${problems.includes('Set up this school') ? '' : ` ${SETUP_HINT}`}`;

/** What `read` returns, or null with the reader's sentence (a missing tab) added to `problems`. */
function orProblem<T>(problems: string[], read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    problems.push(error.message);
    return null;
  }
}

/** The summary's tables, each read once and checked for the columns it needs. */
function readTables(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, problems: string[]) {
  const tables = new Map<TableSpec, Table>();
  for (const spec of SUMMARY_TABLES) {
    const table = orProblem(problems, () => readTable(spreadsheet, spec));
    if (!table) continue;
    const missing = table.missingFor('summary');
    if (missing.length) {
      problems.push(
        `The "${spec.name}" tab has no ${missing.map((m) => `"${m}"`).join(', ')} column in row 1 (was a header edited?): type the header back.`,
      );
    }
    tables.set(spec, table);
  }
  return tables;
}

/**
 * Reads every table once; throws one UserError naming every missing tab and column, before any write.
 * `refusal` words that error for the caller (the district roll-up reads other schools' workbooks).
 */
export function readWorkbook(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  refusal = SUMMARY_REFUSAL,
) {
  const problems: string[] = [];
  const summary = orProblem(problems, () => getSheetOrExplain(spreadsheet, TAB.summary));
  const settingsValues = orProblem(problems, () => dataValues(getSheetOrExplain(spreadsheet, TAB.settings)));
  const tables = readTables(spreadsheet, problems);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const parsed = settingsValues ? parseSettings(settingsValues, timeZone) : null;
  if (parsed?.problems.length) problems.push(...parsed.problems);
  if (problems.length || !summary || !parsed) throw new UserError(refusal(problems.join(' ')));
  const table = (spec: TableSpec) => tables.get(spec) as Table;
  return {
    summary,
    timeZone,
    parsed,
    teachers: readTeachers(table(TEACHERS), timeZone),
    families: readFamilies(table(FAMILIES), timeZone),
    calls: readCalls(table(CALL_LOG), timeZone),
    checkIns: readCheckIns(table(CHECK_INS), timeZone),
  };
}

/** Adjacent columns of equal width, as [first column (1-based), how many, width]. */
function widthRuns(widths: readonly number[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  widths.forEach((w, i) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === w && last[0] + last[1] === i + 1) last[1]++;
    else runs.push([i + 1, 1, w]);
  });
  return runs;
}

/**
 * Replaces the Summary tab's contents with the layout; its formats, chart and widths only where the
 * tab does not already show them. The last rebuild records in a document property where it put the
 * chart, the widths it wrote and a fingerprint of each kind of format it wrote (number formats,
 * weights, backgrounds, colours, notes, wraps) with the block's size. Column A's width tells the tab
 * that rebuild dressed from a new or remade one (Sheets' default 100 px): one getColumnWidth
 * (developers.google.com/apps-script/reference/spreadsheet/sheet#getcolumnwidthcolumnposition).
 * When the tab is the one dressed and the block keeps its size (most rebuilds after a logged call
 * change figures, not where blocks sit), only the contents are cleared (Sheet.clearContents,
 * "preserving formatting information") and, besides the values, only the kinds of format that
 * changed are written (often the notes alone, which quote figures). Formats a person changed by hand
 * on the Summary then stay until the layout moves.
 */
function writeLayout(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: SummaryLayout): void {
  const props = PropertiesService.getDocumentProperties();
  const recorded = recordedFrame(props.getProperty(FRAME_KEY));
  const formats = formatFingerprints(layout);
  const dressed = recorded !== null && sheet.getColumnWidth(1) === recorded.widths[0];
  const sameBlock = dressed && recorded.size === `${layout.height}x${layout.width}`;
  if (sameBlock) sheet.clearContents();
  else sheet.clear();
  const block = growingRange(sheet, 1, 1, layout.height, layout.width);
  block.setValues(layout.values);
  for (const kind of FORMAT_KINDS)
    if (!sameBlock || recorded.formats[kind] !== formats[kind]) writeFormat(block, layout, kind);
  placeWeeklyChart(sheet, layout.chart, recorded?.chart ?? null);
  if (!dressed || !sameJson(recorded.widths, layout.columnWidths))
    for (const [first, count, width] of widthRuns(layout.columnWidths))
      sheet.setColumnWidths(first, count, width);
  const frame: Frame = {
    chart: layout.chart,
    widths: layout.columnWidths,
    size: `${layout.height}x${layout.width}`,
    formats,
  };
  props.setProperty(FRAME_KEY, JSON.stringify(frame));
}

const FORMAT_KINDS = ['numberFormats', 'fontWeights', 'backgrounds', 'fontColors', 'notes', 'wraps'] as const;
type FormatKind = (typeof FORMAT_KINDS)[number];

/** One kind of format for the whole block, in one call. */
function writeFormat(
  block: GoogleAppsScript.Spreadsheet.Range,
  layout: SummaryLayout,
  kind: FormatKind,
): void {
  if (kind === 'numberFormats') block.setNumberFormats(layout.numberFormats);
  else if (kind === 'fontWeights') block.setFontWeights(layout.fontWeights);
  else if (kind === 'backgrounds') block.setBackgrounds(layout.backgrounds);
  else if (kind === 'fontColors') block.setFontColors(layout.fontColors);
  else if (kind === 'notes') block.setNotes(layout.notes);
  // One setWraps for the whole block rather than a getRange and setWrap per wrapped run.
  else block.setWraps(layout.wraps);
}

/** A short text per kind of format that changes whenever that grid does (a property holds 9 KB). */
function formatFingerprints(layout: SummaryLayout): Record<FormatKind, string> {
  const out = {} as Record<FormatKind, string>;
  for (const kind of FORMAT_KINDS) out[kind] = fingerprint(JSON.stringify(layout[kind]));
  return out;
}

/** What the last rebuild put on the tab besides its values: chart, widths and formats. */
interface Frame {
  chart: ChartPlacement | null;
  widths: number[];
  /** The block's height x width. */
  size: string;
  formats: Record<FormatKind, string>;
}

// The key's name predates the widths; a value of an older shape reads as no frame.
const FRAME_KEY = 'relationshipCalls.summary.chart';

function recordedFrame(text: string | null): Frame | null {
  try {
    const frame = JSON.parse(text ?? '') as Partial<Frame> | null;
    return frame && Array.isArray(frame.widths) && 'chart' in frame && typeof frame.formats === 'object'
      ? (frame as Frame)
      : null;
  } catch {
    return null;
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The chart reads its cells live, so when the weekly table keeps its place and length (most rebuilds
 * after a logged call) the chart already shows the new figures and stays; otherwise every chart on the
 * tab is replaced by one over the table. Building a chart costs 9 calls, keeping it none.
 */
function placeWeeklyChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  chart: ChartPlacement | null,
  placed: ChartPlacement | null,
): void {
  const charts = sheet.getCharts();
  if (chart && charts.length === 1 && sameJson(placed, chart)) return;
  for (const old of charts) sheet.removeChart(old);
  if (chart) insertChart(sheet, chart, Charts.ChartType.COLUMN);
}

/** Empties a tab built by script (values, formats, charts) and grows it to hold a layout. */
export function clearToSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, height: number, width: number): void {
  sheet.clear();
  growTo(sheet, height, width);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
}

/** One chart over a table of the layout, its header row included. */
export function insertChart(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  c: ChartPlacement,
  type: GoogleAppsScript.Charts.ChartType,
): void {
  const chart = sheet
    .newChart()
    .setChartType(type)
    .addRange(sheet.getRange(c.row, c.column, c.numRows, c.numColumns))
    .setNumHeaders(1)
    .setPosition(c.anchorRow, c.anchorColumn, 0, 0)
    .setOption('title', c.title)
    .build();
  sheet.insertChart(chart);
}

/** The open spreadsheet, or a sentence: an add-on's time trigger may run with no document open. */
export function activeSpreadsheetOrExplain(what: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) {
    throw new UserError(
      `${what} because no spreadsheet is open in this run. Use the Relationship Calls menu instead.`,
    );
  }
  return spreadsheet;
}

/** What computeSummary reads, from one read of a school's tables. */
export function summaryInput(data: ReturnType<typeof readWorkbook>, now: Date): SummaryInput {
  return {
    settings: data.parsed.settings,
    pickLists: data.parsed.pickLists,
    teachers: data.teachers,
    families: data.families,
    calls: data.calls,
    checkIns: data.checkIns,
    today: toIsoDate(now, data.timeZone),
  };
}

/** One rebuild, now: read each table once, compute, write the Summary tab once; returns the tab. */
function rebuildIn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  const now = new Date();
  const data = readWorkbook(spreadsheet);
  const figures = computeSummary(summaryInput(data, now));
  writeLayout(
    data.summary,
    layoutSummary(figures, { rebuiltAt: formatStamp(now, data.timeZone), timeZone: data.timeZone }),
  );
  return data.summary;
}

export function rebuildSummary(): void {
  rebuildIn(activeSpreadsheetOrExplain('The Summary could not be rebuilt'));
}

function documentStore(): RefreshStore {
  const lock = LockService.getDocumentLock();
  const props = PropertiesService.getDocumentProperties();
  return {
    tryLock: (ms) => lock.tryLock(ms),
    releaseLock: () => lock.releaseLock(),
    getProperty: (key) => props.getProperty(key),
    setProperty: (key, value) => {
      props.setProperty(key, value);
    },
    deleteProperty: (key) => {
      props.deleteProperty(key);
    },
    now: () => Date.now(),
  };
}

/** A rebuild that collapses with any other one already running. */
export function refreshCollapsed(rebuild: () => void = rebuildSummary): RefreshOutcome {
  return collapsedRefresh(documentStore(), rebuild);
}

export function refreshMessage(outcome: RefreshOutcome): string {
  if (outcome.rebuilt) return 'The Summary tab is up to date.';
  return outcome.reason === 'running'
    ? 'The Summary is being rebuilt right now, and that rebuild will include everything saved so far.'
    : 'The spreadsheet is busy, so the Summary was not rebuilt now; it will catch up at the next refresh.';
}

/** google.script.run target: the sidebar asks for it after logCall has returned. */
export function refreshSummary(): { rebuilt: boolean; message: string } {
  try {
    const outcome = refreshCollapsed();
    return { rebuilt: outcome.rebuilt, message: refreshMessage(outcome) };
  } catch (error) {
    // The call is saved; a Summary the principal must repair is not the teacher's problem to solve.
    if (error instanceof UserError) return { rebuilt: false, message: error.message };
    throw error;
  }
}

/** Menu: rebuild now and show the Summary tab (a problem to fix comes as a dialog instead). */
export function rebuildSummaryFromMenu(): void {
  let outcome: RefreshOutcome;
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  let rebuilt: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  try {
    const open = activeSpreadsheetOrExplain('The Summary could not be rebuilt');
    spreadsheet = open;
    outcome = refreshCollapsed(() => {
      rebuilt = rebuildIn(open);
    });
  } catch (error) {
    withAlert(() => {
      throw error;
    });
    return;
  }
  // The tab this run wrote; when another run is rebuilding it, look it up.
  const summary: GoogleAppsScript.Spreadsheet.Sheet | null =
    rebuilt ?? spreadsheet.getSheetByName(TAB.summary);
  summary?.activate();
  spreadsheet.toast(refreshMessage(outcome), 'Relationship Calls');
}

const DAILY: TriggerKind = { key: DAILY_TRIGGER_KEY, handler: DAILY_HANDLER };

/** Menu: turn the daily rebuild on; running it twice leaves one trigger. */
export function turnOnDailyRefresh(): string {
  const hour = `${DAILY_HOUR}:00`;
  return turnOnTrigger(
    DAILY,
    (builder, timeZone) => builder.everyDays(1).atHour(DAILY_HOUR).inTimezone(timeZone).create(),
    {
      already: `The daily refresh is already on: the Summary is rebuilt every day around ${hour}.`,
      on: (timeZone) =>
        `Daily refresh is on: the Summary is rebuilt every day around ${hour} (${timeZone}), as you. Turn it off from the same menu.`,
    },
  );
}

/** Menu: turn the caller's daily rebuild off. */
export function turnOffDailyRefresh(): string {
  return turnOffTrigger(DAILY, {
    off: 'Daily refresh is off. Rebuild principal summary still works from the menu, and after each logged call.',
    colleague:
      'You have no daily refresh on for this spreadsheet. A colleague turned theirs on; they can turn it off from this menu.',
    already: 'The daily refresh is already off.',
  });
}

/** Runs a menu action and shows its sentence (or the sentence of what went wrong) in a dialog. */
export function withAlert(action: () => string): void {
  let message: string;
  try {
    message = action();
  } catch (error) {
    if (!(error instanceof UserError))
      console.error(error instanceof Error ? error.name : 'error', 'in menu action');
    message = messageFor(error);
  }
  // One getUi (a billed call) serves the alert and its buttons, as in Google's sample for the Ui
  // class, which reads ui.ButtonSet from the Ui in hand: developers.google.com/apps-script/reference/base/ui
  const ui = SpreadsheetApp.getUi();
  ui.alert('Relationship Calls', message, ui.ButtonSet.OK);
}
