/**
 * More Sheets behaviour a script meets, each named after what Apps Script does: range bounds,
 * inserting and deleting rows, #REF!, number formats, protections, data validation, charts, and what
 * an .xlsx file keeps. (The basics are in spreadsheet.test.ts.)
 */
import ExcelJS from 'exceljs';
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

function runScript(body: string, workbook = new Workbook({ timeZone: 'America/New_York' })) {
  workbook.sheetNames().length || workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ code: `function main() { ${body} }`, workbook });
  return { run: emu.run('main', [], { user: 'ana@school.example' }), workbook };
}

/** An array expression: the message each statement throws, or 'ok'. */
function attempts(statements: string[]): string {
  return `[${statements.map((s) => `(function () { try { ${s}; return 'ok'; } catch (e) { return e.message; } })()`).join(',')}]`;
}

/** The message each statement throws, or 'ok', with `sheet` the Sheet1 tab. */
function messages(statements: string[]): string {
  return `const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
    return ${attempts(statements)};`;
}

describe('ranges', () => {
  test("getRange below row 1 or column 1, or with no rows or columns, throws Apps Script's messages", () => {
    const { run } = runScript(
      messages([
        'sheet.getRange(0, 1)',
        'sheet.getRange(1, 0)',
        'sheet.getRange(1, 1, 0, 1)',
        'sheet.getRange(1, 1, 1, 0)',
        'sheet.getRange(1, 1, 1, 1)',
      ]),
    );
    expect(run.result).toEqual([
      'The starting row of the range is too small.',
      'The starting column of the range is too small.',
      'The number of rows in the range must be at least 1.',
      'The number of columns in the range must be at least 1.',
      'ok',
    ]);
  });

  // Apps Script refuses a range past getMaxRows()/getMaxColumns() instead of growing the sheet:
  // "Exception: The coordinates of the range are outside the dimensions of the sheet." when a script
  // saved records past a full tab's last row (github.com/diegomanuel/binance-to-google-sheets/issues/19).
  // Whole rows and columns ('A:A', '2:2', 'A2:A') end on the sheet by definition. The probe
  // api.range.outside-sheet (emulator/conformance/probes/api.ts) asks a real sheet the same.
  const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

  test("a range ending past the last row or column throws Apps Script's message and grows nothing", () => {
    const workbook = new Workbook({ timeZone: 'America/New_York' });
    workbook.setSheet('Sheet1', [['a', 'b']]);
    const { run } = runScript(
      `const ss = SpreadsheetApp.getActive();
      const sheet = ss.getSheetByName('Sheet1');
      const rows = sheet.getMaxRows();
      const cols = sheet.getMaxColumns();
      const out = ${attempts([
        'sheet.getRange(rows, cols)',
        'sheet.getRange(rows + 1, 1)',
        'sheet.getRange(rows, 1, 2, 1).setValues([[1], [2]])',
        'sheet.getRange(1, cols + 1)',
        'sheet.getRange(1, 1, 1, cols + 1)',
        "sheet.getRange('A' + (rows + 1))",
        "sheet.getRange('A' + rows + ':B' + (rows + 1))",
        "sheet.getRange('R1C' + (cols + 1))",
        "ss.getRange('Sheet1!A' + (rows + 1))",
        "sheet.getRangeList(['A1', 'A' + (rows + 1)])",
        'sheet.getRange(rows, 1).offset(1, 0)',
        'sheet.getRange(1, 1).offset(0, 0, 1, cols + 1)',
        'sheet.getSheetValues(rows, 1, 2, 1)',
        "sheet.getRange('A:A'); sheet.getRange('2:2'); sheet.getRange('A2:A')",
      ])};
      return [out, sheet.getMaxRows() === rows, sheet.getMaxColumns() === cols, sheet.getLastRow()];`,
      workbook,
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([['ok', ...Array(12).fill(OUTSIDE), 'ok'], true, true, 1]);
  });

  test('the refused row is there once rows are inserted, and appendRow on a full sheet adds its row', () => {
    const workbook = new Workbook({ timeZone: 'America/New_York' });
    workbook.setSheet('Sheet1', [['a']]);
    const { run } = runScript(
      `const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.deleteRows(3, sheet.getMaxRows() - 2);
      sheet.getRange(2, 1).setValue('b');
      let refused = '';
      try { sheet.getRange(3, 1); } catch (e) { refused = e.message; }
      sheet.appendRow(['c', 'd']);
      const appended = [sheet.getMaxRows(), sheet.getRange(3, 1, 1, 2).getValues()];
      sheet.insertRowsAfter(3, 1);
      sheet.getRange(4, 1).setValue('e');
      return [refused, appended, sheet.getMaxRows()];`,
      workbook,
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([OUTSIDE, [3, [['c', 'd']]], 4]);
    expect(workbook.values('Sheet1').map((r) => r[0])).toEqual(['a', 'b', 'c', 'e']);
  });

  test('setValues with rows of the wrong width throws the columns message and writes nothing', () => {
    const { run, workbook } = runScript(
      messages([`sheet.getRange(1, 1, 2, 2).setValues([['a', 'b'], ['c']])`]),
    );
    expect(run.result).toEqual([
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    ]);
    expect(workbook.values('Sheet1')).toEqual([]);
  });
});

describe('inserting and deleting rows', () => {
  test('insertRowsAfter / insertRowsBefore shift values, notes and formulas down; getMaxRows grows', () => {
    const { run, workbook } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:A3').setValues([['a'], ['b'], ['=A1&A2']]);
      sheet.getRange('A2').setNote('second');
      sheet.insertRowsAfter(1, 2);
      sheet.insertRowsBefore(1, 1);
      return [sheet.getMaxRows(), sheet.getRange('A6').getFormula(), sheet.getRange('A6').getValue(),
        sheet.getRange('A5').getNote(), sheet.getLastRow()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([1003, '=A2&A5', 'ab', 'second', 6]);
    expect(workbook.values('Sheet1').map((r) => r[0])).toEqual(['', 'a', '', '', 'b', 'ab']);
  });

  test('deleteRows moves later rows up; a formula whose cell was deleted reads #REF!', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:B4').setValues([['x', '=A3'], ['y', '=SUM(A2:A4)'], [5, ''], [7, '']]);
      sheet.deleteRows(3, 1);
      sheet.deleteRow(1);
      return [sheet.getMaxRows(), sheet.getRange('A1:B2').getValues(), sheet.getRange('B1').getFormula()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      998,
      [
        ['y', 7],
        [7, ''],
      ],
      '=SUM(A1:A2)',
    ]);

    const { run: ref } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:B1').setValues([[1, '=A2*2']]);
      sheet.getRange('A2').setValue(3);
      const before = sheet.getRange('B1').getValue();
      sheet.deleteRow(2);
      return [before, sheet.getRange('B1').getValue(), sheet.getRange('B1').getDisplayValue()];`);
    expect(ref.result).toEqual([6, '#REF!', '#REF!']);
  });
});

describe('number formats', () => {
  test('an unformatted cell reports 0.###############; a format changes the display, not the value', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:C1').setValues([[0.5, 3.24159, Utilities.parseDate('2026-09-14', 'America/New_York', 'yyyy-MM-dd')]]);
      const before = sheet.getRange('A1').getNumberFormat();
      sheet.getRange('A1').setNumberFormat('0.0%');
      sheet.getRange('B1').setNumberFormat('0.00');
      sheet.getRange('C1').setNumberFormat('yyyy-mm-dd');
      return [before, sheet.getRange('A1:C1').getNumberFormats()[0], sheet.getRange('A1:B1').getValues()[0],
        sheet.getRange('A1:C1').getDisplayValues()[0]];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      '0.###############',
      ['0.0%', '0.00', 'yyyy-mm-dd'],
      [0.5, 3.24159],
      ['50.0%', '3.24', '2026-09-14'],
    ]);
  });
});

describe('protections', () => {
  test('a protected sheet and a protected range are listed by type, described, and removable', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.protect().setDescription('Formulas');
      const range = sheet.getRange('B2:C3').protect().setDescription('Totals').setWarningOnly(true);
      const sheets = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
      const ranges = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
      const listed = [sheets.map((p) => p.getDescription()), ranges.map((p) => [p.getDescription(), p.isWarningOnly(), p.getRange().getA1Notation()])];
      range.remove();
      return [listed, sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).length];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([[['Formulas'], [['Totals', true, 'B2:C3']]], 0]);
  });
});

describe('data validation', () => {
  test('the builder makes rules readable back per cell; clearDataValidations removes them', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:A2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      sheet.getRange('B1').setDataValidation(
        SpreadsheetApp.newDataValidation().requireNumberBetween(0, 50).setHelpText('0 to 50').setAllowInvalid(false).build());
      const grid = sheet.getRange('A1:B2').getDataValidations()
        .map((row) => row.map((v) => v && [String(v.getCriteriaType()), v.getCriteriaValues(), v.getHelpText(), v.getAllowInvalid()]));
      sheet.getRange('A1:B1').clearDataValidations();
      return [grid, sheet.getRange('A1').getDataValidation(), String(sheet.getRange('A2').getDataValidation().getCriteriaType())];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [
        [
          ['CHECKBOX', [], '', true],
          ['NUMBER_BETWEEN', [0, 50], '0 to 50', false],
        ],
        [['CHECKBOX', [], '', true], null],
      ],
      null,
      'CHECKBOX',
    ]);
  });
});

describe('charts', () => {
  test('newChart()...build() then insertChart records the chart; getCharts returns it with its ranges', () => {
    const { run, workbook } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:B3').setValues([['Week', 'Calls'], [1, 4], [2, 9]]);
      const chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B3'))
        .setPosition(5, 1, 0, 0).setOption('title', 'Calls per week').build();
      sheet.insertChart(chart);
      const [inserted] = sheet.getCharts();
      return [sheet.getCharts().length, inserted.getRanges().map((r) => r.getA1Notation()),
        inserted.getOptions().get('title')];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([1, ['A1:B3'], 'Calls per week']);
    const [sheet] = workbook.snapshot() as { charts: unknown[] }[];
    expect(sheet?.charts).toEqual([
      {
        type: 'COLUMN',
        ranges: ['Sheet1!A1:B3'],
        position: [5, 1, 0, 0],
        options: { title: 'Calls per week' },
      },
    ]);
  });
});

describe('.xlsx files', () => {
  test('a round trip keeps validation (list and checkbox), notes, number formats, widths and hidden columns', async () => {
    const { run, workbook } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:C2').setValues([['Outcome', 'Done', 'Share'], ['Reached', true, 0.25]]);
      sheet.getRange('A2').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Reached', 'No answer']).build());
      sheet.getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      sheet.getRange('C2').setNumberFormat('0%').setNote('of the goal');
      sheet.setColumnWidth(1, 210);
      sheet.hideColumns(3);
      sheet.setFrozenRows(1);`);
    expect(run.error).toBeUndefined();
    const copy = await Workbook.fromXlsx(await workbook.toXlsx());
    const emu = new Emulator({
      code: `function read() {
        const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        const v = sheet.getRange('A2:B2').getDataValidations()[0];
        return [sheet.getRange('A1:C2').getValues(), String(v[0].getCriteriaType()), v[0].getCriteriaValues()[0],
          String(v[1].getCriteriaType()), sheet.getRange('C2').getNumberFormat(), sheet.getRange('C2').getNote(),
          sheet.getRange('C2').getDisplayValue(), sheet.getColumnWidth(1), sheet.isColumnHiddenByUser(3), sheet.getFrozenRows()];
      }`,
      workbook: copy,
    });
    expect(emu.call('read')).toEqual([
      [
        ['Outcome', 'Done', 'Share'],
        ['Reached', true, 0.25],
      ],
      'VALUE_IN_LIST',
      ['Reached', 'No answer'],
      'CHECKBOX',
      '0%',
      'of the goal',
      '25%',
      210,
      true,
      1,
    ]);
  });

  test('a saved formula carries its computed result, so a reader that does not recalculate sees it', async () => {
    const workbook = new Workbook({ name: 'Cached results' });
    workbook.setSheet('Totals', [
      ['Calls', 'Goal', 'Share'],
      [3, 4, '=A2/B2'],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbook.toXlsx()) as unknown as ArrayBuffer);
    expect(book.getWorksheet('Totals')?.getCell('C2').value).toEqual({ formula: 'A2/B2', result: 0.75 });
  });
});

describe('date-time cells', () => {
  // Range.setValue takes a Date and getValue returns a Date of the same instant
  // (developers.google.com/apps-script/reference/spreadsheet/range#getvalue).
  test('a Date written with milliseconds, or on a whole second, reads back as the same instant', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      const instants = [Date.UTC(2026, 8, 20, 15, 4, 5, 123), Date.UTC(2026, 10, 1, 5, 59, 59, 0), Date.UTC(2026, 2, 8, 7, 30, 0, 999)];
      sheet.getRange(1, 1, 3, 1).setValues(instants.map((ms) => [new Date(ms)]));
      return sheet.getRange(1, 1, 3, 1).getValues().map((r) => r[0].getTime() - instants.shift());
    `);
    expect(run.result).toEqual([0, 0, 0]);
  });
});
