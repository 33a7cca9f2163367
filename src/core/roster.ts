/**
 * Roster import, pure: parse pasted CSV or TSV, match its headers loosely to the schema ("Student
 * Name", "student_name", "Student" all mean Student Name), validate every row, and plan what would be
 * added and updated. Nothing here writes: the server shows the plan, and writes it in one batch only
 * when the person confirms (src/server/roster-import.ts).
 *
 * Rules: one teacher per email (case-insensitive), one family per Student ID. A row already on the
 * tab is an update of the cells the paste fills in and that differ (a blank cell in the paste never
 * erases what the school knows). A row that cannot be used is rejected with its line and a reason.
 * Ids and emails must be plain (no *, ?, ~, <, >, =): the goal formulas match them with COUNTIFS,
 * which would read those characters as patterns or comparisons.
 */
import {
  type ColumnSpec,
  FAMILIES,
  headerKey,
  MAX_NOTE_LENGTH,
  MAX_TEXT_LENGTH,
  type PickListKey,
  type TableSpec,
  TEACHERS,
} from '../common/schema';
import { UserError } from './errors';

export type RosterKind = 'teachers' | 'families';

/** Rows larger than this are refused as a whole: a paste, not a data warehouse. */
export const MAX_ROSTER_ROWS = 5000;

export interface DelimitedTable {
  headers: string[];
  /** Data rows with their line number in the paste (1 is the header line). */
  rows: { line: number; cells: string[] }[];
}

/**
 * Parses CSV (RFC 4180: quotes, doubled quotes, commas and newlines inside quotes) or TSV (a tab in
 * the header line: what copying from a spreadsheet gives). Blank lines are skipped.
 */
export function parseDelimited(text: string): DelimitedTable {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t')
    ? '\t'
    : firstLine.includes(';') && !firstLine.includes(',')
      ? ';'
      : ',';
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonBlank;
  return { headers: (header?.cells ?? []).map((h) => h.trim()), rows };
}

/** Columns a roster may fill: everything a person types, never formula columns. */
function importable(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter((c) => c.type !== 'formula');
}

export interface HeaderMatch {
  /** Schema header -> index of the pasted column. */
  columns: Map<string, number>;
  /** Pasted headers that match nothing (ignored, and listed in the preview). */
  ignored: string[];
}

/** Matches pasted headers to a table's columns: the header itself first, then its aliases. */
export function matchHeaders(headers: readonly string[], spec: TableSpec): HeaderMatch {
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  const keys = headers.map(headerKey);
  const specs = importable(spec);
  // Exact names win over aliases: "Email" on a families paste is Family Email only if nothing else is.
  for (const pass of ['header', 'alias'] as const) {
    for (const col of specs) {
      if (columns.has(col.header)) continue;
      const names = pass === 'header' ? [col.header] : (col.aliases ?? []);
      for (const name of names) {
        const at = keys.findIndex((k, i) => k !== '' && k === headerKey(name) && !taken.has(i));
        if (at >= 0) {
          columns.set(col.header, at);
          taken.add(at);
          break;
        }
      }
    }
  }
  const ignored = headers.filter((h, i) => h !== '' && !taken.has(i));
  return { columns, ignored };
}

/** Teachers or families, from the headers: a Student ID column means families. */
export function detectKind(headers: readonly string[]): RosterKind | null {
  if (matchHeaders(headers, FAMILIES).columns.has('Student ID')) return 'families';
  if (matchHeaders(headers, TEACHERS).columns.has('Email')) return 'teachers';
  return null;
}

const EMAIL = /^[^\s@*?~<>="',;()]+@[^\s@*?~<>="',;()]+\.[^\s@*?~<>="',;()]+$/;
const STUDENT_ID = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,39}$/u;

export function isPlainEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** A value as it will be written: text (the server encodes it), a number or a boolean. */
export type RosterValue = string | number | boolean;

