/**
 * The shape of the workbook contract: what a column and a table are, and what the rest of the code
 * derives from them by types (a table's headers, its record type, the headers an action needs). The
 * tables themselves are in tables.ts, written `as const` so every header and field is a literal:
 * `column(CALL_LOG, 'Teacher Emial')` does not compile.
 */

export const TAB = {
  settings: 'Settings',
  teachers: 'Teachers',
  families: 'Families',
  callLog: 'Call Log',
  summary: 'Summary',
  checkIns: 'Check-ins',
} as const;
export type TabKey = keyof typeof TAB;
export type TabName = (typeof TAB)[TabKey];

/**
 * The district workbook's own tabs (not part of a school's contract, so not in TAB: set-up and the
 * template copy of a school never create or look for them).
 */
export const DISTRICT_TAB = { schools: 'Schools', district: 'District' } as const;

/** How a column's cells are typed, validated, formatted and read (one codec per type, core/records.ts). */
export type ColumnType =
  | 'text' // short free text, written through the cell encoder, read trimmed
  | 'longtext' // notes (bounded length), written through the cell encoder, read exactly as typed
  | 'id' // an identifier kept as text ("007" stays "007")
  | 'email' // read lower-cased: emails match in any case
  | 'date' // a calendar date in the spreadsheet's time zone, read as 'YYYY-MM-DD'
  | 'datetime'
  | 'number' // a whole number, or blank
  | 'percent'
  | 'boolean' // a checkbox
  | 'pick' // one value of a Settings pick-list
  | 'formula'; // computed by a column formula written by set-up; never typed, not in records

export type PickListKey = 'methods' | 'outcomes' | 'relationships' | 'languages' | 'grades';

/**
 * What an action cannot do without: a column it reads to find rows or work out a figure. A renamed
 * one would silently blank a cell or turn a figure to zero, so the action refuses with a sentence.
 */
export type Action =
  | 'logCall' // logCall, editCall and deleteCall: find the row and the teacher's progress
  | 'editCall' // editCall also stamps Edited At
  | 'sidebar' // the sidebar's families and progress
  | 'summary' // the Summary rebuild (and the district roll-up, which reads schools through it)
  | 'rosterImport' // matching pasted rows to rows already there
  | 'checkIn' // Record a check-in
  | 'district' // the district roll-up's list of schools
  | 'setup'; // set-up recognises a renamed tab by these headers

/** How a call's form shows a Call Log field: its label (messages name fields by it) and its place. */
export interface FormFieldSpec {
  readonly label: string;
  /** Position on the form: problems are listed in this order, so the first is the first to fix. */
  readonly order: number;
  /** The form refuses to save without it. */
  readonly required?: boolean;
  /** Only for a call where the family was reached: the form shows it only then. */
  readonly reachedOnly?: boolean;
}

export interface ColumnSpec {
  /** The header text people see. Matching forgives case, spacing, underscores and punctuation. */
  readonly header: string;
  /** The record field the column reads into (formula columns have one too but are not read). */
  readonly field: string;
  readonly type: ColumnType;
  /** The number format set-up gives the column's cells ('' for none). */
  readonly format: string;
  readonly help: string;
  /** The actions that refuse to run without this column. */
  readonly requiredBy: readonly Action[];
  readonly pickList?: PickListKey;
  /** Must name a row of another tab (validated by set-up as a dropdown from that column). */
  readonly references?: { readonly tab: TabKey; readonly column: string };
  /** A date column that counts only date cells, as the goal formulas' date criteria do. */
  readonly dateCellsOnly?: boolean;
  /**
   * A text column the goal formulas compare with a criterion, which ignores case but does not trim:
   * read as typed (spaces kept), so ' Reached ' counts nowhere, as in COUNTIFS.
   */
  readonly untrimmed?: boolean;
  /** Column width in pixels set by set-up. */
  readonly width?: number;
  /** Hidden by set-up (still readable by scripts and people who unhide it). */
  readonly hidden?: boolean;
  /** Other header spellings accepted when importing a roster ("Student Name" for "Student"). */
  readonly aliases?: readonly string[];
  /** A field of the call form (Call Log only): see FormFieldSpec. */
  readonly form?: FormFieldSpec;
}

