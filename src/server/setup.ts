/**
 * Set up this school: builds or repairs every tab of the workbook contract (src/common/schema/).
 *
 * - Creates missing tabs and missing columns (after the last used header); finds columns by header,
 *   case and spacing forgiven; never deletes, moves or rewrites a person's rows or their own columns.
 * - Writes the goal formulas (src/core/goal-formulas.ts) into the formula columns it owns, and rewrites
 *   them only when they differ from what the schema says (that is the repair).
 * - Freezes header rows, sets dropdowns and checks (pick-lists from Settings, teacher emails from
 *   Teachers, student ids from Families, dates), number formats, widths, header notes, and
 *   warning-only protection on header rows and formula columns.
 * - Running it twice changes nothing: every step either compares first or sets the same state again.
 *
 * Before any write it checks for tabs that look renamed and headers that look edited: those get a
 * sentence naming the tab or cell, and nothing is changed. Service calls depend on the number of tabs
 * and columns, never on the number of rows.
 */
import {
  CALL_LOG,
  DISTRICT_TAB,
  FAMILIES,
  headerKey,
  PICK_LIST_HEADERS,
  SETTING_FORMATS,
  SETTINGS,
  type SettingKey,
  TAB,
  TABLES,
  TEACHERS,
} from '../common/schema';
import { encodeText } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import {
  type ColumnFormula,
  FAMILY_FORMULA_ROWS,
  type FormulaLayout,
  formulasFor,
  TEACHER_FORMULA_ROWS,
} from '../core/goal-formulas';
import { columnLetter, parseSettings } from '../core/settings';
import { adjacentRuns, normalizeFormula, planHeaders, planSettings } from '../core/setup-plan';
import { dressTables, rangeOf, type TableState } from './setup-dress';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export { PROTECTION_PREFIX } from './setup-dress';

/** Rows a new data tab gets (Sheets' default is 1,000; the Families formulas cover 2,000). */
const MIN_ROWS: Partial<Record<string, number>> = {
  [TEACHERS.key]: TEACHER_FORMULA_ROWS + 1,
  [FAMILIES.key]: FAMILY_FORMULA_ROWS + 1,
};

export interface SetupResult {
  /** What changed, as phrases ("the Check-ins tab", "2 columns on Families"). Empty: nothing did. */
  changed: string[];
  /** Sentences about cells the principal should fix (Settings nonsense); set-up still did its part. */
  problems: string[];
  message: string;
}

/** The workbook's tabs by name, in tab order: each name read once (getSheetByName per tab costs more). */
type Tabs = Map<string, Sheet>;

function readTabs(spreadsheet: Spreadsheet): Tabs {
  return new Map(spreadsheet.getSheets().map((s) => [s.getName(), s]));
}

/**
 * Row 1 of a tab up to its last used column ([] when it has none), read at most once per tab; the
 * ranges read are kept, so set-up dresses a header it has already fetched.
 */
function rowOneReader() {
  const read = new Map<Sheet, unknown[]>();
  const ranges = new Map<Sheet, { range: Range; width: number }>();
  const rowOne = (sheet: Sheet): unknown[] => {
    let row = read.get(sheet);
    if (!row) {
      const width = sheet.getLastColumn();
      const range = width === 0 ? undefined : sheet.getRange(1, 1, 1, width);
      row = range?.getValues()[0] ?? [];
      if (range) ranges.set(sheet, { range, width });
      read.set(sheet, row);
    }
    return row;
  };
  return { rowOne, ranges };
}

/** Other tabs that look like a missing contract tab (same name loosely, or its key headers in row 1). */
function renamedTabProblems(tabs: Tabs, rowOne: (sheet: Sheet) => unknown[]): string[] {
  const contractNames = new Set<string>(Object.values(TAB));
  const others = [...tabs].filter(([name]) => !contractNames.has(name));
  const missing = Object.values(TAB).filter((name) => !tabs.has(name));
  const problems: string[] = [];
  for (const name of missing) {
    const spec = TABLES.find((t) => t.name === name);
    const required = (spec?.columns ?? [])
      .filter((c) => c.requiredBy.includes('setup'))
      .map((c) => headerKey(c.header));
    const suspect = others.find(([otherName, sheet]) => {
      if (headerKey(otherName) === headerKey(name)) return true;
      if (!spec) return false;
      const keys = new Set(rowOne(sheet).map(headerKey));
      return required.length >= 2 && required.every((k) => keys.has(k));
    });
    if (suspect) {
      problems.push(
        `The tab "${suspect[0]}" looks like the "${name}" tab. Rename it to "${name}" exactly, then run Set up again.`,
      );
    }
  }
  return problems;
}

