/**
 * Formula probes: one question each about how Google Sheets evaluates a formula shape the add-on
 * writes, or one where HyperFormula differs from Sheets. Each id is a row of
 * emulator/SHEETS-BEHAVIOUR.md; the answer Sheets gives (as documented) is pinned in
 * emulator/test/sheets-formulas.test.ts. Plain Apps Script: only SpreadsheetApp.
 */
import type { Probe } from '../probe';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Writes a formula and reads the computed values of `a1` (after a flush, as a script sees them). */
function compute(sheet: Sheet, at: string, formula: string, read: string): unknown[][] {
  sheet.getRange(at).setFormula(formula);
  SpreadsheetApp.flush();
  return sheet.getRange(read).getValues();
}

/** Column A as plain text, so strings stay text ("0042", "2026-09-20"), then the values. */
function textColumn(sheet: Sheet, values: (string | number)[]): void {
  sheet.getRange(1, 1, values.length, 1).setNumberFormat('@');
  sheet.getRange(1, 1, values.length, 1).setValues(values.map((v) => [v]));
}

const COUNTIF = 'https://support.google.com/docs/answer/3093480';
const ARRAYFORMULA = 'https://support.google.com/docs/answer/3093275';

export const formulaProbes: Probe[] = [
  {
    id: 'formula.numbers-are-doubles',
    cite: 'https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/other#ExtendedValue (numberValue: a double)',
    run(sheet) {
      sheet.getRange('A1:A2').setValues([[1.2345678901234567], [1796159777214]]);
      sheet.getRange('B1:B2').setFormulas([['=A1*1'], ['=A2+0']]);
      SpreadsheetApp.flush();
      return sheet.getRange('A1:B2').getValues();
    },
  },
  {
    id: 'formula.plain-text-keeps-ids',
    cite: 'https://developers.google.com/sheets/api/guides/formats (the text format "@")',
    run(sheet) {
      textColumn(sheet, ['0042', '1001']);
      return sheet.getRange('A1:A2').getValues();
    },
  },
  {
    id: 'formula.countif-number-criterion-matches-numbers-only',
    cite: COUNTIF,
    run(sheet) {
      textColumn(sheet, ['1001']);
      sheet.getRange('A2').setValue(1001);
      return compute(sheet, 'B1', '=COUNTIF(A1:A2,1001)', 'B1');
    },
  },
  {
    id: 'formula.countif-numeric-text-criterion-matches-number-and-text',
    cite: COUNTIF,
    run(sheet) {
      textColumn(sheet, ['1001']);
      sheet.getRange('A2').setValue(1001);
      return compute(sheet, 'B1', '=COUNTIF(A1:A2,"1001")', 'B1');
    },
  },
  {
    id: 'formula.countif-text-id-criterion-from-a-cell',
    cite: COUNTIF,
    run(sheet) {
      textColumn(sheet, ['F010', 'f010', 'F011']);
      return compute(sheet, 'B1', '=COUNTIF(A1:A3,A1)', 'B1');
    },
  },
  {
    id: 'formula.countif-date-criterion-skips-date-like-text',
    cite: COUNTIF,
    run(sheet) {
      textColumn(sheet, ['2026-09-20']);
      sheet.getRange('A2').setValue(new Date(2026, 8, 20));
      return compute(sheet, 'B1', '=COUNTIF(A1:A2,">="&DATE(2026,9,1))', 'B1');
    },
  },
  {
    id: 'formula.countifs-criteria-ignore-case',
    cite: 'https://support.google.com/docs/answer/3256550',
    run(sheet) {
      sheet
        .getRange('A1:A3')
        .setValues([['ana@school.example'], ['ANA@School.Example'], ['bo@school.example']]);
      return compute(sheet, 'B1', '=COUNTIFS(A1:A3,"ana@school.example")', 'B1');
    },
  },
  {
    id: 'formula.equals-text-and-number-differ',
    cite: 'https://support.google.com/docs/answer/3093593 (EQ; best public evidence: text never equals a number)',
    run(sheet) {
      textColumn(sheet, ['1001', '0042']);
      sheet.getRange('B1:B2').setValues([[1001], [42]]);
      sheet.getRange('C1:C2').setFormulas([['=A1=B1'], ['=A2=B2']]);
      SpreadsheetApp.flush();
      return sheet.getRange('C1:C2').getValues();
    },
  },
  {
    id: 'formula.date-like-text-is-not-a-date-in-comparisons',
    cite: 'https://support.google.com/docs/answer/3093593 (best public evidence: numbers sort before text)',
    run(sheet) {
      textColumn(sheet, ['2026-09-20']);
      sheet.getRange('B1').setFormula('=A1<=DATE(2026,12,31)');
      SpreadsheetApp.flush();
      return sheet.getRange('B1').getValues();
    },
  },
  {
    id: 'formula.arrayformula-countif-expands-over-criteria',
    cite: ARRAYFORMULA,
    run(sheet) {
      sheet.getRange('A1:A3').setValues([['x'], ['y'], ['x']]);
      return compute(sheet, 'B1', '=ARRAYFORMULA(COUNTIF(A1:A3,A1:A3))', 'B1:B3');
    },
  },
  {
    id: 'formula.arrayformula-maxifs-does-not-expand',
    cite: `${ARRAYFORMULA} (MAXIFS, MINIFS and AVERAGEIFS do not expand: best public evidence)`,
    run(sheet) {
      sheet.getRange('A1:B3').setValues([
        ['x', 1],
        ['y', 2],
        ['x', 3],
      ]);
      return compute(sheet, 'C1', '=ARRAYFORMULA(MAXIFS(B1:B3,A1:A3,A1:A3))', 'C1:C3');
    },
  },
  {
    id: 'formula.arrayformula-row-over-a-range',
    cite: 'https://support.google.com/docs/answer/3093316',
    run(sheet) {
      return compute(sheet, 'B2', '=ARRAYFORMULA(ROW(A2:A5))', 'B2:B5');
    },
  },
  {
    id: 'formula.maxifs-no-match-is-zero',
    cite: 'https://support.google.com/docs/answer/7013817',
    run(sheet) {
      sheet.getRange('A1:B2').setValues([
        ['x', 5],
        ['y', 7],
      ]);
      return compute(sheet, 'C1', '=MAXIFS(B1:B2,A1:A2,"z")', 'C1');
    },
  },
  {
    id: 'formula.filter-no-match-is-na',
    cite: 'https://support.google.com/docs/answer/3093197',
    run(sheet) {
      sheet.getRange('A1:A2').setValues([['x'], ['y']]);
      return compute(sheet, 'B1', '=FILTER(A1:A2,A1:A2="z")', 'B1');
    },
  },
  {
    id: 'formula.countunique-of-no-match-is-an-error',
    cite: 'https://support.google.com/docs/answer/3093405 (best public evidence: the #N/A is not a value)',
    run(sheet) {
      sheet.getRange('A1:A2').setValues([['x'], ['y']]);
      sheet
        .getRange('B1:B2')
        .setFormulas([
          ['=COUNTUNIQUE(FILTER(A1:A2,A1:A2="z"))'],
          ['=IFERROR(COUNTUNIQUE(FILTER(A1:A2,A1:A2="z")),0)'],
        ]);
      SpreadsheetApp.flush();
      return sheet.getRange('B1:B2').getValues();
    },
  },
  {
    id: 'formula.countunique-skips-blanks',
    cite: 'https://support.google.com/docs/answer/3093405',
    run(sheet) {
      sheet.getRange('A1:A4').setValues([['x'], [''], ['x'], ['y']]);
      return compute(sheet, 'B1', '=COUNTUNIQUE(A1:A4)', 'B1');
    },
  },
  {
    id: 'formula.countuniqueifs-distinct-under-criteria',
    cite: 'https://support.google.com/docs/answer/9584429',
    run(sheet) {
      textColumn(sheet, ['F1', 'F1', 'F2', 'F3', '']);
      sheet.getRange('B1:B5').setValues([['ana'], ['ana'], ['ana'], ['bo'], ['ana']]);
      sheet
        .getRange('C1:C2')
        .setFormulas([['=COUNTUNIQUEIFS(A1:A5,B1:B5,"ana")'], ['=COUNTUNIQUEIFS(A1:A5,B1:B5,"cy")']]);
      SpreadsheetApp.flush();
      return sheet.getRange('C1:C2').getValues();
    },
  },
  {
    id: 'formula.sort-takes-is-ascending',
    cite: 'https://support.google.com/docs/answer/3093150',
    run(sheet) {
      sheet.getRange('A1:B3').setValues([
        ['b', 2],
        ['a', 1],
        ['c', 3],
      ]);
      return compute(sheet, 'C1', '=SORT(A1:B3,2,FALSE)', 'C1:D3');
    },
  },
  {
    id: 'formula.blocked-array-is-ref-and-expands-when-cleared',
    cite: `${ARRAYFORMULA} (#REF! "Array result was not expanded because it would overwrite data": best public evidence)`,
    run(sheet) {
      sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
      sheet.getRange('B2').setValue('in the way');
      const blocked = compute(sheet, 'B1', '=ARRAYFORMULA(A1:A3*2)', 'B1')[0]?.[0];
      sheet.getRange('B2').clearContent();
      SpreadsheetApp.flush();
      return { blocked, cleared: sheet.getRange('B1:B3').getValues() };
    },
  },
  {
    id: 'formula.array-literal-with-ranges-recalculates',
    cite: 'https://support.google.com/docs/answer/6208276 (arrays in formulas)',
    run(sheet) {
      sheet.getRange('A1:A2').setValues([['a'], ['b']]);
      compute(sheet, 'B1', '={"Header";ARRAYFORMULA(A1:A2&"!")}', 'B1');
      sheet.getRange('A1').setValue('z');
      SpreadsheetApp.flush();
      return sheet.getRange('B1:B3').getValues();
    },
  },
  {
    id: 'formula.whole-column-counts-appended-rows',
    cite: COUNTIF,
    run(sheet) {
      sheet.getRange('A1').setValue('x');
      sheet.getRange('B1').setFormula('=COUNTIF(A:A,"x")');
      sheet.appendRow(['x']);
      SpreadsheetApp.flush();
      return sheet.getRange('B1').getValues();
    },
  },
  {
    id: 'formula.if-blank-key-gives-empty-text',
    cite: 'https://support.google.com/docs/answer/3093364',
    run(sheet) {
      sheet.getRange('A2').setValue('ana@school.example');
      sheet
        .getRange('B1:B2')
        .setFormulas([['=IF($A1="","",COUNTIF(A:A,$A1))'], ['=IF($A2="","",COUNTIF(A:A,$A2))']]);
      SpreadsheetApp.flush();
      return sheet.getRange('B1:B2').getValues();
    },
  },
];
