/**
 * Typed rows of the data tabs, read from one getValues by header name, and rows written back the same
 * way. Hand-typed rows are normal: values may be numbers, booleans, dates or text in any cell, so
 * every cell is read through ONE codec per column type (below) and the rest of the code (progress,
 * summary, sidebar) works on clean records. The record types come from the schema's columns
 * (RecordOf), so a field cannot be read under one name and written under another.
 */
import {
  CALL_LOG,
  type CallLogSpec,
  CHECK_INS,
  type CheckInsSpec,
  type ColumnSpec,
  type ColumnType,
  FAMILIES,
  type FamiliesSpec,
  type HeaderOf,
  headerKey,
  type RecordOf,
  type TableSpec,
  TEACHERS,
  type TeachersSpec,
  type ValueOfType,
} from '../common/schema';
import { decodeText, encodeText, isDate, toIsoDate } from './cell-encoding';
import { startOfDayIn } from './dates';
import { readDate } from './settings';

/** What records need of a table: its data rows and a way to find a column by header (-1: absent). */
export interface TableLike<S extends TableSpec = TableSpec> {
  /** Data rows: rows[i] is on sheet row sheetRow(i). */
  readonly rows: readonly (readonly unknown[])[];
  column(header: HeaderOf<S>): number;
}

/** Header rows above the data on every data tab. */
export const HEADER_ROWS = 1;
/** The ONE row-offset rule: the sheet row (1-based) of data row i (0-based, header excluded). */
export const sheetRow = (i: number): number => i + HEADER_ROWS + 1;
/** The data row index (0-based) of a sheet row: sheetRow's inverse. */
export const dataIndex = (row: number): number => row - HEADER_ROWS - 1;
/** Whether `row` (from a client, say) is a sheet row data can be on (Sheets holds at most 10 million cells). */
export const isDataRow = (row: unknown): row is number =>
  typeof row === 'number' && Number.isInteger(row) && row > HEADER_ROWS && row <= 10_000_000;

export type TeacherRecord = RecordOf<TeachersSpec> & {
  /** The Goal cell as typed, when it is not a usable number (shown as a data-quality problem). */
  badGoal: string;
};
/** The knowledge columns' fields: a family record holds them by header, in `knowledge`. */
type KnowledgeField = Extract<FamiliesSpec['columns'][number], { readonly type: 'longtext' }>['field'];
export type FamilyRecord = Omit<RecordOf<FamiliesSpec>, KnowledgeField> & {
  /** Knowledge column header -> text ('' when unknown). */
  knowledge: Record<string, string>;
};
export type CallRecord = RecordOf<CallLogSpec>;
export type CheckInRecord = RecordOf<CheckInsSpec>;

/** How one column type reads from a cell and writes to one. */
interface Codec<V> {
  read(cell: unknown, timeZone: string, column: ColumnSpec): V;
  write(value: V, timeZone: string): unknown;
}

/** Names and pick-list values are trimmed; ids keep their text (a hand-typed 7 and '7' are one student). */
const text: Codec<string> = {
  read(cell, timeZone, column) {
    const value = decodeText(cell, timeZone);
    // A column compared by the formulas' criteria keeps its spaces (a cell of blanks alone is empty).
    return column.untrimmed && value.trim() ? value : value.trim();
  },
  write: (value) => encodeText(value),
};

const CODECS: { readonly [T in ColumnType]: Codec<ValueOfType[T]> } = {
  text,
  id: text,
  pick: text,
  email: {
    read: (cell, timeZone, column) => text.read(cell, timeZone, column).toLowerCase(),
    write: text.write,
  },
  /**
   * What a person wrote, exactly (a note may start with a tab or "="): only a cell of blanks alone
   * reads as empty.
   */
  longtext: {
    read(cell, timeZone) {
      const value = decodeText(cell, timeZone);
      return value.trim() ? value : '';
    },
    write: text.write,
  },
  date: {
    // A column counted by the goal formulas reads date cells only: text that looks like a date is not
    // one to COUNTIFS (emulator/SHEETS-BEHAVIOUR.md). Other date columns also read typed ISO text.
    read: (cell, timeZone, column) =>
      column.dateCellsOnly
        ? isDate(cell)
          ? toIsoDate(cell, timeZone)
          : ''
        : (readDate(cell, timeZone) ?? ''),
    write: (value, timeZone) => (value ? startOfDayIn(value, timeZone) : ''),
  },
  datetime: { read: (cell) => (isDate(cell) ? cell : null), write: (value) => value ?? '' },
  number: {
    read(cell, timeZone) {
      const typed = decodeText(cell, timeZone).trim();
      const n = typeof cell === 'number' ? cell : typed === '' ? Number.NaN : Number(typed);
      return Number.isInteger(n) && n >= 0 ? n : null;
    },
    write: (value) => value ?? '',
  },
  percent: {
    read(cell, timeZone) {
      const n = typeof cell === 'number' ? cell : Number(decodeText(cell, timeZone).trim() || Number.NaN);
      return Number.isFinite(n) ? n : null;
    },
    write: (value) => value ?? '',
  },
  boolean: {
    read: (cell) => cell === true || /^(true|yes|y|x|✓)$/i.test(String(cell ?? '').trim()),
    write: (value) => value,
  },
  formula: {
    read: () => undefined as never,
    write: () => '',
  },
};

