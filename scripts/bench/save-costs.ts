/**
 * What the sidebar's two server calls cost at the size the issue names (1,500 families, 10 and 5,000
 * call rows): getSidebarContext (the sidebar opening) and logCall (one save) of dist/Code.js, with the
 * calls and cells they moved (logCall's cells_read must not grow with the Call Log) and, under the
 * emulator's latency model, the Apps Script time those stand for (modelled_ms); and Set up this school
 * on an empty workbook (its calls, first run).
 */
import { Emulator, Workbook } from '../../emulator';
import {
  ANA,
  callInput,
  DIST,
  FAMILY,
  PRINCIPAL,
  school,
  sidebarFamilyRow,
} from '../../test/bundle/school-fixture';
import { benchCase } from './case';

const FAMILIES = 1500;

/**
 * The bundle tests' school with `callRows` earlier calls, 1,500 families and five calls of the
 * teacher's own at the bottom of the log (her recent calls), under the latency model.
 */
function schoolAtSize(callRows: number) {
  const made = school({ callRows, families: FAMILIES, emulator: { latency: {} } });
  for (let i = 0; i < 5; i++) made.emu.call('logCall', [callInput()], { user: ANA });
  return made;
}

/** The school and the row the sidebar shows Leo's family on (callInput's family). */
function withFamilyRow(made: ReturnType<typeof school>) {
  return { ...made, row: sidebarFamilyRow(made.emu, FAMILY.leo.id) };
}

export const saveCostCases = [
  ...[10, 5000].flatMap((callRows) => [
    benchCase({
      name: 'save: getSidebarContext of dist/Code.js (the sidebar opening)',
      size: `${callRows} call rows, ${FAMILIES} families`,
      runs: 5,
      setup: () => schoolAtSize(callRows),
      measure: ({ emu }) => emu.run('getSidebarContext', [], { user: ANA }),
    }),
    benchCase({
      name: 'save: logCall of dist/Code.js (one reached call, a new row each run)',
      size: `${callRows} call rows, ${FAMILIES} families`,
      runs: 5,
      setup: () => withFamilyRow(schoolAtSize(callRows)),
      // As the sidebar sends it: with the row it saw the family on (FamilyOption.row).
      measure: ({ emu, row }) => emu.run('logCall', [callInput(), row], { user: ANA }),
    }),
  ]),
  benchCase({
    name: 'set-up: setUpSchool of dist/Code.js on an empty workbook (first run)',
    size: 'one empty sheet',
    runs: 3,
    setup: () => undefined,
    measure: () => {
      const workbook = new Workbook({ name: 'Empty', timeZone: 'America/New_York' });
      workbook.setSheet('Sheet1', []);
      const emu = new Emulator({ bundleDir: DIST, workbook });
      return emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    },
  }),
];
