/**
 * Import roster... : the dialog sends the pasted text twice, first for a preview (nothing written),
 * then, when the person confirms, to import. The import plans again from the text under the document
 * lock (the tab may have changed since the preview) and writes in one batch: one setValues per run of
 * adjacent roster columns, over the rows it touches. Service calls do not grow with the roster.
 *
 * Every text goes through the one cell encoder, so a name like =HYPERLINK(...) stays text; the dialog
 * shows names with textContent, so <b>...</b> stays text there too.
 */
import type { RosterImportResult, RosterPreview } from '../common/rpc';
import {
  FAMILIES,
  type FamiliesSpec,
  requiredHeaders,
  TAB,
  TEACHERS,
  type TeachersSpec,
} from '../common/schema';
import { decodeText, encodeText, isDate } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { dataIndex, sheetRow } from '../core/records';
import {
  lastEnteredRow,
  planRoster,
  type RosterContext,
  type RosterPlan,
  type RosterValue,
  writeRuns,
} from '../core/roster';
import { parseSettings } from '../core/settings';
import { planHeaders } from '../core/setup-plan';
import { getSheetOrExplain, readTable, type Table } from './tables';

const LOCK_TIMEOUT_MS = 10_000;

/** The column that matches a pasted row to one already there (the schema's rosterImport column). */
function rosterKey(kind: 'teachers' | 'families'): string {
  return requiredHeaders(kind === 'teachers' ? TEACHERS : FAMILIES, 'rosterImport')[0] ?? '';
}

/** A roster tab: Teachers or Families. Columns of the paste are found by whatever header they match. */
type RosterTab = Table<TeachersSpec> | Table<FamiliesSpec>;
/** The tab's column of a header (any text: the paste's headers are mapped to the schema's by roster.ts). */
const columnOf = (tab: RosterTab, header: string): number => (tab as Table).column(header);

/** A cell as the plan compares it: text decoded, numbers and booleans kept. */
function cellValue(value: unknown, timeZone: string): RosterValue | '' {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return decodeText(value, timeZone).trim();
}

interface Workbook {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  teachers: Table<TeachersSpec>;
  families: Table<FamiliesSpec>;
  context(kind: 'teachers' | 'families'): RosterContext;
}

function openWorkbook(): Workbook {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const settings = getSheetOrExplain(spreadsheet, TAB.settings).getDataRange().getValues();
  const { pickLists } = parseSettings(settings, timeZone);
  const teachers = readTable(spreadsheet, TEACHERS);
  const families = readTable(spreadsheet, FAMILIES);
  const emailAt = teachers.column('Email');
  const teacherEmails = new Set(
    emailAt < 0 ? [] : teachers.rows.map((r) => decodeText(r[emailAt], timeZone).trim().toLowerCase()),
  );
  teacherEmails.delete('');
  return {
    spreadsheet,
    timeZone,
    teachers,
    families,
    context(kind) {
      const tab: RosterTab = kind === 'teachers' ? teachers : families;
      const keyAt = columnOf(tab, rosterKey(kind));
      const existing: RosterContext['existing'] = new Map();
      if (keyAt >= 0) {
        tab.rows.forEach((row, i) => {
          const raw = decodeText(row[keyAt], timeZone).trim();
          const key = kind === 'teachers' ? raw.toLowerCase() : raw;
          if (!key || existing.has(key)) return;
          const values: Record<string, RosterValue | ''> = {};
          for (const col of tab.spec.columns) {
            const at = columnOf(tab, col.header);
            if (at >= 0 && col.type !== 'formula') values[col.header] = cellValue(row[at], timeZone);
          }
          existing.set(key, { row: sheetRow(i), values });
        });
      }
      return { existing, teacherEmails, pickLists };
    },
  };
}

function kindOf(text: string, workbook: Workbook): RosterPlan {
  // Plan once to learn the kind from the headers, then with that tab's rows.
  const probe = planRoster(text, {
    existing: new Map(),
    teacherEmails: new Set(),
    pickLists: workbook.context('teachers').pickLists,
  });
  // An edited header would make every row look new (or its column look missing): name the cell.
  const tab: RosterTab = probe.kind === 'teachers' ? workbook.teachers : workbook.families;
  const spec = tab.spec;
  const edited = planHeaders(spec.name, tab.headers, spec).problems;
  if (edited.length) throw new UserError(`${edited.join(' ')} Nothing was imported.`);
  const key = rosterKey(probe.kind);
  if (columnOf(tab, key) < 0)
    throw new UserError(
      `The ${spec.name} tab has no "${key}" column in row 1, so rows already there cannot be matched. Run Extensions > Relationship Calls > Set up this school, then import again. Nothing was imported.`,
    );
  return planRoster(text, workbook.context(probe.kind), probe.kind);
}

const display = (v: RosterValue | ''): string => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v));

