/**
 * The preview's demo school: the add-on's own `setUpSchool` builds the tabs, formulas, validation and
 * pick-lists on a fresh workbook, then the invented rows of scripts/fixtures/demo-school.ts are appended and the
 * add-on rebuilds its Summary. Nothing here writes a formula or a header itself, so the demo is what a
 * school gets from the real add-on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, Workbook } from '../emulator';
import {
  addDays,
  DEMO_SCHOOL_NAME,
  type DemoPerson,
  demoTables,
  generateDemoSchool,
} from '../scripts/fixtures/demo-school';
import { SETTINGS, TAB } from '../src/common/schema';

export interface Person extends DemoPerson {
  role: 'teacher' | 'principal' | 'coach';
}

/** The demo's name on the workbook, as "New school from this template" would name it. */
export const DEMO_WORKBOOK_NAME = `${DEMO_SCHOOL_NAME} - Relationship Calls`;
export const ADDON_NAME = 'Relationship Calls';

/** Days the demo's call window stays open after the last generated call, so calls logged today count. */
const WINDOW_DAYS_AHEAD = 60;
const GENERATED_DAYS = 30;

export function bundleTimeZone(bundleDir: string): string {
  const manifest = JSON.parse(readFileSync(join(bundleDir, 'appsscript.json'), 'utf8')) as {
    timeZone?: string;
  };
  return manifest.timeZone ?? 'America/New_York';
}

/** Today as YYYY-MM-DD in a time zone (the spreadsheet's "today"). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Who the preview can sign in as: the school's first teacher, the principal and a coach. */
export function demoPeople(teacher?: DemoPerson): Person[] {
  const school = generateDemoSchool({ calls: 0 });
  const first = school.teachers[0];
  const fallback = { name: String(first?.Name ?? ''), email: String(first?.Email ?? '') };
  return [
    { ...(teacher ?? fallback), role: 'teacher' },
    { ...school.principal, role: 'principal' },
    { ...school.coach, role: 'coach' },
  ];
}

export interface DemoWorkbook {
  workbook: Workbook;
  people: Person[];
}

/**
 * Builds the demo school workbook: a month of calls ending today (in the bundle's time zone), with
 * the call window open a while longer so the calls a visitor logs count toward goals.
 */
export function createDemoWorkbook(
  bundleDir: string,
  now = new Date(),
  /** Another school of the demo district: its name and seed (default: the demo school). */
  other?: { name: string; seed: number },
): DemoWorkbook {
  const timeZone = bundleTimeZone(bundleDir);
  const start = addDays(todayIn(timeZone, now), -(GENERATED_DAYS - 1));
  const school = generateDemoSchool({
    startDate: start,
    days: GENERATED_DAYS,
    messy: true,
    ...(other ? { seed: other.seed } : {}),
  });
  if (other) school.settings.schoolName = other.name;
  const name = other ? `${other.name} - Relationship Calls` : DEMO_WORKBOOK_NAME;
  const workbook = new Workbook({ name, timeZone });
  // A new spreadsheet has one empty tab; set-up adds its own tabs, then the empty one goes.
  workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ bundleDir, workbook, scriptName: ADDON_NAME });
  const principal = school.principal.email;
  const setup = emu.run('setUpSchool', [], { user: principal, answers: [{ button: 'OK' }] });
  if (setup.error) throw new Error(`Set up this school failed on the demo workbook: ${setup.error.message}`);
  const blank = workbook.sheet('Sheet1');
  if (blank && workbook.sheets.length > 1) workbook.removeSheet(blank);

  const settings: Record<string, string | number | undefined> = {
    ...school.settings,
    windowEnd: addDays(start, GENERATED_DAYS - 1 + WINDOW_DAYS_AHEAD),
  };
  const sheet = workbook.requireSheet(TAB.settings);
  const labels = workbook.values(TAB.settings).map((row) => String(row[0] ?? ''));
  for (const spec of SETTINGS) {
    const value = settings[spec.key];
    const row = labels.indexOf(spec.label);
    if (value === undefined || row < 0) continue;
    workbook.write(sheet, row, 1, [[value]]);
  }
  for (const { spec, rows } of demoTables(school)) workbook.appendRows(spec.name, rows);

  const summary = emu.run('rebuildPrincipalSummary', [], { user: principal, answers: [{ button: 'OK' }] });
  if (summary.error) throw new Error(`The demo's Summary could not be built: ${summary.error.message}`);
  const first = school.teachers[0];
  const teacher = first ? { name: String(first.Name), email: String(first.Email) } : undefined;
  return { workbook, people: demoPeople(teacher) };
}
