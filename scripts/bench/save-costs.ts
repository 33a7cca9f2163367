/**
 * What one save costs at the size the issue names (1,500 families, 10 and 5,000 call rows): logCall
 * of dist/Code.js, with the calls and cells it moved (cells_read must not grow with the Call Log),
 * and Set up this school on an empty workbook (its calls, first run).
 */
import { Emulator, Workbook } from '../../emulator';
import { ANA, BEN, callInput, DIST, PRINCIPAL, school } from '../../test/bundle/school-fixture';
import { benchCase } from './case';

const FAMILIES = 1500;

export const saveCostCases = [
  ...[10, 5000].map((callRows) =>
    benchCase({
      name: 'save: logCall of dist/Code.js (one reached call, a new row each run)',
      size: `${callRows} call rows, ${FAMILIES} families`,
      runs: 5,
      setup() {
        const made = school({ callRows });
        made.workbook.appendRows(
          'Families',
          Array.from({ length: FAMILIES - 3 }, (_, i) => [`'g${i + 1}`, `Pupil ${i + 1}`, "'2", BEN]),
        );
        return made;
      },
      measure: ({ emu }) => emu.run('logCall', [callInput()], { user: ANA }),
    }),
  ),
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