/**
 * Looks before writing: renamed tabs, edited headers and an unreadable Settings tab are a sentence
 * (a UserError), so nothing is written. New school from this template asks the same before copying.
 */
export function inspectWorkbook(spreadsheet: Spreadsheet, existing: Tabs = readTabs(spreadsheet)) {
  const { rowOne, ranges: rowOneRanges } = rowOneReader();
  const renamed = renamedTabProblems(existing, rowOne);
  const plans = TABLES.map((spec) => {
    const sheet = existing.get(spec.name);
    return { spec, plan: planHeaders(spec.name, sheet ? rowOne(sheet) : [], spec) };
  });
  const edited = plans.flatMap((p) => p.plan.problems);
  const settingsSheet = existing.get(TAB.settings);
  const settingsValues = settingsSheet ? settingsSheet.getDataRange().getValues() : [];
  const settingsPlan = planSettings(settingsValues); // throws a sentence when Settings cannot be read
  if (renamed.length || edited.length) {
    throw new UserError(`${[...renamed, ...edited].join(' ')} Nothing was changed.`);
  }
  return { existing, plans, rowOneRanges, settingsSheet, settingsValues, settingsPlan };
}

export function setUpWorkbook(spreadsheet: Spreadsheet, tabs?: Tabs): SetupResult {
  const changed: string[] = [];
  // 1. Renamed tabs and edited headers stop set-up with a sentence.
  const inspection = inspectWorkbook(spreadsheet, tabs);
  const { existing, settingsPlan } = inspection;

  // 2. Tabs and headers.
  const settings = writeSettingsTab(spreadsheet, inspection, changed);
  const states = buildTables(spreadsheet, inspection, changed);
  if (!existing.has(TAB.summary)) {
    spreadsheet.insertSheet(TAB.summary);
    changed.push(`the ${TAB.summary} tab`);
  }

  // 3. Formulas, where they differ from the schema's.
  const layout = formulaLayout(settingsPlan, states);
  for (const state of states.values()) {
    const formulas = formulasFor(state.spec.key, layout);
    if (formulas.length && repairFormulas(state, formulas))
      changed.push(`the formulas on ${state.spec.name}`);
  }

  // 4. Look and guard rails: same state every run, so a second run changes nothing.
  const settingsValues = settingsNow(settings, inspection);
  dressTables(states, pickListRanges(settings, settingsValues[0] ?? []));
  settings.setFrozenRows(1);

  const parsed = parseSettings(settingsValues, spreadsheet.getSpreadsheetTimeZone());
  formatSettingValues(settings, parsed.cells);
  return setupResult(changed, parsed.problems);
}

type Inspection = ReturnType<typeof inspectWorkbook>;

/**
 * What Settings holds after its writes, read only when that is not already known: unwritten, it
 * holds what was inspected; inserted by this run, it holds the one block written at A1 (strings go
 * through the cell encoder, which reads back as the text written).
 */
function settingsNow(
  settings: Sheet,
  { settingsSheet, settingsValues, settingsPlan }: Inspection,
): unknown[][] {
  const { writes } = settingsPlan;
  if (settingsSheet && !writes.length) return settingsValues;
  const [only] = writes;
  if (!settingsSheet && writes.length === 1 && only?.row === 1 && only.column === 1) return only.values;
  return settings.getDataRange().getValues();
}