export function previewRoster(text: string): RosterPreview {
  const plan = kindOf(String(text ?? ''), openWorkbook());
  return {
    kind: plan.kind,
    add: plan.add.map((r) => ({
      line: r.line,
      cells: Object.fromEntries(Object.entries(r.values).map(([h, v]) => [h, display(v)])),
    })),
    update: plan.update.map((u) => ({
      line: u.line,
      key: u.key,
      changes: Object.entries(u.changes).map(([header, [from, to]]) => ({
        header,
        from: display(from),
        to: display(to),
      })),
    })),
    unchanged: plan.unchanged,
    rejected: plan.rejected,
    ignoredHeaders: plan.ignoredHeaders,
  };
}

/** What is written to a cell: text through the encoder, numbers and booleans as they are. */
function toCell(value: RosterValue): string | number | boolean {
  return typeof value === 'string' ? encodeText(value) : value;
}

/** A cell read back for rewriting unchanged: its formula if it has one, text re-encoded, else as is. */
function keep(value: unknown, formula: string): unknown {
  if (formula) return formula;
  if (typeof value === 'string') return encodeText(value);
  if (isDate(value) || typeof value === 'number' || typeof value === 'boolean') return value;
  return value ?? '';
}

export function importRoster(text: string): RosterImportResult {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new UserError('Open Import roster from the school spreadsheet.');
  if (!lock.tryLock(LOCK_TIMEOUT_MS))
    throw new UserError('Someone else is saving to the spreadsheet. Wait a moment, then press Import again.');
  try {
    const workbook = openWorkbook();
    const plan = kindOf(String(text ?? ''), workbook);
    const tab: RosterTab = plan.kind === 'teachers' ? workbook.teachers : workbook.families;
    const written = writePlan(tab, plan);
    if (written) SpreadsheetApp.flush();
    const noun =
      plan.kind === 'teachers'
        ? plan.add.length === 1
          ? 'teacher'
          : 'teachers'
        : plan.add.length === 1
          ? 'family'
          : 'families';
    const parts = [`${plan.add.length} ${noun} added`, `${plan.update.length} updated`];
    if (plan.rejected.length) parts.push(`${plan.rejected.length} rejected (see the list)`);
    return {
      added: plan.add.length,
      updated: plan.update.length,
      rejected: plan.rejected.length,
      message: `${parts.join(', ')}.`,
    };
  } finally {
    lock.releaseLock();
  }
}

/** Writes the plan over the touched rows: one setValues per run of roster columns (one on the schema's layout). */
function writePlan(tab: RosterTab, plan: RosterPlan): boolean {
  const spec = tab.spec;
  if (!plan.add.length && !plan.update.length) return false;
  const headers = new Set<string>();
  for (const r of plan.add) for (const h of Object.keys(r.values)) headers.add(h);
  for (const u of plan.update) for (const h of Object.keys(u.changes)) headers.add(h);
  const columns = [...headers].map((h) => {
    const at = columnOf(tab, h);
    if (at < 0)
      throw new UserError(
        `The ${spec.name} tab has no "${h}" column. Run Extensions > Relationship Calls > Set up this school, then import again. Nothing was imported.`,
      );
    return { header: h, at };
  });
  columns.sort((a, b) => a.at - b.at);

  // New rows go after the last row holding anything but formula results.
  const formulaCols = new Set(
    spec.columns.filter((c) => c.type === 'formula').map((c) => columnOf(tab, c.header)),
  );
  const firstNew = lastEnteredRow([tab.headers, ...tab.rows], formulaCols) + 1;
  const top = Math.min(firstNew, ...plan.update.map((u) => u.row));
  const bottom = plan.add.length
    ? firstNew + plan.add.length - 1
    : Math.max(...plan.update.map((u) => u.row));
  const sheet = tab.sheet;
  if (sheet.getMaxRows() < bottom) sheet.insertRowsAfter(sheet.getMaxRows(), bottom - sheet.getMaxRows());

  const changes = new Map<number, Record<string, RosterValue>>();
  for (const u of plan.update)
    changes.set(u.row, Object.fromEntries(Object.entries(u.changes).map(([h, [, to]]) => [h, to])));
  plan.add.forEach((r, i) => {
    changes.set(firstNew + i, r.values);
  });

  const rosterColumns = new Map<number, string>();
  for (const c of spec.columns) {
    const at = columnOf(tab, c.header);
    if (at >= 0 && c.type !== 'formula') rosterColumns.set(at, c.header);
  }
  const runs = writeRuns(columns, rosterColumns);
  const height = bottom - top + 1;
  for (const run of runs) {
    const first = run[0]?.at ?? 0;
    const range = sheet.getRange(top, first + 1, height, run.length);
    const formulas = range.getFormulas();
    const block = Array.from({ length: height }, (_, r) => {
      const row = top + r;
      const set = changes.get(row);
      return run.map((c, k) => {
        const value = set?.[c.header];
        if (value !== undefined) return toCell(value);
        return keep(tab.rows[dataIndex(row)]?.[c.at], formulas[r]?.[k] ?? '');
      });
    });
    range.setValues(block);
  }
  return true;
}