export interface TableSpec {
  readonly key: TabKey | keyof typeof DISTRICT_TAB;
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
}

/** Every header of a table, as a union of literals (string for a table typed only as TableSpec). */
export type HeaderOf<S extends TableSpec> = S['columns'][number]['header'];
/** The column of a table with this header. */
export type ColumnOf<S extends TableSpec, H extends HeaderOf<S> = HeaderOf<S>> = Extract<
  S['columns'][number],
  { readonly header: H }
>;

/** What a record holds for each column type, once read from a cell. */
export interface ValueOfType {
  text: string;
  longtext: string;
  id: string;
  email: string;
  /** 'YYYY-MM-DD', or '' when blank or not a date. */
  date: string;
  datetime: Date | null;
  /** null when blank or not a usable number. */
  number: number | null;
  percent: number | null;
  boolean: boolean;
  pick: string;
  formula: never;
}

type Simplify<T> = { -readonly [K in keyof T]: T[K] } & {};

/** One data row of a table, by field: derived from the spec, never written by hand. */
export type RecordOf<S extends TableSpec> = Simplify<
  {
    /** Sheet row (header is row 1). */
    row: number;
  } & {
    [C in S['columns'][number] as C['type'] extends 'formula' ? never : C['field']]: ValueOfType[C['type']];
  }
>;

/** The record field a header reads into. */
export type FieldOf<S extends TableSpec, H extends HeaderOf<S>> = ColumnOf<S, H>['field'];

/** The column of `spec` with this header; the header must be one of the spec's (checked by the compiler). */
export function column<S extends TableSpec, H extends HeaderOf<S>>(spec: S, header: H): ColumnOf<S, H> {
  const found = spec.columns.find((c) => c.header === header);
  if (!found) throw new Error(`${spec.name} has no column "${header}".`);
  return found as ColumnOf<S, H>;
}

/** The headers of `spec` that `action` cannot do without, in the spec's order. */
export function requiredHeaders<S extends TableSpec>(spec: S, action: Action): HeaderOf<S>[] {
  return spec.columns.filter((c) => c.requiredBy.includes(action)).map((c) => c.header as HeaderOf<S>);
}

/** Normalises a header for matching: case, spaces, underscores, hyphens and punctuation forgiven. */
export function headerKey(text: unknown): string {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The format set-up gives a column of each type (formula columns say their own). */
const TYPE_FORMATS: Readonly<Record<ColumnType, string>> = {
  // Plain text: a Student ID typed by hand stays "0042", as the sidebar writes it, and criteria
  // compare it as text (Sheets' plain-text format is "@").
  id: '@',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  number: '0',
  percent: '0%',
  text: '',
  longtext: '',
  email: '',
  boolean: '',
  pick: '',
  formula: '',
};

/** Optional parts of a column; `format` overrides the type's format. */
export type ColumnExtra = Partial<Omit<ColumnSpec, 'header' | 'field' | 'type' | 'help'>>;

/**
 * A column with its literal header, field and type kept (so tables built of these are typed by
 * header), and the type's format and an empty requiredBy filled in when the extra does not say.
 */
export function col<
  const H extends string,
  const F extends string,
  const T extends ColumnType,
  const X extends ColumnExtra = Record<never, never>,
>(
  header: H,
  field: F,
  type: T,
  help: string,
  extra?: X,
): { readonly header: H; readonly field: F; readonly type: T; readonly help: string } & Omit<
  ColumnSpec,
  'header' | 'field' | 'type' | 'help'
> &
  X {
  return { header, field, type, help, format: TYPE_FORMATS[type], requiredBy: [], ...extra } as never;
}

/** A table of columns, keeping each column's literal types. */
export function table<
  const K extends TableSpec['key'],
  const N extends string,
  const C extends readonly ColumnSpec[],
>(
  key: K,
  name: N,
  columns: C,
): { readonly key: K; readonly name: N; readonly columns: readonly ColumnSpec[] & C } {
  // The columns are typed both ways: as plain ColumnSpecs, so `columns.map((c) => c.header)` is a
  // string[] anyone may search with any text, and as the literal tuple, so HeaderOf and RecordOf see
  // every header and field.
  return { key, name, columns };
}
