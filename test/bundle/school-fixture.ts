/**
 * A small invented school for bundle, browser and bench runs of the real dist/Code.js: set up by the
 * add-on's own Set up this school, then two teachers, three families and, when asked, a Call Log of
 * `callRows` earlier attempts by the second teacher (so the first teacher's progress starts at 0).
 * Every name is made up; emails use the reserved .example domain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, type EmulatorOptions, Workbook } from '../../emulator';
import type { CallInput, SidebarContext } from '../../src/common/rpc';
import { CALL_LOG } from '../../src/common/schema';

export const DIST = join(__dirname, '..', '..', 'dist');
export const TIME_ZONE = 'America/New_York';
export const PRINCIPAL = 'principal@maple.example';
export const ANA = 'ana.diaz@maple.example';
export const BEN = 'ben.okafor@maple.example';
export const ANA_GOAL = 4;

/** The families, in Families order: Ana is homeroom teacher of the first two. */
export const FAMILY = {
  leo: { id: 's1', name: 'Leo Diaz', homeroom: ANA },
  mia: { id: 's2', name: 'Mia Chen', homeroom: ANA },
  omar: { id: 's3', name: 'Omar Haddad', homeroom: BEN },
} as const;

/**
 * Another script file of the same project (pass as extraCode): `holdDocumentLock()` takes the
 * document lock, sets the document property `held`, and keeps the lock until a test sets `release`.
 * It stands for a long save by another teacher.
 */
export const LOCK_HOLDER = {
  'zz-holder.js': `function holdDocumentLock() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(1000);
  var props = PropertiesService.getDocumentProperties();
  props.setProperty('held', 'yes');
  while (!props.getProperty('release')) Utilities.sleep(20);
  lock.releaseLock();
  return 'released';
}`,
};

export interface SchoolOptions {
  /** Earlier call rows already on the Call Log (attempts by Ben to Omar's family). */
  callRows?: number;
  /** Families on Families in all: past the three of FAMILY, invented ones ('g1', 'Pupil 1', grade 2, Ben's). */
  families?: number;
  /** The spreadsheet's time zone (default TIME_ZONE). */
  timeZone?: string;
  /** More script files beside dist/Code.js, as other files of the same Apps Script project. */
  extraCode?: Record<string, string>;
  /** Anything else for the Emulator (e.g. how LockService behaves). */
  emulator?: Partial<EmulatorOptions>;
}

export interface School {
  workbook: Workbook;
  emu: Emulator;
}

/**
 * How long a run here may take before the emulator stops it. The emulator's 6-minute stop (Apps
 * Script's limit) is timed on this machine's clock, not Google's: a CI machine that stalled for
 * minutes stopped this fixture's set-up, which takes a few seconds, as if Apps Script had. Here it is
 * only a guard against a run that never ends; the 6-minute stop itself is pinned in
 * emulator/test/runtime.test.ts and by the district's time-budget test.
 */
export const HANG_GUARD_MS = 30 * 60_000;

