/**
 * The look and guard rails Set up this school gives each data tab: frozen bold header with a note
 * per schema column, number formats, widths, dropdowns and checks, the hidden column, and
 * warning-only protection of the header row and the formula columns. Every step sets the same state
 * on every run, so a second run changes nothing.
 *
 * Calls grow with the kinds of column, never with the columns or rows: one rule builder for the
 * whole workbook, one setDataValidations per block of neighbouring validated columns, one
 * setColumnWidths per stroke of widthStrokes, one protected range per block of formula columns.
 */
import type { ColumnSpec, TableSpec } from '../common/schema';
import { columnLetter } from '../core/settings';
import { adjacentRuns, widthStrokes } from '../core/setup-plan';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** Protections set-up owns carry this description, so it finds (and never duplicates) its own. */
export const PROTECTION_PREFIX = 'Relationship Calls:';

export interface TableState {
  spec: TableSpec;
  sheet: Sheet;
  positions: Map<string, number>;
  lastColumn: number;
  /** Rows below the header (at least 1), read once after the rows are added: dropdowns and formats cover them. */
  dataRows: number;
  /** Inserted by this run: it holds nothing yet (no notes, rules, formulas or protections) to read or keep. */
  created: boolean;
  /** Row 1 across every used column: headers, notes, bold and the header protection share it. */
  header: Range;
  /** Ranges already fetched, by row, column, rows, columns: one getRange serves every step that needs it. */
  ranges: Map<string, Range>;
}

/** The range (1-based) of a tab, fetched once however many steps use it. */
export function rangeOf(
  state: TableState,
  row: number,
  column: number,
  rows: number,
  columns: number,
): Range {
  const key = `${row},${column},${rows},${columns}`;
  let range = state.ranges.get(key);
  if (!range) {
    range = state.sheet.getRange(row, column, rows, columns);
    state.ranges.set(key, range);
  }
  return range;
}

/** Every dressing step for every data tab; the rules are built first, together, from one builder. */
export function dressTables(states: Map<string, TableState>, settingsLists: Map<string, Range>): void {
  const rules = buildRules(states, settingsLists);
  for (const state of states.values()) {
    dressHeader(state);
    formatColumns(state);
    setWidths(state);
    applyRules(state, rules.get(state) ?? new Map());
    // Hidden after its width is set, as a person would: the width is what it shows when unhidden.
    for (const at of placed(state, (col) => Boolean(col.hidden)).keys()) state.sheet.hideColumns(at + 1);
    protect(state);
  }
}

/**
 * Frozen, bold, and a note on each schema header; a note a person put on their own column stays.
 * The notes are read anyway (to keep those), so they are written only when one differs.
 */
function dressHeader(state: TableState): void {
  const { sheet, spec, positions, header } = state;
  sheet.setFrozenRows(1);
  header.setFontWeight('bold');
  const had = state.created ? new Array<string>(state.lastColumn).fill('') : (header.getNotes()[0] ?? []);
  const notes = [...had];
  for (const col of spec.columns) {
    const at = positions.get(col.header);
    if (at !== undefined) notes[at] = col.help;
  }
  if (notes.some((note, i) => note !== had[i])) header.setNotes([notes]);
}

