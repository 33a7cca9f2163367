/**
 * Range.sort, Sheet.sort and setFormula over a range: how rows move and how formulas read after they
 * move. Each test names the Apps Script behaviour it mirrors:
 * https://developers.google.com/apps-script/reference/spreadsheet/range#sortsortspecobj
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#sortcolumnposition,-ascending
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setformulaformula
 */
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';
import { formulaRefs, translateFormula } from '../spreadsheet/formula-refs';

function runScript(body: string, workbook = new Workbook({ timeZone: 'America/New_York' })) {
  workbook.sheetNames().length || workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ code: `function main() { ${body} }`, workbook });
  return { run: emu.run('main', [], { user: 'ana@school.example' }), workbook };
}

const SHEET = `const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');`;

describe('Range.sort', () => {
  test('a column number sorts ascending by that sheet column; other columns move with their row', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B4').setValues([['h', 'x'], ['c', 3], ['a', 1], ['b', 2]]);
      sheet.getRange('A2:B4').sort(2);`);
    expect(run.error).toBeUndefined();
    expect(workbook.values('Sheet1')).toEqual([
      ['h', 'x'],
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  test('{column, ascending: false} sorts descending; an array of specs breaks ties in order, stably', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:C5').setValues([['Ana', 2, 'first'], ['Ben', 1, 'x'], ['Ana', 1, 'y'], ['Cy', 2, 'second'], ['Ana', 1, 'z']]);
      sheet.getRange('A1:C5').sort([{ column: 2, ascending: false }, 1]);`);
    expect(run.error).toBeUndefined();
    expect(workbook.values('Sheet1')).toEqual([
      ['Ana', 2, 'first'],
      ['Cy', 2, 'second'],
      ['Ana', 1, 'y'],
      ['Ana', 1, 'z'],
      ['Ben', 1, 'x'],
    ]);
  });

  test('mixed types: numbers, then text (ignoring case), then booleans; blanks last both ways', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B7').setValues([[true, 1], ['', 2], ['beta', 3], [10, 4], ['Alpha', 5], [false, 6], [2, 7]]);
      sheet.getRange('A1:B7').sort(1);
      const up = sheet.getRange('B1:B7').getValues().map((r) => r[0]);
      sheet.getRange('A1:B7').sort({ column: 1, ascending: false });
      return [up, sheet.getRange('B1:B7').getValues().map((r) => r[0])];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [7, 4, 5, 3, 6, 1, 2],
      [1, 6, 3, 5, 4, 7, 2],
    ]);
    expect(workbook.values('Sheet1')[6]).toEqual(['', 2]);
  });

  test('a per-row formula stays beside its row, re-anchored; a whole column on another sheet is unchanged', () => {
    const workbook = new Workbook({ timeZone: 'America/New_York' });
    workbook.setSheet('Call Log', [
      ['When', 'Teacher'],
      [1, 'b@x'],
      [2, 'a@x'],
      [3, 'b@x'],
      [4, 'b@x'],
    ]);
    workbook.setSheet('Sheet1', [['Email', 'Calls']]);
    const { run } = runScript(
      `${SHEET}
      sheet.getRange('A2:A4').setValues([['b@x'], ['c@x'], ['a@x']]);
      sheet.getRange('B2:B4').setFormulas([2, 3, 4].map((r) => ['=IF($A' + r + '="","",COUNTIFS(\\'Call Log\\'!$B:$B,$A' + r + '))']));
      sheet.getRange('A2:B4').sort(1);
      return [sheet.getRange('A2:B4').getValues(), sheet.getRange('B2:B4').getFormulas().map((r) => r[0])];`,
      workbook,
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [
        ['a@x', 1],
        ['b@x', 3],
        ['c@x', 0],
      ],
      [
        `=IF($A2="","",COUNTIFS('Call Log'!$B:$B,$A2))`,
        `=IF($A3="","",COUNTIFS('Call Log'!$B:$B,$A3))`,
        `=IF($A4="","",COUNTIFS('Call Log'!$B:$B,$A4))`,
      ],
    ]);
  });

  test('an absolute reference outside the block is unchanged by a sort', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('D1').setValue(10);
      sheet.getRange('A2:B3').setValues([[2, '=A2*$D$1'], [1, '=A3*$D$1']]);
      sheet.getRange('A2:B3').sort(1);
      return [sheet.getRange('A2:B3').getValues(), sheet.getRange('B2').getFormula()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [
        [1, 10],
        [2, 20],
      ],
      '=A2*$D$1',
    ]);
  });

  test('a formula referring to another row of the block is refused by name and nothing moves', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B3').setValues([[3, ''], [1, '=A1+1'], [2, '']]);
      sheet.getRange('A1:B3').sort(1);`);
    expect(run.error?.message).toBe('Not emulated: sorting a range whose formulas refer to other rows of it');
    expect(workbook.values('Sheet1').map((r) => r[0])).toEqual([3, 1, 2]);
  });

  test('cells that only show an array formula’s output stay; the formula recomputes them', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B2').setValues([['n', 'double'], [0, '=ARRAYFORMULA(A2:A5*2)']]);
      sheet.getRange('A3:A5').setValues([[3], [1], [2]]);
      sheet.getRange('A3:B5').sort(1);
      return sheet.getRange('B3:B5').getFormulas().map((r) => r[0]);`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['', '', '']);
    expect(workbook.values('Sheet1').slice(1)).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
  });

  test('formats and notes move with their row', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:A2').setValues([[2], [1]]);
      sheet.getRange('A1').setNote('was first').setNumberFormat('0.00');
      sheet.getRange('A1:A2').sort(1);
      return [sheet.getRange('A1:A2').getNotes(), sheet.getRange('A1:A2').getDisplayValues()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [[''], ['was first']],
      [['1'], ['2.00']],
    ]);
  });

  test('a sort column outside the range is refused with a sentence', () => {
    const { run } = runScript(`${SHEET} sheet.getRange('B1:C2').sort(1);`);
    expect(run.error?.message).toBe('Exception: Sort column 1 is outside the range being sorted.');
  });
});

