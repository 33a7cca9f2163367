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
  type ColumnSpec,
  DISTRICT_TAB,
  FAMILIES,
  headerKey,
  PICK_LIST_HEADERS,
  SETTING_FORMATS,
  SETTINGS,
  type SettingKey,
  TAB,
  TABLES,
  type TableSpec,
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
import { normalizeFormula, planHeaders, planSettings } from '../core/setup-plan';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Protections set-up owns carry this description, so it finds (and never duplicates) its own. */
export const PROTECTION_PREFIX = 'Relationship Calls:';
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

/** Other tabs that look like a missing contract tab (same name loosely, or its key headers in row 1). */
function renamedTabProblems(spreadsheet: Spreadsheet, sheets: Sheet[]): string[] {
  const contractNames = new Set<string>(Object.values(TAB));
  const problems: string[] = [];
  const others = sheets.filter((s) => !contractNames.has(s.getName()));
  const missing = Object.values(TAB).filter((name) => !spreadsheet.getSheetByName(name));
  for (const name of missing) {
    const spec = TABLES.find((t) => t.name === name);
    const suspect = others.find((s) => {
      if (headerKey(s.getName()) === headerKey(name)) return true;
      if (!spec || s.getLastColumn() === 0) return false;
      const row1 = s.getRange(1, 1, 1, s.getLastColumn()).getValues()[0] ?? [];
      const keys = new Set(row1.map(headerKey));
      const required = spec.columns
        .filter((c) => c.requiredBy.includes('setup'))
        .map((c) => headerKey(c.header));
      return required.length >= 2 && required.every((k) => keys.has(k));
    });
    if (suspect) {
      problems.push(
        `The tab "${suspect.getName()}" looks like the "${name}" tab. Rename it to "${name}" exactly, then run Set up again.`,
      );
    }
  }
  return problems;
}

interface TableState {
  spec: TableSpec;
  sheet: Sheet;
  positions: Map<string, number>;
  lastColumn: number;
  /** Rows below the header (at least 1), read once after the rows are added: dropdowns and formats cover them. */
  dataRows: number;
}

function letters(state: TableState | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!state) return out;
  for (const [header, at] of state.positions) out[header] = columnLetter(at + 1);
  return out;
}

/**
 * Looks before writing: renamed tabs, edited headers and an unreadable Settings tab are a sentence
 * (a UserError), so nothing is written. New school from this template asks the same before copying.
 */
export function inspectWorkbook(spreadsheet: Spreadsheet) {
  const sheets = spreadsheet.getSheets();
  const renamed = renamedTabProblems(spreadsheet, sheets);
  const existing = new Map(sheets.map((s) => [s.getName(), s]));
  const headerRows = new Map<string, unknown[]>();
  for (const spec of TABLES) {
    const sheet = existing.get(spec.name);
    if (!sheet || sheet.getLastColumn() === 0) continue;
    headerRows.set(spec.name, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []);
  }
  const plans = TABLES.map((spec) => ({
    spec,
    plan: planHeaders(spec.name, headerRows.get(spec.name) ?? [], spec),
  }));
  const edited = plans.flatMap((p) => p.plan.problems);
  const settingsSheet = existing.get(TAB.settings);
  const settingsValues = settingsSheet ? settingsSheet.getDataRange().getValues() : [];
  const settingsPlan = planSettings(settingsValues); // throws a sentence when Settings cannot be read
  if (renamed.length || edited.length) {
    throw new UserError(`${[...renamed, ...edited].join(' ')} Nothing was changed.`);
  }
  return { existing, plans, settingsSheet, settingsPlan };
}

