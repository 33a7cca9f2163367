/**
 * The API probes (emulator/conformance/probes/api.ts) run in the emulator, each in a fresh scratch
 * sheet, with the answer pinned here: the same probes run in a real spreadsheet show where Apps
 * Script answers differently. Each probe cites the Google reference page it checks.
 */
import { apiProbes } from '../conformance/probes/api';
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

const EXPECTED: Record<string, unknown> = {
  'api.range.a1-whole-rows': ['5:7', true],
  'api.range.a1-whole-columns': ['D:F', true],
  'api.range.r1c1-and-bang': ['C5', 'B2:E4', 'A1', 'C2:E5'],
  'api.range.outside-sheet': ['ok', ...Array(7).fill(OUTSIDE), true],
  'api.sheet.append-row-full': [3, [['c', 'd']]],
  'api.string-of-objects': ['Range', 'Sheet', 'Spreadsheet', 'DataValidationBuilder', 'DataValidation'],
  'api.unknown-member-undefined': ['undefined', 'function'],
  'api.enum-values': ['ROWS', 'PASTE_VALUES', 'CLIP'],
  'api.error-is-error': [true, 'The starting row of the range is too small.'],
  'api.format.general': ['0.###############', '0.###############'],
  'api.color.named': [['#f0f8ff'], ['#ffffff']],
  'api.validation.checkbox-values': ['A', 'B'],
  'api.validation.range-criteria': ['Range', 'D1:D3', true],
  'api.range.setformula-shifts': [
    ['=A1+$A$1', '=B1+$A$1'],
    ['=A2+$A$1', '=B2+$A$1'],
  ],
  'api.range.sort-specs': [
    ['ana', 3],
    ['Ana', 2],
    ['Cy', 2],
    ['Ana', 1],
    ['Ben', 1],
  ],
  'api.range.sort-mixed-types': [
    [7, 4, 5, 3, 6, 1, 2],
    [1, 6, 3, 5, 4, 7, 2],
  ],
  'api.range.sort-row-formulas': [
    ['=IF($A2="","",LEN($A2)*$E$1)'],
    ['=IF($A3="","",LEN($A3)*$E$1)'],
    ['=IF($A4="","",LEN($A4)*$E$1)'],
  ],
  'api.sheet.sort-frozen': [['Name'], ['Ben'], ['Cy'], ['Ana']],
  'api.range.copyto-shifts': ['=D5*2', 2],
  'api.range.moveto-follows': ['=C4*10', 50],
  'api.range.merge-keeps-top-left': [
    [
      ['top', ''],
      ['', ''],
    ],
    true,
    ['A1:B2'],
  ],
  'api.range.deletecells': [
    [4, 3, ''],
    [7, 5, 6],
    ['', 8, 9],
  ],
  'api.range.data-region': ['B2:C3', 'C2:C3', 'D5'],
  'api.range.checkboxes': [[[[false], [false]], false], null, 'no', 'yes', true],
  'api.text-finder': [['A1', 'A2'], null, 1, 2, [['Eva Diaz'], ['Eva lee']]],
  'api.range-list': [
    ['A1', 'C2:D2'],
    [
      [7, '', '', ''],
      ['', '', 7, 7],
    ],
  ],
  'api.named-range': [5, 'A1:A2', null],
  'api.cache.put-remove-null': [null, null],
  'api.lock.try-negative': false,
  'api.utilities.new-blob': ['héllo', 6, 'text/plain', 'greeting.txt'],
  'api.developer-metadata': [1, 'ana', 'ROW', '3:3'],
  'api.range.next-data-cell': ['A2', 'A4', true],
};

function runProbe(source: string) {
  const workbook = new Workbook({ timeZone: 'America/New_York' });
  workbook.setSheet('Scratch', []);
  const code = `function probe() {
    const ss = SpreadsheetApp.getActive();
    return (${source})(ss.getSheetByName('Scratch'), ss);
  }`;
  return new Emulator({ code, workbook }).run('probe', [], { user: 'ana@school.example' });
}

describe('API probes in the emulator', () => {
  test('every probe has a pinned answer and a Google reference', () => {
    expect(apiProbes.map((p) => p.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const p of apiProbes)
      expect(p.cite).toMatch(/^https:\/\/developers\.google\.com\/apps-script\/reference\//);
  });

  test.each(apiProbes.map((p) => [p.id, p] as const))('%s', (_id, probe) => {
    const run = runProbe(probe.run.toString());
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(EXPECTED[probe.id]);
  });
});
