/**
 * What Set up this school must add, decided from what the workbook holds, before anything is written.
 * Pure, so the rules are tested without a spreadsheet: columns are found by header (case, spacing and
 * punctuation forgiven), missing ones go after the last used header, and nothing a person typed is
 * ever moved, rewritten or deleted.
 */
import {
  DEFAULT_PICK_LISTS,
  DEFAULT_PROMPTS,
  headerKey,
  PICK_LIST_HEADERS,
  type PickListKey,
  PROMPTS_HEADER,
  SETTINGS,
  SETTINGS_HEADERS,
  type TableSpec,
} from '../common/schema';
import { UserError } from './errors';
import { columnLetter } from './settings';

export interface HeaderPlan {
  /** Schema header -> 0-based column, after the appends. */
  positions: Map<string, number>;
  /** Headers to write after the last used header, in this order. */
  append: string[];
  /** 0-based column where the appends start. */
  appendAt: number;
  /** Sentences for headers that look edited (an alias of a missing column): the person renames them. */
  problems: string[];
}

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

export function planHeaders(tabName: string, headers: readonly unknown[], spec: TableSpec): HeaderPlan {
  const keys = headers.map(headerKey);
  let last = -1;
  headers.forEach((h, i) => {
    if (!isBlank(h)) last = i;
  });
  const positions = new Map<string, number>();
  const append: string[] = [];
  const problems: string[] = [];
  for (const col of spec.columns) {
    const at = keys.indexOf(headerKey(col.header));
    if (at >= 0) {
      positions.set(col.header, at);
      continue;
    }
    // An alias in row 1 means someone edited the header: adding a second, empty column would split
    // the data, so say which cell to fix instead.
    const aliasAt = (col.aliases ?? [])
      .map((a) => keys.indexOf(headerKey(a)))
      .find((i) => i >= 0 && !spec.columns.some((c) => headerKey(c.header) === keys[i]));
    if (aliasAt !== undefined) {
      problems.push(
        `${tabName}!${columnLetter(aliasAt + 1)}1 says "${String(headers[aliasAt])}", but the add-on reads "${col.header}". Type "${col.header}" in that cell, then run Set up again.`,
      );
      continue;
    }
    positions.set(col.header, last + 1 + append.length);
    append.push(col.header);
  }
  return { positions, append, appendAt: last + 1, problems };
}

export interface CellBlock {
  /** 1-based row and column of the top-left cell. */
  row: number;
  column: number;
  values: (string | number)[][];
}

export interface SettingsPlan {
  writes: CellBlock[];
  /** 0-based columns of the Setting and Value columns after the writes. */
  labelColumn: number;
  valueColumn: number;
  added: string[];
}

const PICK_KEYS = Object.keys(PICK_LIST_HEADERS) as PickListKey[];

function listColumns(): { header: string; items: readonly string[] }[] {
  return [
    ...PICK_KEYS.map((k) => ({ header: PICK_LIST_HEADERS[k], items: DEFAULT_PICK_LISTS[k] })),
    { header: PROMPTS_HEADER, items: DEFAULT_PROMPTS },
  ];
}

/** A rectangle (rows padded with '') from columns of different lengths. */
function columnsBlock(columns: readonly (readonly (string | number)[])[]): (string | number)[][] {
  const height = Math.max(...columns.map((c) => c.length));
  return Array.from({ length: height }, (_, r) => columns.map((c) => c[r] ?? ''));
}

