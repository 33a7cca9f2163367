/**
 * The district workbook: a Schools tab the district lead fills in (school, workbook URL, notes) and a
 * District tab rebuilt by script, one row per school. Each school is opened by its URL and read by the
 * same reader and core code as its own Summary (readWorkbook, then schoolFigures over computeSummary);
 * only numbers and group names are kept (src/core/district.ts), in document properties between runs
 * and on the District tab.
 *
 * Cost per school is constant: openByUrl, a few getSheetByName, one getDataRange().getValues() per
 * table, the time zone, and one setProperty. Apps Script stops a run at 6 minutes, so a run stops
 * before the next school when one more as slow as the slowest so far would pass its budget (4 minutes,
 * never past 5), writes the District tab with where it got to, and asks a one-off trigger to carry on.
 * Per school: the read and one setProperties (its figures and the run's place).
 */
import { DISTRICT_TAB, SCHOOLS, TAB } from '../common/schema';
import {
  budgetFrom,
  listKeyOf,
  type SchoolListing,
  type SchoolResult,
  schoolFigures,
  timeToStop,
} from '../core/district';
import { type DistrictLayout, layoutDistrict } from '../core/district-layout';
import { UserError } from '../core/errors';
import { recordsOf } from '../core/records';
import { formatStamp } from '../core/summary';
import type { EntryPoint } from './entry-points';
import { clearToSize, insertChart, readWorkbook, summaryInput } from './summary';
import { tableFromValues } from './tables';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The one-off trigger's handler (an entry point in src/server/index.ts). */
export const CONTINUE_HANDLER: EntryPoint = 'continueDistrictRollUp';
const RUN_KEY = 'relationshipCalls.district.run';
const RESULT_KEY = 'relationshipCalls.district.school.';
/** Optional override of the run's budget in ms (never past 5 minutes), for a district of slow schools. */
export const BUDGET_KEY = 'relationshipCalls.district.budgetMs';
/** How soon the one-off trigger carries on a roll-up that stopped at its budget. */
const CONTINUE_AFTER_MS = 60_000;
/** The safety trigger fires only once the run that made it is surely over (Apps Script stops runs at 6 min). */
const SAFETY_AFTER_MS = 7 * 60_000;

interface RunState {
  listKey: string;
  next: number;
  triggerId: string;
}

function districtTabs(spreadsheet: Spreadsheet) {
  const schools = spreadsheet.getSheetByName(DISTRICT_TAB.schools);
  const district = spreadsheet.getSheetByName(DISTRICT_TAB.district);
  if (!schools || !district) {
    throw new UserError(
      `This is not a district workbook yet (the "${DISTRICT_TAB.schools}" or "${DISTRICT_TAB.district}" tab is missing): run Extensions > Relationship Calls > Set up as a district workbook.`,
    );
  }
  return { schools, district };
}

/** The Schools tab's rows with a school name or a URL (one read). */
function readSchools(sheet: GoogleAppsScript.Spreadsheet.Sheet): SchoolListing[] {
  const table = tableFromValues(SCHOOLS, sheet, sheet.getDataRange().getValues());
  if (table.missingFor('district').length) {
    throw new UserError(
      'The Schools tab needs a "School" and a "Workbook URL" header in row 1: type them back, or run Set up as a district workbook.',
    );
  }
  // Names and links hold no dates, so the time zone their text is read in does not matter.
  return recordsOf(SCHOOLS, table, 'UTC')
    .map((s) => ({ name: s.school, url: s.url }))
    .filter((s) => s.name || s.url);
}

/** Why a workbook could not be opened, in words the district lead can act on. */
function openFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // The school add-on (spreadsheets.currentonly) may not open other spreadsheets at all: Apps Script
  // names the missing scope. That is the wrong deployment, not a school to share.
  if (/required permissions/i.test(message))
    return 'Not read: this copy of Relationship Calls is the school add-on, which only opens the spreadsheet it is in. Use the district add-on in the district workbook (README: District roll-up).';
  return /permission|access/i.test(message)
    ? 'Not read: you cannot open this workbook. Ask the school to share it with you (Viewer is enough).'
    : 'Not read: this workbook could not be opened. It may have been deleted, or the link is wrong: check the Workbook URL.';
}