export function setUpWorkbook(spreadsheet: Spreadsheet): SetupResult {
  const changed: string[] = [];
  // 1. Renamed tabs and edited headers stop set-up with a sentence.
  const { existing, plans, settingsSheet, settingsPlan } = inspectWorkbook(spreadsheet);

  // 2. Tabs and headers.
  const settings = writeSettingsTab(spreadsheet, settingsSheet, settingsPlan, changed);
  const states = buildTables(spreadsheet, existing, plans, changed);
  if (!spreadsheet.getSheetByName(TAB.summary)) {
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
  const settingsLists = pickListRanges(settings);
  for (const state of states.values()) dressTable(state, states, settingsLists);
  settings.setFrozenRows(1);

  const parsed = parseSettings(settings.getDataRange().getValues(), spreadsheet.getSpreadsheetTimeZone());
  formatSettingValues(settings, parsed.cells);
  return setupResult(changed, parsed.problems);
}

type Inspection = ReturnType<typeof inspectWorkbook>;

/** The Settings tab, created if missing, with the rows and columns the plan says it lacks. */
function writeSettingsTab(
  spreadsheet: Spreadsheet,
  settingsSheet: Sheet | undefined,
  settingsPlan: Inspection['settingsPlan'],
  changed: string[],
): Sheet {
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
  existing: Inspection['existing'],
  plans: Inspection['plans'],
  changed: string[],
): Map<string, TableState> {
  const states = new Map<string, TableState>();
  for (const { spec, plan } of plans) {
    let sheet = existing.get(spec.name);
    if (!sheet) {
      sheet = spreadsheet.insertSheet(spec.name);
      changed.push(`the ${spec.name} tab`);
    } else if (plan.append.length) {
      changed.push(
        `${plan.append.length === 1 ? `the "${plan.append[0]}" column` : `${plan.append.length} columns`} on ${spec.name}`,
      );
    }
    appendHeaders(sheet, plan.appendAt, plan.append);
    const minRows = MIN_ROWS[spec.key];
    if (minRows && sheet.getMaxRows() < minRows)
      sheet.insertRowsAfter(sheet.getMaxRows(), minRows - sheet.getMaxRows());
    states.set(spec.key, {
      spec,
      sheet,
      positions: plan.positions,
      lastColumn: plan.appendAt + plan.append.length,
      dataRows: Math.max(1, sheet.getMaxRows() - 1),
    });
  }
  return states;
}

/** Writes the missing headers after the last used one, growing the grid first if it is too narrow. */
function appendHeaders(sheet: Sheet, appendAt: number, append: string[]): void {
  if (!append.length) return;
  const needed = appendAt + append.length;
  if (sheet.getMaxColumns() < needed)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
  sheet.getRange(1, appendAt + 1, 1, append.length).setValues([append]);
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
function pickListRanges(settings: Sheet): Map<string, GoogleAppsScript.Spreadsheet.Range> {
  const settingsLists = new Map<string, GoogleAppsScript.Spreadsheet.Range>();
  const settingsHeader = (
    settings.getRange(1, 1, 1, Math.max(1, settings.getLastColumn())).getValues()[0] ?? []
  ).map(headerKey);
  for (const [key, title] of Object.entries(PICK_LIST_HEADERS)) {
    const at = settingsHeader.indexOf(headerKey(title));
    if (at >= 0)
      settingsLists.set(key, settings.getRange(2, at + 1, Math.max(1, settings.getMaxRows() - 1), 1));
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
 * 0.6 or 60% typed into the goal is still 60%. One call per formatted setting, whatever the school.
 */
function formatSettingValues(settings: Sheet, cells: Partial<Record<SettingKey, string>>): void {
  for (const spec of SETTINGS) {
    const format = SETTING_FORMATS[spec.type];
    const at = cells[spec.key];
    if (format && at) settings.getRange(at).setNumberFormat(format);
  }
}

/** Rewrites a formula column only when its text differs; clears cells typed into it. True if it wrote. */
function repairFormulas(state: TableState, formulas: ColumnFormula[]): boolean {
  const { sheet, positions } = state;
  const rows = state.spec.key === TEACHERS.key ? TEACHER_FORMULA_ROWS : FAMILY_FORMULA_ROWS;
  const width = state.lastColumn;
  const current = sheet.getRange(2, 1, rows, width).getFormulas();
  let wrote = false;
  for (const f of formulas) {
    const at = positions.get(f.header);
    if (at === undefined) continue;
    const want = Array.from({ length: f.rows }, (_, i) => [f.formulaForRow(i + 2)]);
    if (want.every((w, i) => normalizeFormula(current[i]?.[at]) === normalizeFormula(w[0]))) continue;
    sheet.getRange(2, at + 1, f.rows, 1).setFormulas(want);
    wrote = true;
  }
  return wrote;
}

function ruleFor(
  col: ColumnSpec,
  states: Map<string, TableState>,
  settingsLists: Map<string, GoogleAppsScript.Spreadsheet.Range>,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  // The builder is made only for a column that gets a rule: each builder call is a service call.
  const builder = () => SpreadsheetApp.newDataValidation().setAllowInvalid(false).setHelpText(col.help);
  if (col.references) {
    const target = states.get(col.references.tab);
    const at = target?.positions.get(col.references.column);
    if (!target || at === undefined) return null;
    const range = target.sheet.getRange(2, at + 1, target.dataRows, 1);
    return builder().requireValueInRange(range, true).build();
  }
  if (col.pickList) {
    const range = settingsLists.get(col.pickList);
    return range ? builder().requireValueInRange(range, true).build() : null;
  }
  if (col.type === 'date') return builder().requireDate().build();
  if (col.type === 'boolean') return builder().requireCheckbox().build();
  if (col.type === 'email') return builder().requireTextIsEmail().build();
  return null;
}

/** Frozen header, notes, formats, widths, validation, hidden columns and protections of one tab. */
function dressTable(
  state: TableState,
  states: Map<string, TableState>,
  settingsLists: Map<string, GoogleAppsScript.Spreadsheet.Range>,
): void {
  const { sheet, spec, positions, dataRows } = state;
  const width = state.lastColumn;
  sheet.setFrozenRows(1);
  const header = sheet.getRange(1, 1, 1, width);
  header.setFontWeight('bold');
  // Notes on the schema's headers; a note a person put on their own column stays.
  const notes = header.getNotes()[0] ?? [];
  for (const col of spec.columns) {
    const at = positions.get(col.header);
    if (at !== undefined) notes[at] = col.help;
  }
  header.setNotes([notes]);

  const protectedRanges: string[] = [`A1:${columnLetter(width)}1`];
  // Columns sharing a number format get it in one call (a RangeList), and so do runs of adjacent
  // columns sharing a width: set-up's calls grow with the kinds of column, not the columns.
  const formats = new Map<string, string[]>();
  const widths = new Map<number, number>();
  const hidden: number[] = [];
  for (const col of spec.columns) {
    const at = positions.get(col.header);
    if (at === undefined) continue;
    const letter = columnLetter(at + 1);
    if (col.format)
      formats.set(col.format, [...(formats.get(col.format) ?? []), `${letter}2:${letter}${dataRows + 1}`]);
    if (col.width) widths.set(at + 1, col.width);
    if (col.hidden) hidden.push(at + 1);
    if (col.type === 'formula') {
      protectedRanges.push(`${letter}2:${letter}${dataRows + 1}`);
      continue;
    }
    const rule = ruleFor(col, states, settingsLists);
    if (rule) sheet.getRange(2, at + 1, dataRows, 1).setDataValidation(rule);
  }
  for (const [format, a1s] of formats) sheet.getRangeList(a1s).setNumberFormat(format);
  setColumnWidths(sheet, widths);
  // Hidden after its width is set, as a person would: the width is what it shows when unhidden.
  for (const column of hidden) sheet.hideColumns(column);
  protect(sheet, spec, protectedRanges);
}

/** One setColumnWidths per run of adjacent columns with the same width. */
function setColumnWidths(sheet: Sheet, widths: Map<number, number>): void {
  const columns = [...widths.keys()].sort((a, b) => a - b);
  let i = 0;
  while (i < columns.length) {
    const start = columns[i] as number;
    const width = widths.get(start) as number;
    let n = 1;
    while (columns[i + n] === start + n && widths.get(start + n) === width) n++;
    sheet.setColumnWidths(start, n, width);
    i += n;
  }
}

/** Warning-only protection of the header row and formula columns; replaced only if it differs. */
function protect(sheet: Sheet, spec: TableSpec, ranges: string[]): void {
  const description = `${PROTECTION_PREFIX} ${spec.name} headers and formulas`;
  const ours = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription().startsWith(PROTECTION_PREFIX));
  const have = ours.map((p) => p.getRange().getA1Notation()).sort();
  const want = [...ranges].sort();
  if (have.length === want.length && have.every((a1, i) => a1 === want[i])) return;
  for (const p of ours) p.remove();
  for (const a1 of want) sheet.getRange(a1).protect().setDescription(description).setWarningOnly(true);
}

/** Extensions > Relationship Calls > Set up this school. */
export function setUpThisSchool(): SetupResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  // A district workbook must never grow a school's tabs (a Families tab there would invite family data).
  if (spreadsheet.getSheetByName(DISTRICT_TAB.district)) {
    throw new UserError(
      'This is a district workbook (it has a District tab), so no school tabs were added. Set up each school in its own workbook, then list it on the Schools tab.',
    );
  }
  return setUpWorkbook(spreadsheet);
}