export function school(options: SchoolOptions = {}): School {
  const workbook = new Workbook({ name: 'Maple Grove Elementary', timeZone: options.timeZone ?? TIME_ZONE });
  workbook.setSheet('Sheet1', []);
  const bundle = options.extraCode
    ? {
        code: { 'Code.js': readFileSync(join(DIST, 'Code.js'), 'utf8'), ...options.extraCode },
        html: { Sidebar: readFileSync(join(DIST, 'Sidebar.html'), 'utf8') },
      }
    : { bundleDir: DIST };
  const emu = new Emulator({ ...bundle, workbook, timeoutMs: HANG_GUARD_MS, ...options.emulator });
  const setup = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  if (setup.error) throw setup.error;
  workbook.appendRows('Teachers', [
    ['Ana Diaz', ANA, ANA_GOAL],
    ['Ben Okafor', BEN, ''],
  ]);
  // A leading apostrophe keeps ids and grades as text, as the roster import writes them.
  workbook.appendRows(
    'Families',
    Object.values(FAMILY).map((f) => [`'${f.id}`, f.name, "'1", f.homeroom]),
  );
  const more = Math.max(0, (options.families ?? 0) - Object.keys(FAMILY).length);
  if (more)
    workbook.appendRows(
      'Families',
      Array.from({ length: more }, (_, i) => [`'g${i + 1}`, `Pupil ${i + 1}`, "'2", BEN]),
    );
  const callRows = options.callRows ?? 0;
  if (callRows) {
    const header = CALL_LOG.columns.map((c) => c.header);
    const cell: Record<string, (i: number) => string> = {
      'Teacher Email': () => BEN,
      'Student ID': () => `'${FAMILY.omar.id}`,
      Outcome: () => 'No answer',
      Method: () => 'Phone',
      'Call Date': () => '2026-09-10',
      'Submission ID': (i) => `'old-${i}`,
    };
    workbook.appendRows(
      'Call Log',
      Array.from({ length: callRows }, (_, i) => header.map((h) => cell[h]?.(i) ?? '')),
    );
    // A seeded log fills its tab to the last row; a log the add-on grew has rows to spare below
    // (src/server/sheet-size.ts adds 500 at a time), so every save measured here is an ordinary one.
    const spare = new Emulator({
      code: `function spare() { const s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('${CALL_LOG.name}'); if (s.getMaxRows() <= s.getLastRow()) s.insertRowsAfter(s.getMaxRows(), 500); }`,
      workbook,
      timeoutMs: HANG_GUARD_MS,
    });
    const grown = spare.run('spare');
    if (grown.error) throw grown.error;
  }
  return { workbook, emu };
}

let made = 0;
/** A reached call from Ana to Leo's family, with a fresh submission id each time. */
export function callInput(overrides: Partial<CallInput> = {}): CallInput {
  made++;
  return {
    submissionId: `0b7e6a52-8d4f-4c3e-9a51-${String(made).padStart(12, '0')}`,
    studentId: FAMILY.leo.id,
    callDate: '2026-09-14',
    personReached: 'Rosa Diaz',
    relationship: 'Mother',
    method: 'Phone',
    outcome: 'Reached',
    language: 'Spanish',
    interpreterUsed: false,
    strengths: 'Leo loves building things',
    hopes: 'Read chapter books',
    learned: 'Call after 6 pm',
    followUp: '',
    followUpBy: '',
    saveToFamily: false,
    ...overrides,
  };
}

/** One column of a tab's data rows (computed values), by header. */
export function column(workbook: Workbook, tab: string, header: string): unknown[] {
  const [head = [], ...rows] = workbook.values(tab);
  const at = head.indexOf(header);
  if (at < 0) throw new Error(`${tab} has no ${header} column`);
  return rows.map((r) => r[at]);
}

/** The Call Log's data rows as objects by header (computed values). */
export function callRows(workbook: Workbook): Record<string, unknown>[] {
  const [head = [], ...rows] = workbook.values('Call Log');
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
}

/**
 * The row getSidebarContext shows a family on (FamilyOption.row): the hint the sidebar sends with
 * logCall and editCall.
 */
export function sidebarFamilyRow(emu: Emulator, studentId: string, user = ANA): number | undefined {
  const context = emu.call('getSidebarContext', [], { user }) as SidebarContext;
  return context.families.find((f) => f.studentId === studentId)?.row;
}

/**
 * What a principal does by hand in the sheet (sort a tab, delete a column): `body` runs in a script
 * of its own on the school's workbook, with `ss` the spreadsheet, outside the add-on.
 */
export function asPrincipal(made: Pick<School, 'workbook'>, body: string): void {
  const principal = new Emulator({
    code: `function edit() { const ss = SpreadsheetApp.getActiveSpreadsheet(); ${body} }`,
    workbook: made.workbook,
  });
  const run = principal.run('edit', [], { user: PRINCIPAL });
  if (run.error) throw run.error;
}