/** One school's figures, or the reason it could not be read. Never throws. */
export function readSchool(school: SchoolListing, now: Date, readAt: string): SchoolResult {
  if (!school.url)
    return { readAt, reason: 'Not read: this row has no Workbook URL. Paste the link to the school.' };
  let spreadsheet: Spreadsheet;
  try {
    spreadsheet = SpreadsheetApp.openByUrl(school.url);
  } catch (error) {
    return { readAt, reason: openFailure(error) };
  }
  try {
    if (!spreadsheet.getSheetByName(TAB.settings) && !spreadsheet.getSheetByName(TAB.callLog)) {
      return {
        readAt,
        reason: `Not read: this is not a Relationship Calls school workbook (it has no "${TAB.settings}" or "${TAB.callLog}" tab).`,
      };
    }
    const data = readWorkbook(spreadsheet, (problems) => `Not read: ${problems}`);
    return { readAt, figures: schoolFigures(summaryInput(data, now)) };
  } catch (error) {
    if (error instanceof UserError) return { readAt, reason: error.message };
    console.error(error instanceof Error ? error.name : 'error', 'reading a school for the district roll-up');
    return {
      readAt,
      reason: 'Not read: something went wrong reading this workbook. Try the roll-up again later.',
    };
  }
}

function writeDistrict(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: DistrictLayout): void {
  clearToSize(sheet, layout.height, layout.width);
  const block = sheet.getRange(1, 1, layout.height, layout.width);
  block.setValues(layout.values);
  block.setNumberFormats(layout.numberFormats);
  for (const row of layout.boldRows) sheet.getRange(row, 1, 1, layout.width).setFontWeight('bold');
  if (layout.chart) insertChart(sheet, layout.chart, Charts.ChartType.LINE);
}

function parseState(raw: string | null): RunState | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as RunState;
    return typeof s.listKey === 'string' && Number.isInteger(s.next) ? s : null;
  } catch {
    return null;
  }
}

function parseResult(raw: string | undefined): SchoolResult | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SchoolResult;
  } catch {
    return null;
  }
}

/** Deletes the pending one-off trigger of this roll-up, if it is still there. */
function dropTrigger(id: string): void {
  if (!id) return;
  const trigger = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === id);
  if (trigger) ScriptApp.deleteTrigger(trigger);
}

function newContinuation(afterMs: number): string {
  return ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(afterMs).create().getUniqueId();
}

/**
 * Reads schools from `state.next` while the budget allows. After each school its figures and the
 * run's place are saved in one setProperties, so a run Apps Script stops anyway loses at most the
 * school it was reading, and the safety trigger made before the first school carries on from there.
 */
function readWithinBudget(
  schools: readonly SchoolListing[],
  state: RunState,
  props: GoogleAppsScript.Properties.Properties,
  timeZone: string,
): void {
  const started = Date.now();
  const budget = budgetFrom(props.getProperty(BUDGET_KEY));
  let slowest = 0;
  let readNow = 0;
  while (state.next < schools.length && !timeToStop(Date.now() - started, slowest, budget, readNow)) {
    const began = Date.now();
    const now = new Date(began);
    const result = readSchool(schools[state.next] as SchoolListing, now, formatStamp(now, timeZone));
    state.next++;
    readNow++;
    props.setProperties({
      [RESULT_KEY + (state.next - 1)]: JSON.stringify(result),
      [RUN_KEY]: JSON.stringify(state),
    });
    slowest = Math.max(slowest, Date.now() - began);
  }
}