/** Settings rows (Setting | Value | About) and pick-list columns that are missing, with their defaults. */
export function planSettings(values: readonly (readonly unknown[])[]): SettingsPlan {
  const empty = values.every((row) => row.every(isBlank));
  const settingRows = SETTINGS.map((s) => [s.label, s.initial, s.help] as (string | number)[]);
  if (empty) {
    const lists = listColumns();
    const block = columnsBlock([
      [SETTINGS_HEADERS[0], ...settingRows.map((r) => r[0] as string)],
      [SETTINGS_HEADERS[1], ...settingRows.map((r) => r[1] as string | number)],
      [SETTINGS_HEADERS[2], ...settingRows.map((r) => r[2] as string)],
      ...lists.map((l) => [l.header, ...l.items]),
    ]);
    return {
      writes: [{ row: 1, column: 1, values: block }],
      labelColumn: 0,
      valueColumn: 1,
      added: ['the Settings rows and pick-lists'],
    };
  }
  const header = values[0] ?? [];
  const keys = header.map(headerKey);
  const labelColumn = keys.indexOf(headerKey(SETTINGS_HEADERS[0]));
  if (labelColumn < 0) {
    throw new UserError(
      `Settings row 1 has no "${SETTINGS_HEADERS[0]}" header, so the add-on cannot find the settings. Type "${SETTINGS_HEADERS[0]}" above the setting names (and "${SETTINGS_HEADERS[1]}" above their values), then run Set up again. Nothing was changed.`,
    );
  }
  const foundValue = keys.indexOf(headerKey(SETTINGS_HEADERS[1]));
  const valueColumn = foundValue >= 0 ? foundValue : labelColumn + 1;
  const writes: CellBlock[] = [];
  const added: string[] = [];

  const aboutColumn = valueColumn + 1;
  const aboutIsOurs =
    isBlank(header[aboutColumn]) || headerKey(header[aboutColumn]) === headerKey(SETTINGS_HEADERS[2]);
  const aboutUsed = values.some((row, i) => i > 0 && !isBlank(row[aboutColumn]));
  const labels = values.map((row) => headerKey(row[labelColumn]));
  const missing = SETTINGS.filter((s) => !labels.includes(headerKey(s.label)));
  if (missing.length) {
    // Below the last row that uses any of the label, value or about cells.
    let lastUsed = 0;
    values.forEach((row, i) => {
      if ([labelColumn, valueColumn, valueColumn + 1].some((c) => !isBlank(row[c]))) lastUsed = i;
    });
    // The three columns must be next to each other for one write; they are in the schema's layout.
    if (valueColumn !== labelColumn + 1) {
      throw new UserError(
        `Settings: the "${SETTINGS_HEADERS[1]}" column must be just right of "${SETTINGS_HEADERS[0]}". Move it back, then run Set up again. Nothing was changed.`,
      );
    }
    // The help goes in the About column only when that column is About (or has no header yet): a
    // column of the principal's own right of Value gets nothing written into it.
    writes.push({
      row: lastUsed + 2,
      column: labelColumn + 1,
      values: missing.map((s) => (aboutIsOurs ? [s.label, s.initial, s.help] : [s.label, s.initial])),
    });
    added.push(...missing.map((s) => `the "${s.label}" setting`));
  }
  if (aboutIsOurs && isBlank(header[aboutColumn]) && (missing.length || aboutUsed)) {
    writes.push({ row: 1, column: aboutColumn + 1, values: [[SETTINGS_HEADERS[2]]] });
  }

  const lists = listColumns().filter((l) => !keys.includes(headerKey(l.header)));
  if (lists.length) {
    // After the last header, and never over the About column, whose rows hold the settings' help.
    let last = aboutIsOurs && (missing.length || aboutUsed) ? aboutColumn : -1;
    header.forEach((h, i) => {
      if (!isBlank(h)) last = Math.max(last, i);
    });
    writes.push({
      row: 1,
      column: last + 2,
      values: columnsBlock(lists.map((l) => [l.header, ...l.items])),
    });
    added.push(...lists.map((l) => `the ${l.header} list`));
  }
  return { writes, labelColumn, valueColumn, added };
}

/**
 * Formula text as both engines may show it: spaces outside quotes dropped, function and cell names in
 * any case, sheet names unquoted when they need no quotes. Text inside quotes is compared exactly.
 */
export function normalizeFormula(formula: unknown): string {
  const text = String(formula ?? '').replace(/'([A-Za-z_][A-Za-z0-9_]*)'!/g, '$1!');
  let out = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (!/\s/.test(ch)) out += ch.toUpperCase();
  }
  return out;
}

/** Sorted distinct columns in runs of neighbours: [5, 2, 3] -> [[2, 3], [5]]. */
export function adjacentRuns(columns: Iterable<number>): number[][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const c of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === c - 1) run.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** One Sheet.setColumnWidths call: `count` columns from `column` (1-based) get `width`. */
export interface WidthStroke {
  column: number;
  count: number;
  width: number;
}

/**
 * setColumnWidths calls, in order, that leave each column (1-based) at its width. A later call
 * overrides an earlier one, so widths 100|170|100 take two calls (100 over three columns, then 170
 * over the middle one), not three: the fewest calls for each run of neighbouring columns. A call
 * never spans a column missing from `widths` (a person's own column keeps the width it has).
 */
export function widthStrokes(widths: ReadonlyMap<number, number>): WidthStroke[] {
  return adjacentRuns(widths.keys()).flatMap((run) =>
    fewestStrokes(run.map((c) => widths.get(c) as number)).map((s) => ({
      column: (run[0] as number) + s.start,
      count: s.end - s.start + 1,
      width: s.width,
    })),
  );
}

interface Stroke {
  start: number;
  end: number;
  width: number;
}

/**
 * The "strange printer" recurrence: the fewest strokes for w[i..j] either give w[i] a stroke of
 * its own, or stretch w[i]'s stroke to a later k of the same width (k then costs nothing) and paint
 * the columns between on top of it.
 */
function fewestStrokes(w: readonly number[]): Stroke[] {
  const n = w.length;
  const cost = Array.from({ length: n + 1 }, () => new Array<number>(n).fill(0));
  const reach = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  const at = (i: number, j: number) => (i > j ? 0 : (cost[i]?.[j] as number));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i; j < n; j++) {
      let best = 1 + at(i + 1, j);
      for (let k = i + 1; k <= j; k++) {
        if (w[k] !== w[i] || at(i, k - 1) + at(k + 1, j) >= best) continue;
        best = at(i, k - 1) + at(k + 1, j);
        (reach[i] as number[])[j] = k;
      }
      (cost[i] as number[])[j] = best;
    }
  }
  // The first stroke of strokes(i, j) starts at i and is applied first; the rest lie right of i.
  const strokes = (i: number, j: number): Stroke[] => {
    if (i > j) return [];
    const k = reach[i]?.[j] as number;
    if (k < 0) return [{ start: i, end: i, width: w[i] as number }, ...strokes(i + 1, j)];
    const inner = strokes(i, k - 1);
    (inner[0] as Stroke).end = k;
    return [...inner, ...strokes(k + 1, j)];
  };
  return strokes(0, n - 1);
}