export interface RosterRow {
  /** Line in the paste. */
  line: number;
  /** The row's key: lower-cased email or Student ID. */
  key: string;
  /** Schema header -> value. */
  values: Record<string, RosterValue>;
}

export interface RosterUpdate extends RosterRow {
  /** Sheet row of the existing record. */
  row: number;
  /** Schema header -> [current, new] for each cell that changes. */
  changes: Record<string, [RosterValue | '', RosterValue]>;
}

export interface RosterPlan {
  kind: RosterKind;
  add: RosterRow[];
  update: RosterUpdate[];
  /** Rows already on the tab with nothing new. */
  unchanged: number;
  rejected: { line: number; reason: string }[];
  ignoredHeaders: string[];
}

/** What the plan needs to know of the workbook. */
export interface RosterContext {
  /** Existing rows of the target tab: key (lower-cased email or Student ID) -> sheet row and values. */
  existing: Map<string, { row: number; values: Record<string, RosterValue | ''> }>;
  /** Lower-cased emails on Teachers (a family's homeroom teacher must be one). */
  teacherEmails: ReadonlySet<string>;
  pickLists: Record<PickListKey, string[]>;
}

function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || ['no', 'n', 'false', '0'].includes(t)) return false;
  if (['yes', 'y', 'true', '1', 'x', '✓'].includes(t)) return true;
  return null;
}

/** One pasted row -> values by schema header, or the reason it cannot be used. */
function readRow(
  kind: RosterKind,
  cells: readonly string[],
  match: HeaderMatch,
  context: RosterContext,
): { key: string; values: Record<string, RosterValue> } | { reason: string } {
  const spec = kind === 'teachers' ? TEACHERS : FAMILIES;
  const values: Record<string, RosterValue> = {};
  for (const col of importable(spec)) {
    const at = match.columns.get(col.header);
    if (at === undefined) continue;
    const text = (cells[at] ?? '').trim();
    if (text === '') continue;
    const limit = col.type === 'longtext' ? MAX_NOTE_LENGTH : MAX_TEXT_LENGTH;
    if (text.length > limit) return { reason: `${col.header} is longer than ${limit} characters.` };
    if (col.type === 'email') {
      if (!isPlainEmail(text)) return { reason: `${col.header} "${text}" is not an email address.` };
      values[col.header] = text.toLowerCase();
    } else if (col.type === 'number') {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 1000)
        return { reason: `${col.header} must be a whole number such as 10, not "${text}".` };
      values[col.header] = n;
    } else if (col.type === 'boolean') {
      const b = yesNo(text);
      if (b === null) return { reason: `${col.header} must be yes or no, not "${text}".` };
      values[col.header] = b;
    } else if (col.type === 'pick' && col.pickList) {
      const item = context.pickLists[col.pickList].find((p) => headerKey(p) === headerKey(text));
      if (!item)
        return {
          reason: `${col.header} "${text}" is not on the ${col.pickList} list in Settings (add it there, or fix the row).`,
        };
      values[col.header] = item;
    } else values[col.header] = text;
  }
  if (kind === 'teachers') {
    const email = values.Email;
    if (typeof email !== 'string')
      return { reason: 'No email: every teacher needs the email they sign in with.' };
    if (!values.Name) return { reason: 'No name.' };
    return { key: email, values };
  }
  const id = values['Student ID'];
  if (typeof id !== 'string') return { reason: 'No Student ID.' };
  if (!STUDENT_ID.test(id))
    return { reason: `Student ID "${id}" may hold only letters, digits, dots, dashes and slashes.` };
  if (!values['Student Name']) return { reason: 'No student name.' };
  const homeroom = values['Homeroom Teacher Email'];
  if (typeof homeroom === 'string' && !context.teacherEmails.has(homeroom))
    return { reason: `Teacher ${homeroom} is not on the Teachers tab (import teachers first).` };
  return { key: id, values };
}

