/**
 * The .xlsx file speaks Excel's formula dialect, and reads back as the Sheets formulas.
 * - ARRAYFORMULA (support.google.com/docs/answer/3093275) has no function in the file format: it is an
 *   array formula over the cells it fills (ECMA-376 18.3.1.40, `t="array"` with `ref`).
 * - Functions newer than the format carry Excel's prefix (MS-XLSX 2.2.3, future functions).
 * - COUNTUNIQUE (answer/3093405) and COUNTUNIQUEIFS (answer/9584429) are Sheets-only: translated into
 *   a SUMPRODUCT/COUNTIFS distinct count, or, where no translation exists, kept with their cached value
 *   as Sheets' own export keeps them, IFERROR(__xludf.DUMMYFUNCTION("..."),value).
 */
import ExcelJS from 'exceljs';
import { Workbook } from '../spreadsheet';
import { FUNCTION_RULES, fromFileFormula, KEPT_FUNCTIONS, toFileFormula } from '../spreadsheet/xlsx-dialect';

async function fileCells(workbook: Workbook, sheet: string): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await workbook.toXlsx()) as unknown as ArrayBuffer);
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(`the file has no ${sheet} tab`);
  return ws;
}

function calls(): Workbook {
  const workbook = new Workbook({ name: 'Dialect', timeZone: 'America/New_York' });
  workbook.setSheet('Log', [
    ['Teacher', 'Student', 'Outcome', 'Day'],
    ['ana@school.example', 'S1', 'Reached', 3],
    ['ana@school.example', 'S1', 'Reached', 5],
    ['ana@school.example', 'S2', 'No answer', 4],
    ['ben@school.example', 'S3', 'Reached', 9],
  ]);
  workbook.setSheet('Teachers', [
    ['Email', 'Calls', 'Last', 'Distinct'],
    ['ana@school.example', '=ARRAYFORMULA(IF(A2:A4="","",COUNTIFS(Log!$A:$A,A2:A4)))', '', ''],
    ['ben@school.example', '', '=MAXIFS(Log!$D:$D,Log!$A:$A,A3)', ''],
    ['', '', '', ''],
  ]);
  return workbook;
}

describe('formulas in an .xlsx file', () => {
  test('an ARRAYFORMULA is stored as an array formula over the cells it fills, with their values', async () => {
    const workbook = calls();
    const ws = await fileCells(workbook, 'Teachers');
    const anchor = ws.getCell('B2').value as ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };
    expect(anchor.formula).toBe('IF(A2:A4="","",COUNTIFS(Log!$A:$A,A2:A4))');
    expect(anchor.shareType).toBe('array');
    expect(anchor.ref).toBe('B2:B4');
    expect(anchor.result).toBe(3);
    expect(ws.getCell('B3').value).toBe(1);
  });

  test('functions newer than the format carry Excel prefixes; COUNTIFS and IFERROR stay bare', () => {
    expect(toFileFormula('IFERROR(MAXIFS(A:A,B:B,">0")+COUNTIFS(B:B,1),0)').formula).toBe(
      'IFERROR(_xlfn.MAXIFS(A:A,B:B,">0")+COUNTIFS(B:B,1),0)',
    );
    expect(toFileFormula('SORT(FILTER(A2:A9,B2:B9>1))').formula).toBe(
      '_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A2:A9,B2:B9>1))',
    );
    expect(FUNCTION_RULES.MINIFS).toEqual({ stored: '_xlfn.MINIFS' });
    expect(FUNCTION_RULES.TEXTJOIN).toEqual({ stored: '_xlfn.TEXTJOIN' });
    expect(FUNCTION_RULES.COUNTIFS).toBeUndefined();
  });

  test('text, quoted tab names and array literals pass through untouched', () => {
    const formula = `IF('Call Log'!$B2="MAXIFS(","a,b",{1,2;3,4})`;
    expect(toFileFormula(formula)).toEqual({ formula, array: false, kept: false });
  });

  test('COUNTUNIQUEIFS becomes a SUMPRODUCT/COUNTIFS distinct count and reads back as the Sheets formula', () => {
    expect(KEPT_FUNCTIONS).toEqual(expect.arrayContaining(['COUNTUNIQUEIFS', 'COUNTUNIQUE']));
    const sheets = `IF($B2="","",COUNTUNIQUEIFS('Call Log'!$E:$E,'Call Log'!$B:$B,$B2,'Call Log'!$J:$J,"Reached",'Call Log'!$D:$D,">="&MAXIFS(A:A,B:B,1)))`;
    const file = toFileFormula(sheets, 4);
    expect(file.kept).toBe(false);
    expect(file.formula).not.toMatch(/COUNTUNIQUE/);
    expect(file.formula).toContain(`SUMPRODUCT((COUNTIFS('Call Log'!$E:$E,INDEX('Call Log'!$E:$E,1):INDEX(`);
    // Its criteria keep COUNTIFS' meaning, in the file's dialect.
    expect(file.formula).toContain(
      `'Call Log'!$B:$B,$B2,'Call Log'!$J:$J,"Reached",'Call Log'!$D:$D,">="&_xlfn.MAXIFS(A:A,B:B,1)`,
    );
    expect(fromFileFormula(file.formula, false)).toBe(sheets);
    expect(fromFileFormula(toFileFormula('COUNTUNIQUE(Log!B2:B9)').formula, false)).toBe(
      'COUNTUNIQUE(Log!B2:B9)',
    );
  });

  test('a Sheets-only shape with no translation is kept with its cached value, as Sheets exports it', () => {
    expect(toFileFormula('COUNTUNIQUEIFS(A:B,C:C,"x")', 'none yet')).toEqual({
      formula: 'IFERROR(__xludf.DUMMYFUNCTION("COUNTUNIQUEIFS(A:B,C:C,""x"")"),"none yet")',
      array: false,
      kept: true,
    });
    expect(fromFileFormula('IFERROR(__xludf.DUMMYFUNCTION("COUNTUNIQUE(A1,B1)"),2)', false)).toBe(
      'COUNTUNIQUE(A1,B1)',
    );
  });

  test('reading a file back gives the Sheets formulas and the same values, spilled cells left to their formula', async () => {
    const workbook = calls();
    workbook.setSheet('Counts', [
      ['=COUNTUNIQUE(FILTER(Log!$B:$B,Log!$C:$C="Reached"))', '=1+ARRAYFORMULA(SUM(Log!D2:D5*2))'],
    ]);
    const ws = await fileCells(workbook, 'Counts');
    expect((ws.getCell('A1').value as ExcelJS.CellFormulaValue).formula).toBe(
      'IFERROR(__xludf.DUMMYFUNCTION("COUNTUNIQUE(FILTER(Log!$B:$B,Log!$C:$C=""Reached""))"),2)',
    );
    const again = await Workbook.fromXlsx(await workbook.toXlsx());
    expect(again.formulas('Teachers')).toEqual(workbook.formulas('Teachers'));
    expect(again.values('Teachers')).toEqual(workbook.values('Teachers'));
    expect(again.formulas('Counts')).toEqual([
      ['=COUNTUNIQUE(FILTER(Log!$B:$B,Log!$C:$C="Reached"))', '=ARRAYFORMULA(1+(SUM(Log!D2:D5*2)))'],
    ]);
    expect(again.values('Counts')).toEqual([[2, 43]]);
  });
});