/** The Settings tab, created if missing, with the rows and columns the plan says it lacks. */
function writeSettingsTab(spreadsheet: Spreadsheet, inspection: Inspection, changed: string[]): Sheet {
  const { settingsSheet, settingsPlan } = inspection;
  const settings = settingsSheet ?? spreadsheet.insertSheet(TAB.settings);
  if (!settingsSheet) changed.push(`the ${TAB.settings} tab`);
  for (const block of settingsPlan.writes) {
    // Through the cell encoder: a grade "1" stays the text "1" (as the roster import writes it, so
    // the Grade dropdown matches), and a prompt can never become a formula.
    settings
      .getRange(block.row, block.column, block.values.length, block.values[0]?.length ?? 0)
      .setValues(block.values.map((row) => row.map((v) => (typeof v === 'string' ? encodeText(v) : v))));
  }
  // A new Settings tab is already named in full; listing its rows too would say it twice.
  changed.push(...(settingsSheet ? settingsPlan.added : []));
  return settings;
}

/** Every data tab, created if missing, with its missing headers appended and enough rows. */
function buildTables(
  spreadsheet: Spreadsheet,
  inspection: Inspection,
  changed: string[],
): Map<string, TableState> {
  const { existing, plans, rowOneRanges } = inspection;
  const states = new Map<string, TableState>();
  for (const { spec, plan } of plans) {
    const found = existing.get(spec.name);
    const sheet = found ?? spreadsheet.insertSheet(spec.name);
    if (!found) changed.push(`the ${spec.name} tab`);
    else if (plan.append.length) {
      changed.push(
        `${plan.append.length === 1 ? `the "${plan.append[0]}" column` : `${plan.append.length} columns`} on ${spec.name}`,
      );
    }
    const lastColumn = plan.appendAt + plan.append.length;
    const inspected = found && rowOneRanges.get(found);
    const header =
      inspected && !plan.append.length && inspected.width === lastColumn
        ? inspected.range
        : appendHeaders(sheet, plan.appendAt, plan.append, lastColumn);
    const state: TableState = {
      spec,
      sheet,
      positions: plan.positions,
      lastColumn,
      dataRows: Math.max(1, ensureRows(sheet, MIN_ROWS[spec.key]) - 1),
      created: !found,
      header,
      ranges: new Map(),
    };
    state.ranges.set(`1,1,1,${lastColumn}`, header);
    states.set(spec.key, state);
  }
  return states;
}

/** The tab's rows, grown to `minRows` if it has fewer: read once, rows added are counted, not read back. */
function ensureRows(sheet: Sheet, minRows: number | undefined): number {
  const maxRows = sheet.getMaxRows();
  if (!minRows || maxRows >= minRows) return maxRows;
  sheet.insertRowsAfter(maxRows, minRows - maxRows);
  return minRows;
}

/**
 * Writes the missing headers after the last used one, growing the grid first if it is too narrow,
 * and returns row 1 across every used column (the written range itself when it starts at A1).
 */
function appendHeaders(sheet: Sheet, appendAt: number, append: string[], lastColumn: number): Range {
  if (!append.length) return sheet.getRange(1, 1, 1, lastColumn);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < lastColumn) sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
  const written = sheet.getRange(1, appendAt + 1, 1, append.length);
  written.setValues([append]);
  return appendAt === 0 ? written : sheet.getRange(1, 1, 1, lastColumn);
}

function letters(state: TableState | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!state) return out;
  for (const [header, at] of state.positions) out[header] = columnLetter(at + 1);
  return out;
}

/** Where each header sits, as column letters: the goal formulas refer to columns by letter. */
function formulaLayout(
  settingsPlan: Inspection['settingsPlan'],
  states: Map<string, TableState>,
): FormulaLayout {
  return {
    settings: {
      label: columnLetter(settingsPlan.labelColumn + 1),
      value: columnLetter(settingsPlan.valueColumn + 1),
    },
    teachers: letters(states.get(TEACHERS.key)),
    families: letters(states.get(FAMILIES.key)),
    callLog: letters(states.get(CALL_LOG.key)),
  };
}

