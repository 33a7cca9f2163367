/**
 * API probes for the conformance kit: each is plain Apps Script (SpreadsheetApp, Utilities,
 * CacheService, LockService; no Node), run in a scratch sheet cleared before it, returning JSON.
 * Run in a real spreadsheet they say what Apps Script answers; emulator/test/api-probes.test.ts pins
 * what the emulator answers, so a difference shows as a failing probe.
 */

import type { Probe } from '../probe';

const REF = 'https://developers.google.com/apps-script/reference';

export const apiProbes: Probe[] = [
  {
    id: 'api.range.a1-whole-rows',
    cite: `${REF}/spreadsheet/sheet#getrangea1notation`,
    run: (sheet) => [
      sheet.getRange('5:7').getA1Notation(),
      sheet.getRange('5:7').getNumColumns() === sheet.getMaxColumns(),
    ],
  },
  {
    id: 'api.range.a1-whole-columns',
    cite: `${REF}/spreadsheet/sheet#getrangea1notation`,
    run: (sheet) => [
      sheet.getRange('D:F').getA1Notation(),
      sheet.getRange('D:F').getNumRows() === sheet.getMaxRows(),
    ],
  },
  {
    id: 'api.range.r1c1-and-bang',
    cite: `${REF}/spreadsheet/sheet#getrangea1notation`,
    run: (sheet) => [
      sheet.getRange('R5C3').getA1Notation(),
      sheet.getRange('R2C2:R4C5').getA1Notation(),
      sheet.getRange('r1c1').getA1Notation(),
      sheet.getRange('!c2:e5').getA1Notation(),
    ],
  },
  {
    // Google's pages do not say what a range past the sheet does; public scripts meet this message
    // (github.com/diegomanuel/binance-to-google-sheets/issues/19). The A1, offset and getSheetValues
    // forms are asked here because no public source shows them.
    id: 'api.range.outside-sheet',
    cite: `${REF}/spreadsheet/sheet#getrangerow,-column,-numrows,-numcolumns`,
    run: (sheet, ss) => {
      const rows = sheet.getMaxRows();
      const cols = sheet.getMaxColumns();
      const attempt = (f: () => unknown) => {
        try {
          f();
          return 'ok';
        } catch (e) {
          return (e as Error).message;
        }
      };
      return [
        attempt(() => sheet.getRange(rows, cols)),
        attempt(() => sheet.getRange(rows + 1, 1)),
        attempt(() => sheet.getRange(1, 1, 1, cols + 1)),
        attempt(() => sheet.getRange(`A${rows + 1}`)),
        attempt(() => sheet.getRange(`R1C${cols + 1}`)),
        attempt(() => ss.getRange(`'${sheet.getName()}'!A${rows + 1}`)),
        attempt(() => sheet.getRange(rows, 1).offset(1, 0)),
        attempt(() => sheet.getSheetValues(rows, 1, 2, 1)),
        sheet.getMaxRows() === rows && sheet.getMaxColumns() === cols,
      ];
    },
  },
  {
    id: 'api.sheet.append-row-full',
    cite: `${REF}/spreadsheet/sheet#appendrowrowcontents`,
    run: (sheet) => {
      sheet.deleteRows(3, sheet.getMaxRows() - 2);
      sheet.getRange('A1:A2').setValues([['a'], ['b']]);
      sheet.appendRow(['c', 'd']);
      return [sheet.getMaxRows(), sheet.getRange(3, 1, 1, 2).getValues()];
    },
  },
  {
    id: 'api.string-of-objects',
    cite: `${REF}/spreadsheet/range`,
    run: (sheet, ss) => {
      const builder = SpreadsheetApp.newDataValidation().requireCheckbox();
      return [
        String(sheet.getRange('A1')),
        String(sheet),
        String(ss),
        String(builder),
        String(builder.build()),
      ];
    },
  },
  {
    id: 'api.unknown-member-undefined',
    cite: `${REF}/spreadsheet/range`,
    run: (sheet) => [
      typeof (sheet.getRange('A1') as unknown as Record<string, unknown>).noSuchMethod,
      typeof sheet.getRange('A1').getValues,
    ],
  },
  {
    id: 'api.enum-values',
    cite: `${REF}/spreadsheet/dimension`,
    run: () => [
      String(SpreadsheetApp.Dimension.ROWS),
      String(SpreadsheetApp.CopyPasteType.PASTE_VALUES),
      String(SpreadsheetApp.WrapStrategy.CLIP),
    ],
  },
  {
    id: 'api.error-is-error',
    cite: `${REF}/spreadsheet/sheet#getrangerow,-column`,
    run: (sheet) => {
      try {
        sheet.getRange(0, 1);
        return 'no error';
      } catch (e) {
        return [e instanceof Error, (e as Error).message];
      }
    },
  },
  {
    id: 'api.format.general',
    cite: `${REF}/spreadsheet/range#setnumberformatnumberformat`,
    run: (sheet) => {
      const r = sheet.getRange('A1');
      const before = r.getNumberFormat();
      r.setNumberFormat('0.00').setNumberFormat('General');
      return [before, r.getNumberFormat()];
    },
  },
  {
    id: 'api.color.named',
    cite: `${REF}/spreadsheet/range#setbackgroundcolor`,
    run: (sheet) => {
      sheet.getRange('A1').setBackground('AliceBlue');
      sheet.getRange('A2').setBackground('#FFF');
      return sheet.getRange('A1:A2').getBackgrounds();
    },
  },
  {
    id: 'api.validation.checkbox-values',
    cite: `${REF}/spreadsheet/data-validation-builder#requirecheckboxcheckedvalue,-uncheckedvalue`,
    run: () => SpreadsheetApp.newDataValidation().requireCheckbox('A', 'B').build().getCriteriaValues(),
  },
  {
    id: 'api.validation.range-criteria',
    cite: `${REF}/spreadsheet/data-validation#getcriteriavalues`,
    run: (sheet) => {
      const rule = SpreadsheetApp.newDataValidation().requireValueInRange(sheet.getRange('D1:D3')).build();
      const [range, dropdown] = rule.getCriteriaValues();
      return [String(range), (range as GoogleAppsScript.Spreadsheet.Range).getA1Notation(), dropdown];
    },
  },
  {
    id: 'api.range.setformula-shifts',
    cite: `${REF}/spreadsheet/range#setformulaformula`,
    run: (sheet) => sheet.getRange('B2:C3').setFormula('=A1+$A$1').getFormulas(),
  },
  {
    id: 'api.range.sort-specs',
    cite: `${REF}/spreadsheet/range#sortsortspecobj`,
    run: (sheet) => {
      const r = sheet.getRange('A1:B5').setValues([
        ['Ana', 2],
        ['Ben', 1],
        ['Ana', 1],
        ['Cy', 2],
        ['ana', 3],
      ]);
      r.sort([{ column: 2, ascending: false }, 1]);
      return r.getValues();
    },
  },
  {
    id: 'api.range.sort-mixed-types',
    cite: `${REF}/spreadsheet/range#sortsortspecobj`,
    run: (sheet) => {
      const r = sheet.getRange('A1:B7').setValues([
        [true, 1],
        ['', 2],
        ['beta', 3],
        [10, 4],
        ['Alpha', 5],
        [false, 6],
        [2, 7],
      ]);
      r.sort(1);
      const up = r.getValues().map((row) => row[1]);
      r.sort({ column: 1, ascending: false });
      return [up, r.getValues().map((row) => row[1])];
    },
  },
  {
    id: 'api.range.sort-row-formulas',
    cite: `${REF}/spreadsheet/range#sortsortspecobj`,
    run: (sheet) => {
      sheet.getRange('A2:A4').setValues([['b'], ['c'], ['a']]);
      sheet.getRange('E1').setValue(10);
      sheet
        .getRange('B2:B4')
        .setFormulas([
          ['=IF($A2="","",LEN($A2)*$E$1)'],
          ['=IF($A3="","",LEN($A3)*$E$1)'],
          ['=IF($A4="","",LEN($A4)*$E$1)'],
        ]);
      sheet.getRange('A2:B4').sort(1);
      return sheet.getRange('B2:B4').getFormulas();
    },
  },
  {
    id: 'api.sheet.sort-frozen',
    cite: `${REF}/spreadsheet/sheet#sortcolumnposition,-ascending`,
    run: (sheet) => {
      sheet.getRange('A1:B4').setValues([
        ['Name', 'Calls'],
        ['Ana', 2],
        ['Ben', 5],
        ['Cy', 3],
      ]);
      sheet.setFrozenRows(1);
      sheet.sort(2, false);
      const out = sheet.getRange('A1:A4').getValues();
      sheet.setFrozenRows(0);
      return out;
    },
  },
  {
    id: 'api.range.copyto-shifts',
    cite: `${REF}/spreadsheet/range#copytodestination`,
    run: (sheet) => {
      sheet.getRange('A1:B1').setValues([[1, '=A1*2']]);
      sheet.getRange('A1:B1').copyTo(sheet.getRange('D5'));
      return [sheet.getRange('E5').getFormula(), sheet.getRange('E5').getValue()];
    },
  },
  {
    id: 'api.range.moveto-follows',
    cite: `${REF}/spreadsheet/range#movetotarget`,
    run: (sheet) => {
      sheet.getRange('A1:B1').setValues([[5, '=A1*10']]);
      sheet.getRange('A1').moveTo(sheet.getRange('C4'));
      return [sheet.getRange('B1').getFormula(), sheet.getRange('B1').getValue()];
    },
  },
  {
    id: 'api.range.merge-keeps-top-left',
    cite: `${REF}/spreadsheet/range#merge`,
    run: (sheet) => {
      const r = sheet.getRange('A1:B2').setValues([
        ['top', 'x'],
        ['y', 'z'],
      ]);
      r.merge();
      const out = [r.getValues(), r.isPartOfMerge(), r.getMergedRanges().map((m) => m.getA1Notation())];
      r.breakApart();
      return out;
    },
  },
  {
    id: 'api.range.deletecells',
    cite: `${REF}/spreadsheet/range#deletecellsshiftdimension`,
    run: (sheet) => {
      sheet.getRange('A1:C3').setValues([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]);
      sheet.getRange('A1').deleteCells(SpreadsheetApp.Dimension.ROWS);
      sheet.getRange('B1').deleteCells(SpreadsheetApp.Dimension.COLUMNS);
      return sheet.getRange('A1:C3').getValues();
    },
  },
  {
    id: 'api.range.data-region',
    cite: `${REF}/spreadsheet/range#getdataregion`,
    run: (sheet) => {
      sheet.getRange('B2:C3').setValues([
        [1, 2],
        [3, 4],
      ]);
      sheet.getRange('D5').setValue('apart');
      return [
        sheet.getRange('B2').getDataRegion().getA1Notation(),
        sheet.getRange('C3').getDataRegion(SpreadsheetApp.Dimension.ROWS).getA1Notation(),
        sheet.getRange('D5').getDataRegion().getA1Notation(),
      ];
    },
  },
  {
    id: 'api.range.checkboxes',
    cite: `${REF}/spreadsheet/range#insertcheckboxescheckedvalue,-uncheckedvalue`,
    run: (sheet) => {
      const r = sheet.getRange('A1:A2').insertCheckboxes();
      const first = [r.getValues(), r.isChecked()];
      sheet.getRange('A1').check();
      const custom = sheet.getRange('B1').insertCheckboxes('yes', 'no');
      const before = custom.getValue();
      custom.check();
      return [first, r.isChecked(), before, custom.getValue(), custom.isChecked()];
    },
  },
  {
    id: 'api.text-finder',
    cite: `${REF}/spreadsheet/text-finder`,
    run: (sheet) => {
      sheet.getRange('A1:B2').setValues([
        ['Ana Diaz', 'ben'],
        ['ANA lee', 'x'],
      ]);
      const all = sheet
        .createTextFinder('ana')
        .findAll()
        .map((r) => r.getA1Notation());
      const exact = sheet.getRange('A1:B2').createTextFinder('ana').matchCase(true).findNext();
      const whole = sheet.createTextFinder('ben').matchEntireCell(true).findAll().length;
      const replaced = sheet.createTextFinder('ana').replaceAllWith('Eva');
      return [all, exact, whole, replaced, sheet.getRange('A1:A2').getValues()];
    },
  },
  {
    id: 'api.range-list',
    cite: `${REF}/spreadsheet/range-list`,
    run: (sheet) => {
      const list = sheet.getRangeList(['A1', 'C2:D2']).setValue(7);
      return [list.getRanges().map((r) => r.getA1Notation()), sheet.getRange('A1:D2').getValues()];
    },
  },
  {
    id: 'api.named-range',
    cite: `${REF}/spreadsheet/spreadsheet#setnamedrangename,-range`,
    run: (sheet, ss) => {
      sheet.getRange('A1:A2').setValues([[2], [3]]);
      const name = `Probe_${sheet.getSheetId()}`;
      ss.setNamedRange(name, sheet.getRange('A1:A2'));
      sheet.getRange('B1').setFormula(`=SUM(${name})`);
      SpreadsheetApp.flush();
      const out = [sheet.getRange('B1').getValue(), ss.getRangeByName(name)?.getA1Notation()];
      ss.removeNamedRange(name);
      return [...out, ss.getRangeByName(name)];
    },
  },
  {
    id: 'api.cache.put-remove-null',
    cite: `${REF}/cache/cache#putkey,-value`,
    run: () => {
      const cache = CacheService.getScriptCache();
      return [cache.put('probe', 'v') ?? null, cache.remove('probe') ?? null];
    },
  },
  {
    id: 'api.lock.try-negative',
    cite: `${REF}/lock/lock#trylocktimeoutinmillis`,
    run: () => LockService.getScriptLock().tryLock(-100),
  },
  {
    id: 'api.utilities.new-blob',
    cite: `${REF}/utilities/utilities#newblobdata,-contenttype,-name`,
    run: () => {
      const b = Utilities.newBlob('héllo', 'text/plain', 'greeting.txt');
      return [b.getDataAsString(), b.getBytes().length, b.getContentType(), b.getName()];
    },
  },
  {
    id: 'api.developer-metadata',
    cite: `${REF}/spreadsheet/developer-metadata-finder`,
    run: (sheet) => {
      const key = `probe_${sheet.getSheetId()}`;
      sheet.getRange('3:3').addDeveloperMetadata(key, 'ana');
      const found = sheet.createDeveloperMetadataFinder().withKey(key).find();
      const out = [
        found.length,
        found[0]?.getValue(),
        String(found[0]?.getLocation().getLocationType()),
        found[0]?.getLocation().getRow()?.getA1Notation(),
      ];
      for (const m of found) m.remove();
      return out;
    },
  },
  {
    id: 'api.range.next-data-cell',
    cite: `${REF}/spreadsheet/range#getnextdatacelldirection`,
    run: (sheet) => {
      sheet.getRange('A1:A4').setValues([[1], [2], [''], [4]]);
      const down = (a1: string) =>
        sheet.getRange(a1).getNextDataCell(SpreadsheetApp.Direction.DOWN).getA1Notation();
      return [down('A1'), down('A2'), down('A4') === `A${sheet.getMaxRows()}`];
    },
  },
];
