/**
 * The sidebar's two server calls through the real dist/Code.js in the emulator, on the small invented
 * school of the bundle tests with 10 and 5,000 earlier rows on the Call Log: getSidebarContext (open
 * the sidebar) and logCall (one call logged: validate, lock, one row, flush, new progress). The
 * Spreadsheet service-call counts must be the same at both sizes (the bundle tests assert it).
 * logCall's time includes the emulator's workbook recalculating the goal formulas on Teachers and
 * Families after the row is written, which in Sheets happens on Google's side.
 */
import { ANA, callInput, school } from '../../test/bundle/school-fixture';
import { benchCase } from './case';

const SIZES = [10, 5000];

export const sidebarCases = SIZES.flatMap((callRows) => [
  benchCase({
    name: 'sidebar: getSidebarContext of dist/Code.js (who, families, progress, pick-lists)',
    size: `${callRows} call rows`,
    runs: 7,
    setup: () => school({ callRows }),
    measure: ({ emu }) => emu.run('getSidebarContext', [], { user: ANA }),
  }),
  benchCase({
    name: 'sidebar: logCall of dist/Code.js (one reached call, a new row each run)',
    size: `${callRows} call rows`,
    runs: callRows > 1000 ? 3 : 7,
    setup: () => school({ callRows }),
    measure: ({ emu }) => emu.run('logCall', [callInput()], { user: ANA }),
  }),
]);