const blankRow = (row: readonly unknown[]) => row.every((v) => v === '' || v === null || v === undefined);

/** The data columns of a spec (formula columns are computed by the sheet, not read into records). */
const dataColumns = (spec: TableSpec) => spec.columns.filter((c) => c.type !== 'formula');

/**
 * Every non-blank data row of a table as a record of the spec's fields. A column the sheet lacks
 * reads as its type's blank ('' or false or null), as if every cell of it were empty.
 */
export function recordsOf<S extends TableSpec>(
  spec: S,
  table: TableLike<S>,
  timeZone: string,
): RecordOf<S>[] {
  const columns = dataColumns(spec).map((c) => ({ c, at: table.column(c.header as HeaderOf<S>) }));
  const out: RecordOf<S>[] = [];
  table.rows.forEach((row, i) => {
    if (blankRow(row)) return;
    const record: Record<string, unknown> = { row: sheetRow(i) };
    for (const { c, at } of columns) {
      record[c.field] = CODECS[c.type].read(at < 0 ? '' : row[at], timeZone, c);
    }
    out.push(record as RecordOf<S>);
  });
  return out;
}

/** A header row and data rows found by header (case, spacing and punctuation forgiven). */
export function tableOf<S extends TableSpec>(
  values: readonly (readonly unknown[])[],
): TableLike<S> & {
  readonly headers: readonly unknown[];
} {
  const headers = values[0] ?? [];
  const index = headerIndex(headers);
  return { headers, rows: values.slice(HEADER_ROWS), column: (header) => index.get(headerKey(header)) ?? -1 };
}

/** Maps normalised header text to its 0-based column; the first of two equal headers wins. */
export function headerIndex(headers: readonly unknown[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, i) => {
    const key = headerKey(header);
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}

/** The records of a tab's values (header row first), e.g. one getDataRange().getValues(). */
export function readRecords<S extends TableSpec>(
  spec: S,
  values: readonly (readonly unknown[])[],
  timeZone: string,
): RecordOf<S>[] {
  return recordsOf(spec, tableOf<S>(values), timeZone);
}

/**
 * The cells of the fields a record gives, by 0-based column of `headers` (the sheet's header row),
 * each through its column type's codec: texts through the cell encoder, dates as the day's start in
 * the time zone. Fields whose column the sheet lacks are left out.
 */
export function toCells<S extends TableSpec>(
  spec: S,
  headers: readonly unknown[],
  record: Partial<RecordOf<S>>,
  timeZone: string,
): Map<number, unknown> {
  const index = headerIndex(headers);
  const cells = new Map<number, unknown>();
  const fields = record as Record<string, unknown>;
  for (const c of dataColumns(spec)) {
    const at = index.get(headerKey(c.header));
    if (at === undefined || !(c.field in fields) || fields[c.field] === undefined) continue;
    cells.set(at, (CODECS[c.type] as Codec<unknown>).write(fields[c.field], timeZone));
  }
  return cells;
}

/** A whole row as wide as `headers`: the record's cells where it has fields, '' elsewhere. */
export function toRow<S extends TableSpec>(
  spec: S,
  headers: readonly unknown[],
  record: Partial<RecordOf<S>>,
  timeZone: string,
): unknown[] {
  const cells = toCells(spec, headers, record, timeZone);
  return headers.map((_, i) => (cells.has(i) ? cells.get(i) : ''));
}

export function readTeachers(table: TableLike<TeachersSpec>, timeZone: string): TeacherRecord[] {
  const goalAt = table.column('Goal');
  return recordsOf(TEACHERS, table, timeZone).map((teacher) => {
    const typed = goalAt < 0 ? '' : decodeText(table.rows[dataIndex(teacher.row)]?.[goalAt], timeZone).trim();
    return { ...teacher, badGoal: teacher.goal === null ? typed : '' };
  });
}

export function readFamilies(table: TableLike<FamiliesSpec>, timeZone: string): FamilyRecord[] {
  const knowledgeColumns = FAMILIES.columns.filter((c) => c.type === 'longtext');
  const knowledgeFields = new Set<string>(knowledgeColumns.map((c) => c.field));
  return recordsOf(FAMILIES, table, timeZone).map((read) => {
    const fields = read as Record<string, unknown>;
    const family: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) if (!knowledgeFields.has(key)) family[key] = fields[key];
    const knowledge: Record<string, string> = {};
    for (const c of knowledgeColumns) knowledge[c.header] = String(fields[c.field] ?? '');
    family.knowledge = knowledge;
    return family as FamilyRecord;
  });
}

export function readCalls(table: TableLike<CallLogSpec>, timeZone: string): CallRecord[] {
  return recordsOf(CALL_LOG, table, timeZone);
}

export function readCheckIns(table: TableLike<CheckInsSpec>, timeZone: string): CheckInRecord[] {
  return recordsOf(CHECK_INS, table, timeZone);
}
