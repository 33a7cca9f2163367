/**
 * Helpers shared by the workbook bundle tests: run dist/Code.js in the emulator on a Workbook and read
 * back what a person would see (values by header, recorded validation, notes, formats, protections).
 * Every name is invented; emails use the reserved .example domain.
 */
import { Emulator, type RunResult, Workbook } from '../../emulator';
import { TABLES, type TableSpec } from '../../src/common/schema';
import { DIST, HANG_GUARD_MS, PRINCIPAL } from './school-fixture';

export { DIST, PRINCIPAL };

export function emulatorFor(workbook: Workbook): Emulator {
  return new Emulator({ bundleDir: DIST, workbook, timeoutMs: HANG_GUARD_MS });
}

export function newWorkbook(name = 'Maple Grove Elementary'): Workbook {
  const workbook = new Workbook({ name, timeZone: 'America/New_York' });
  workbook.setSheet('Sheet1', []);
  return workbook;
}

/** Runs Set up this school from the menu, answering its closing alert; returns the run and the alert. */
export function setUp(emu: Emulator): { run: RunResult; message: string } {
  const run = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(run.error).toBeUndefined();
  return { run, message: run.ui.alerts[0]?.prompt ?? '' };
}

/** A tab's data rows as objects keyed by its header row. */
export function records(workbook: Workbook, tab: string): Record<string, unknown>[] {
  const [head = [], ...rows] = workbook.values(tab);
  return rows
    .filter((r) => r.some((v) => v !== '' && v !== null))
    .map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
}

/** The headers a schema table's data rows are typed under (formula columns left out). */
export function typedHeaders(spec: TableSpec): string[] {
  return spec.columns.filter((c) => c.type !== 'formula').map((c) => c.header);
}

/** Rows in a table's typed-column order from objects keyed by header ('' where missing). */
export function rowsOf(spec: TableSpec, rows: readonly Record<string, unknown>[]): unknown[][] {
  const headers = typedHeaders(spec);
  return rows.map((r) => headers.map((h) => r[h] ?? ''));
}

export interface SheetSnapshot {
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  cells: [string, Record<string, unknown>][];
  widths: [number, number][];
  hidden: number[];
  protections: {
    range: [number, number, number, number] | null;
    warningOnly: boolean;
    description: string;
  }[];
}

export function sheetSnapshot(workbook: Workbook, tab: string): SheetSnapshot {
  const found = (workbook.snapshot() as SheetSnapshot[]).find((s) => s.name === tab);
  if (!found) throw new Error(`no ${tab} tab`);
  return found;
}

/** Recorded properties (note, numberFormat, validation...) of a cell, 1-based row and column. */
export function cellProps(snapshot: SheetSnapshot, row: number, column: number): Record<string, unknown> {
  return snapshot.cells.find(([k]) => k === `${row - 1}:${column - 1}`)?.[1] ?? {};
}

export const SCHEMA_TABS = TABLES.map((t) => t.name);