/** 0-based column -> the spec column there, for the schema columns of a tab, left to right. */
function placed(state: TableState, keep: (col: ColumnSpec) => boolean): Map<number, ColumnSpec> {
  const out = new Map<number, ColumnSpec>();
  for (const col of state.spec.columns) {
    const at = state.positions.get(col.header);
    if (at !== undefined && keep(col)) out.set(at, col);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/**
 * Each formatted column's data rows get its format: one RangeList per format, or one
 * setNumberFormats per block of neighbouring formatted columns when there are fewer blocks than
 * formats. Columns without a format of their own are never touched.
 */
function formatColumns(state: TableState): void {
  const formatted = placed(state, (col) => Boolean(col.format));
  const byFormat = new Map<string, string[]>();
  for (const [at, col] of formatted) {
    const letter = columnLetter(at + 1);
    byFormat.set(col.format, [
      ...(byFormat.get(col.format) ?? []),
      `${letter}2:${letter}${state.dataRows + 1}`,
    ]);
  }
  const blocks = adjacentRuns(formatted.keys());
  if (blocks.length >= byFormat.size) {
    for (const [format, a1s] of byFormat) state.sheet.getRangeList(a1s).setNumberFormat(format);
    return;
  }
  for (const block of blocks) {
    const row = block.map((at) => formatted.get(at)?.format as string);
    rangeOf(state, 2, (block[0] as number) + 1, state.dataRows, block.length).setNumberFormats(
      Array.from({ length: state.dataRows }, () => row),
    );
  }
}

function setWidths(state: TableState): void {
  const widths = new Map<number, number>();
  for (const [at, col] of placed(state, (c) => Boolean(c.width))) widths.set(at + 1, col.width as number);
  for (const s of widthStrokes(widths)) state.sheet.setColumnWidths(s.column, s.count, s.width);
}

/** What a column's rule requires, and a key shared by every column that requires the same. */
interface RuleKind {
  key: string;
  require: (builder: DataValidationBuilder) => void;
}

function ruleKind(
  col: ColumnSpec,
  states: Map<string, TableState>,
  settingsLists: Map<string, Range>,
): RuleKind | null {
  if (col.type === 'formula') return null;
  if (col.references) {
    const { tab, column } = col.references;
    const target = states.get(tab);
    const at = target?.positions.get(column);
    if (!target || at === undefined) return null;
    const range = rangeOf(target, 2, at + 1, target.dataRows, 1);
    return { key: `${tab}!${column}`, require: (b) => b.requireValueInRange(range, true) };
  }
  if (col.pickList) {
    const range = settingsLists.get(col.pickList);
    return range ? { key: `list:${col.pickList}`, require: (b) => b.requireValueInRange(range, true) } : null;
  }
  if (col.type === 'date') return { key: 'date', require: (b) => b.requireDate() };
  if (col.type === 'boolean') return { key: 'checkbox', require: (b) => b.requireCheckbox() };
  if (col.type === 'email') return { key: 'email', require: (b) => b.requireTextIsEmail() };
  return null;
}

/**
 * Every column's rule: invalid input rejected, its criterion, its help. The first column of each kind
 * of criterion gets a new builder; the next ones start from the rule just built, through
 * DataValidation.copy(), which "creates a builder for a data validation rule based on this rule's
 * settings" (developers.google.com/apps-script/reference/spreadsheet/data-validation#copy), and change
 * only the help. A copy is never given a criterion of another kind: Google's sample for copy() only
 * changes the dates of a date-between rule, and does not say a second criterion replaces the first.
 * A builder is never changed after its build(): Google does not say whether a rule already built
 * would follow. Each builder call is a service call.
 */
function buildRules(
  states: Map<string, TableState>,
  settingsLists: Map<string, Range>,
): Map<TableState, Map<number, DataValidation>> {
  const wanted: { state: TableState; at: number; help: string; kind: RuleKind }[] = [];
  for (const state of states.values()) {
    for (const [at, col] of placed(state, () => true)) {
      const kind = ruleKind(col, states, settingsLists);
      if (kind) wanted.push({ state, at, help: col.help, kind });
    }
  }
  // Same kinds together, so each criterion is set once (sort is stable: tab order within a kind).
  const order = [...new Set(wanted.map((w) => w.kind.key))];
  wanted.sort((a, b) => order.indexOf(a.kind.key) - order.indexOf(b.kind.key));
  const rules = new Map<TableState, Map<number, DataValidation>>();
  let last: { key: string; rule: DataValidation } | undefined;
  for (const { state, at, help, kind } of wanted) {
    let builder: DataValidationBuilder;
    if (last?.key === kind.key) builder = last.rule.copy();
    else {
      builder = SpreadsheetApp.newDataValidation().setAllowInvalid(false);
      kind.require(builder);
    }
    const rule = builder.setHelpText(help).build();
    last = { key: kind.key, rule };
    const tabRules = rules.get(state) ?? new Map<number, DataValidation>();
    tabRules.set(at, rule);
    rules.set(state, tabRules);
  }
  return rules;
}

/**
 * One setDataValidations per block of neighbouring validated columns, down to the tab's last row.
 * On a tab this run inserted the block spans the columns between too, as null ("no rule", as in
 * Google's own sample for setDataValidations: developers.google.com/apps-script/reference/
 * spreadsheet/data-validation-criteria): they have no rule to keep. On a tab a school already uses,
 * a column without a schema rule is never written, so a rule of the school's own stays.
 */
function applyRules(state: TableState, rules: Map<number, DataValidation>): void {
  if (!rules.size) return;
  const columns = [...rules.keys()];
  const writable = state.created ? span(Math.min(...columns), Math.max(...columns)) : columns;
  for (const block of adjacentRuns(writable)) {
    const row = block.map((at) => rules.get(at) ?? null);
    rangeOf(state, 2, (block[0] as number) + 1, state.dataRows, block.length).setDataValidations(
      Array.from({ length: state.dataRows }, () => row),
    );
  }
}

const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Warning-only protection of the header row and of each block of neighbouring formula columns
 * (one protected range over a block warns on exactly the cells one range per column did, with the
 * same description); replaced only if it differs.
 */
function protect(state: TableState): void {
  const { sheet, spec, dataRows } = state;
  const description = `${PROTECTION_PREFIX} ${spec.name} headers and formulas`;
  const want = [{ a1: `A1:${columnLetter(state.lastColumn)}1`, range: () => state.header }];
  for (const block of adjacentRuns(placed(state, (col) => col.type === 'formula').keys())) {
    const first = block[0] as number;
    const a1 = `${columnLetter(first + 1)}2:${columnLetter(first + block.length)}${dataRows + 1}`;
    want.push({ a1, range: () => rangeOf(state, 2, first + 1, dataRows, block.length) });
  }
  const ours = state.created
    ? []
    : sheet
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .filter((p) => p.getDescription().startsWith(PROTECTION_PREFIX));
  const have = ours.map((p) => p.getRange().getA1Notation()).sort();
  const wanted = want.map((w) => w.a1).sort();
  if (have.length === wanted.length && have.every((a1, i) => a1 === wanted[i])) return;
  for (const p of ours) p.remove();
  for (const w of want) w.range().protect().setDescription(description).setWarningOnly(true);
}