/** Each pick-list column of Settings (below its header), found by header: dropdowns read from it. */
function pickListRanges(settings: Sheet, headerRow: readonly unknown[]): Map<string, Range> {
  const settingsLists = new Map<string, Range>();
  const settingsHeader = headerRow.map(headerKey);
  let maxRows: number | undefined;
  for (const [key, title] of Object.entries(PICK_LIST_HEADERS)) {
    const at = settingsHeader.indexOf(headerKey(title));
    if (at < 0) continue;
    maxRows ??= settings.getMaxRows();
    settingsLists.set(key, settings.getRange(2, at + 1, Math.max(1, maxRows - 1), 1));
  }
  return settingsLists;
}

/** The sentence shown to the coach: what changed (or that nothing did), then what to fix. */
function setupResult(changed: string[], problems: string[]): SetupResult {
  const done = changed.length
    ? `Set up added ${changed.join(', ')}. Your rows and your own columns were not touched.`
    : 'Everything was already set up; nothing changed.';
  const message = problems.length ? `${done} Please fix: ${problems.join(' ')}` : done;
  return { changed, problems, message };
}

/**
 * Dates read yyyy-mm-dd and the school goal as a percentage, as everywhere else in the workbook. A
 * format changes only how the value shows: 11/2/2026 typed into a date cell is still that date, and
 * 0.6 or 60% typed into the goal is still 60%. One RangeList per format, whatever the school.
 */
function formatSettingValues(settings: Sheet, cells: Partial<Record<SettingKey, string>>): void {
  const byFormat = new Map<string, string[]>();
  for (const spec of SETTINGS) {
    const format = SETTING_FORMATS[spec.type];
    const at = cells[spec.key];
    if (format && at) byFormat.set(format, [...(byFormat.get(format) ?? []), at]);
  }
  for (const [format, a1s] of byFormat) settings.getRangeList(a1s).setNumberFormat(format);
}

/**
 * Rewrites formula columns only where their text differs (clearing cells typed into them), one
 * setFormulas per block of neighbouring stale columns. A tab this run inserted has no formulas to
 * read. True if it wrote.
 */
function repairFormulas(state: TableState, formulas: ColumnFormula[]): boolean {
  const { sheet, positions } = state;
  const rows = state.spec.key === TEACHERS.key ? TEACHER_FORMULA_ROWS : FAMILY_FORMULA_ROWS;
  const current = state.created ? [] : sheet.getRange(2, 1, rows, state.lastColumn).getFormulas();
  const stale = new Map<number, ColumnFormula>();
  for (const f of formulas) {
    const at = positions.get(f.header);
    if (at === undefined) continue;
    const same = Array.from({ length: f.rows }, (_, i) => i).every(
      (i) => normalizeFormula(current[i]?.[at]) === normalizeFormula(f.formulaForRow(i + 2)),
    );
    if (!same) stale.set(at, f);
  }
  for (const block of blocksOfEqualRows(stale)) {
    const height = block[0]?.rows ?? 0;
    const first = positions.get(block[0]?.header ?? '') as number;
    rangeOf(state, 2, first + 1, height, block.length).setFormulas(
      Array.from({ length: height }, (_, i) => block.map((f) => f.formulaForRow(i + 2))),
    );
  }
  return stale.size > 0;
}

/** Neighbouring columns' formulas, split where the number of rows changes (one rectangle each). */
function blocksOfEqualRows(byColumn: Map<number, ColumnFormula>): ColumnFormula[][] {
  const blocks: ColumnFormula[][] = [];
  for (const run of adjacentRuns(byColumn.keys())) {
    for (const at of run) {
      const f = byColumn.get(at) as ColumnFormula;
      const block = blocks[blocks.length - 1];
      const joins = block && block[0]?.rows === f.rows && byColumn.get(at - 1) === block[block.length - 1];
      if (joins) block.push(f);
      else blocks.push([f]);
    }
  }
  return blocks;
}

/** Extensions > Relationship Calls > Set up this school. */
export function setUpThisSchool(): SetupResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = readTabs(spreadsheet);
  // A district workbook must never grow a school's tabs (a Families tab there would invite family data).
  if (tabs.has(DISTRICT_TAB.district)) {
    throw new UserError(
      'This is a district workbook (it has a District tab), so no school tabs were added. Set up each school in its own workbook, then list it on the Schools tab.',
    );
  }
  return setUpWorkbook(spreadsheet, tabs);
}