export function planRoster(text: string, context: RosterContext, kind?: RosterKind): RosterPlan {
  const parsed = parseDelimited(text);
  if (parsed.headers.length === 0)
    throw new UserError('Paste a roster first: a header line, then one line per teacher or family.');
  const found = kind ?? detectKind(parsed.headers);
  if (!found)
    throw new UserError(
      'The first line must name the columns: "Student ID" and "Student Name" for families, or "Name" and "Email" for teachers.',
    );
  if (parsed.rows.length > MAX_ROSTER_ROWS)
    throw new UserError(`That is ${parsed.rows.length} rows; import at most ${MAX_ROSTER_ROWS} at a time.`);
  const spec = found === 'teachers' ? TEACHERS : FAMILIES;
  const match = matchHeaders(parsed.headers, spec);
  const keyHeader = found === 'teachers' ? 'Email' : 'Student ID';
  if (!match.columns.has(keyHeader))
    throw new UserError(`The first line has no "${keyHeader}" column, so rows cannot be matched.`);

  const plan: RosterPlan = {
    kind: found,
    add: [],
    update: [],
    unchanged: 0,
    rejected: [],
    ignoredHeaders: match.ignored,
  };
  const seen = new Map<string, number>();
  for (const { line, cells } of parsed.rows) {
    const read = readRow(found, cells, match, context);
    if ('reason' in read) {
      plan.rejected.push({ line, reason: read.reason });
      continue;
    }
    const keyOf = found === 'teachers' ? read.key.toLowerCase() : read.key;
    const first = seen.get(keyOf);
    if (first !== undefined) {
      plan.rejected.push({ line, reason: `Same ${keyHeader} as line ${first}: only the first is imported.` });
      continue;
    }
    seen.set(keyOf, line);
    const existing = context.existing.get(keyOf);
    if (!existing) {
      plan.add.push({ line, key: keyOf, values: read.values });
      continue;
    }
    const changes: RosterUpdate['changes'] = {};
    for (const [header, value] of Object.entries(read.values)) {
      const current = existing.values[header] ?? '';
      const same =
        typeof value === 'string' && typeof current === 'string'
          ? header === keyHeader || value === current
          : value === current;
      if (!same) changes[header] = [current, value];
    }
    if (Object.keys(changes).length)
      plan.update.push({ line, key: keyOf, values: read.values, row: existing.row, changes });
    else plan.unchanged++;
  }
  return plan;
}

export interface PlacedColumn {
  header: string;
  /** 0-based column on the tab. */
  at: number;
}

/**
 * The 1-based row of the last row holding anything but formula results (1, the header, when none):
 * new roster rows go after it, not after rows an array formula's results fill.
 */
export function lastEnteredRow(
  values: readonly (readonly unknown[])[],
  formulaColumns: ReadonlySet<number>,
): number {
  let last = 1;
  values.forEach((row, i) => {
    if (i > 0 && row.some((v, c) => !formulaColumns.has(c) && v !== '' && v !== null)) last = i + 1;
  });
  return last;
}

/**
 * Groups the columns an import writes (sorted by position) into runs, each one read of formulas and
 * one write. A gap of roster columns the paste does not fill joins two runs (its cells are written
 * back as they are), so on the schema's layout the import is one setValues; a formula column or a
 * column of the school's own ends a run, because rewriting it could break an array formula's spill
 * or touch what the add-on does not own.
 */
export function writeRuns(
  columns: readonly PlacedColumn[],
  rosterColumns: ReadonlyMap<number, string>,
): PlacedColumn[][] {
  const runs: PlacedColumn[][] = [];
  for (const c of columns) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    const gap: PlacedColumn[] = [];
    for (let at = (prev?.at ?? c.at) + 1; at < c.at; at++) {
      const header = rosterColumns.get(at);
      if (header === undefined) break;
      gap.push({ header, at });
    }
    if (run && prev && prev.at + 1 + gap.length === c.at) run.push(...gap, c);
    else runs.push([c]);
  }
  return runs;
}
