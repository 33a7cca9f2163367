/**
 * The district roll-up of dist/Code.js in the emulator: 60 schools of 1,500 families (one generated
 * school workbook listed 60 times, so every school costs the same and the emulator holds one school's
 * cells, not 60). The timed figure is the emulator's (HyperFormula reads are not Sheets' speed); what
 * carries over is the service-call count per school, which must not depend on the school's size or on
 * how many schools there are. From it, teardown prints one more JSON line: the modelled Apps Script
 * time of the roll-up, per school and for the 60, and how many runs of the 4-minute budget it needs.
 *
 * Per-call figures (published measurements; Google publishes none per method):
 * - a spreadsheet write committed by flush: ~0.6 s (610 ms for a 4,000-cell write with flush, 50 ms
 *   without; "What is faster: ScriptDb or SpreadsheetApp?", Stack Overflow, quoted at
 *   ruby-bash.developreference.com/article/29263774). We charge each getValues of a whole table, and
 *   the one setValues, as one such round trip.
 * - PropertiesService setProperty ~62 ms average, getProperty ~30 ms (100 runs, ziritione.org/post/apps_script_performance);
 *   setProperties (one per school: its figures and the run's place) is charged as one setProperty.
 * - opening another spreadsheet (openByUrl): no published figure found; we charge 2 s, a pessimistic
 *   guess, to be replaced by a measurement in a real district.
 * - any other call (getSheetByName, getDataRange, getSpreadsheetTimeZone...): 60 ms, as setProperty.
 */
import { join } from 'node:path';
import { Emulator, type RunResult, Workbook } from '../../emulator';
import { CALL_LOG, CHECK_INS, FAMILIES, SETTINGS, TEACHERS } from '../../src/common/schema';
import { root } from '../build';
import { dataHeaders, generateDemoSchool, toRows } from '../fixtures/demo-school';
import { benchCase } from './case';

const TZ = 'America/New_York';
const LEAD = 'lead@bench.example';
const SCHOOLS = 60;
const MODEL_MS: Record<string, number> = {
  'SpreadsheetApp.openByUrl': 2000,
  'Range.getValues': 600,
  'Range.setValues': 600,
  'Properties.setProperty': 62,
  'Properties.setProperties': 62,
  'Properties.getProperty': 30,
};
const OTHER_CALL_MS = 60;
const BUDGET_MS = 4 * 60_000;

function schoolWorkbook(): Workbook {
  const school = generateDemoSchool({ teachers: 80, families: 1_500, calls: 4_500, days: 120, messy: true });
  const workbook = new Workbook({ name: 'Bench school', timeZone: TZ });
  workbook.setSheet('Settings', [
    ['Setting', 'Value', 'About'],
    ...SETTINGS.map((s) => [s.label, school.settings[s.key] ?? s.initial, '']),
  ]);
  const rows = {
    teachers: school.teachers,
    families: school.families,
    callLog: school.calls,
    checkIns: school.checkIns,
  };
  for (const spec of [TEACHERS, FAMILIES, CALL_LOG, CHECK_INS])
    workbook.setSheet(spec.name, [dataHeaders(spec), ...toRows(spec, rows[spec.key as keyof typeof rows])]);
  workbook.setSheet('Summary', []);
  return workbook;
}

function districtOf(school: Workbook, count: number): Emulator {
  const workbook = new Workbook({ name: 'Bench district', timeZone: TZ });
  workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ bundleDir: join(root, 'dist'), workbook, workbooks: [school], user: LEAD });
  const setup = emu.run('setUpDistrict', [], { answers: [{ button: 'OK' }] });
  if (setup.error) throw setup.error;
  workbook.appendRows(
    'Schools',
    Array.from({ length: count }, (_, i) => [`School ${i + 1}`, school.url, '']),
  );
  return emu;
}

const rollUp = (emu: Emulator): RunResult =>
  emu.run('rebuildDistrictRollUp', [], { answers: [{ button: 'OK' }] });

/** Calls by method that one more school adds (a district of two minus a district of one). */
function callsPerSchool(school: Workbook): Record<string, number> {
  const one = rollUp(districtOf(school, 1)).calls;
  const two = rollUp(districtOf(school, 2)).calls;
  const per: Record<string, number> = {};
  for (const [method, n] of Object.entries(two))
    if (n - (one[method] ?? 0)) per[method] = n - (one[method] ?? 0);
  return per;
}

const modelled = (calls: Record<string, number>) =>
  Object.entries(calls).reduce((ms, [method, n]) => ms + n * (MODEL_MS[method] ?? OTHER_CALL_MS), 0);

export const districtCases = [
  benchCase({
    name: 'district: Rebuild district roll-up of dist/Code.js in the emulator (open, read, compute each school; one write)',
    size: `${SCHOOLS} schools x 1500 families x 4500 calls`,
    runs: 1,
    setup: () => {
      const school = schoolWorkbook();
      return {
        emu: districtOf(school, SCHOOLS),
        perSchool: callsPerSchool(school),
        last: null as RunResult | null,
      };
    },
    measure: (state) => {
      state.last = rollUp(state.emu);
      return state.last;
    },
    teardown: ({ last, perSchool }) => {
      const whole = last?.calls ?? {};
      const perSchoolMs = modelled(perSchool);
      const totalMs = modelled(whole);
      console.log(
        JSON.stringify({
          name: 'district: modelled Apps Script time (per-call figures cited in scripts/bench/district.ts)',
          size: `${SCHOOLS} schools`,
          calls_per_school: Object.values(perSchool).reduce((a, b) => a + b, 0),
          calls_per_school_by_method: perSchool,
          modelled_s_per_school: Math.round(perSchoolMs) / 1000,
          modelled_s_total: Math.round(totalMs) / 1000,
          runs_of_4_min_budget: Math.ceil(totalMs / BUDGET_MS),
        }),
      );
    },
  }),
];