/** One run of the roll-up: from the first school (`fresh`) or from where the saved run got to. */
function rollUp(fresh: boolean): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = districtTabs(spreadsheet);
  const props = PropertiesService.getDocumentProperties();
  const schools = readSchools(tabs.schools);
  const listKey = listKeyOf(schools);
  const saved = parseState(props.getProperty(RUN_KEY));
  dropTrigger(saved?.triggerId ?? '');
  const resume = !fresh && saved && saved.listKey === listKey;
  const state: RunState = { listKey, next: resume ? saved.next : 0, triggerId: '' };
  // A one-off trigger that fires only after Apps Script's 6-minute limit: if this run is stopped
  // before it saves its end, that trigger carries on.
  if (state.next < schools.length) state.triggerId = newContinuation(SAFETY_AFTER_MS);
  props.setProperty(RUN_KEY, JSON.stringify(state));
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  readWithinBudget(schools, state, props, timeZone);

  const stored = props.getProperties();
  const results = schools.map((_, i) => (i < state.next ? parseResult(stored[RESULT_KEY + i]) : null));
  const done = state.next >= schools.length;
  const stamp = formatStamp(new Date(), timeZone);
  const status = done
    ? `Rebuilt ${stamp}: ${schools.length} schools. Figures are counts and shares only; no family data is copied here.`
    : `In progress (${stamp}): ${state.next} of ${schools.length} schools read; the next run carries on by itself.`;
  writeDistrict(tabs.district, layoutDistrict(schools, results, status));
  dropTrigger(state.triggerId);
  if (done) {
    props.deleteProperty(RUN_KEY);
    for (const key of Object.keys(stored))
      if (key.startsWith(RESULT_KEY) && Number(key.slice(RESULT_KEY.length)) >= schools.length)
        props.deleteProperty(key);
    return `The District tab is up to date: ${schools.length} schools.`;
  }
  state.triggerId = newContinuation(CONTINUE_AFTER_MS);
  props.setProperty(RUN_KEY, JSON.stringify(state));
  return `${state.next} of ${schools.length} schools read so far. The roll-up carries on by itself in a minute or two; the District tab shows where it got to.`;
}

function withRunLock(action: () => string): string {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(1000)) return 'A district roll-up is running right now; it will finish the District tab.';
  try {
    return action();
  } finally {
    lock.releaseLock();
  }
}

/** Menu: read every listed school again from the first. */
export function rebuildDistrict(): string {
  return withRunLock(() => rollUp(true));
}

/** The one-off trigger: carry on a roll-up that stopped at its budget (nothing to do when none is saved). */
export function continueDistrict(): string {
  return withRunLock(() => {
    if (!PropertiesService.getDocumentProperties().getProperty(RUN_KEY))
      return 'No district roll-up to carry on.';
    return rollUp(false);
  });
}

/** Set up as a district workbook: the Schools and District tabs, created once; never in a school workbook. */
export function setUpDistrictWorkbook(): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (spreadsheet.getSheetByName(TAB.callLog) || spreadsheet.getSheetByName(TAB.families)) {
    throw new UserError(
      'This workbook holds a school (it has a Call Log or Families tab), so it was not made a district workbook. Start the district in a new, empty spreadsheet.',
    );
  }
  const made: string[] = [];
  let schools = spreadsheet.getSheetByName(DISTRICT_TAB.schools);
  if (!schools) {
    schools = spreadsheet.insertSheet(DISTRICT_TAB.schools);
    schools.getRange(1, 1, 1, SCHOOLS.columns.length).setValues([SCHOOLS.columns.map((c) => c.header)]);
    schools.getRange(1, 1, 1, SCHOOLS.columns.length).setFontWeight('bold');
    schools.setFrozenRows(1);
    SCHOOLS.columns.forEach((c, i) => {
      if (c.width) schools?.setColumnWidth(i + 1, c.width);
    });
    made.push(`the ${DISTRICT_TAB.schools} tab`);
  }
  if (!spreadsheet.getSheetByName(DISTRICT_TAB.district)) {
    spreadsheet.insertSheet(DISTRICT_TAB.district);
    made.push(`the ${DISTRICT_TAB.district} tab`);
  }
  return made.length
    ? `Made ${made.join(' and ')}. List each school and the link to its workbook on Schools, then run Rebuild district roll-up.`
    : 'This is already a district workbook: nothing was changed.';
}