describe('Sheet.sort', () => {
  test('sorts the data under the frozen rows by a column, descending when asked', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B4').setValues([['Name', 'Calls'], ['Ana', 2], ['Ben', 5], ['Cy', 3]]);
      sheet.setFrozenRows(1);
      sheet.sort(2, false);`);
    expect(run.error).toBeUndefined();
    expect(workbook.values('Sheet1')).toEqual([
      ['Name', 'Calls'],
      ['Ben', 5],
      ['Cy', 3],
      ['Ana', 2],
    ]);
  });
});

describe('setFormula over a range', () => {
  test('shifts relative references per cell, as a copy from the top-left cell; $ parts stay', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('B2:C3').setFormula('=A1+$A$1+A$1+$A1');
      return sheet.getRange('B2:C3').getFormulas();`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      ['=A1+$A$1+A$1+$A1', '=B1+$A$1+B$1+$A1'],
      ['=A2+$A$1+A$1+$A2', '=B2+$A$1+B$1+$A2'],
    ]);
  });

  test('setFormulas writes each formula as given', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:B1').setFormulas([['=C1', '=C1']]);
      return sheet.getRange('A1:B1').getFormulas();`);
    expect(run.result).toEqual([['=C1', '=C1']]);
  });
});

describe('formula references', () => {
  test('text, function names, numbers and quoted sheet names are not references', () => {
    expect(translateFormula(`="A1"&LOG10(A1)+1E5+'Q1 data'!B2+Sheet1!C3:D`, 1, 1)).toBe(
      `="A1"&LOG10(B2)+1E5+'Q1 data'!C3+Sheet1!D4:E`,
    );
  });

  test('whole columns and whole rows keep their open side; a reference pushed off the sheet is #REF!', () => {
    expect(translateFormula('=SUM(A:B)+SUM(5:7)+A1', 1, 1)).toBe('=SUM(B:C)+SUM(6:8)+B2');
    expect(translateFormula('=A1', -1, 0)).toBe('=#REF!');
    expect(formulaRefs(`='Call Log'!$B:$B`)).toEqual([
      {
        sheet: 'Call Log',
        start: { col: 2, colAbs: true, row: undefined, rowAbs: false },
        end: { col: 2, colAbs: true, row: undefined, rowAbs: false },
      },
    ]);
  });
});
