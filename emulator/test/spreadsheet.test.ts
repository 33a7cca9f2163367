/**
 * SpreadsheetApp over HyperFormula: each test names the Apps Script behaviour it mirrors. Scripts
 * here are tiny bundles written in the test: the emulator runs any Apps Script code.
 */
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

function runScript(body: string, workbook = new Workbook({ timeZone: 'America/New_York' })) {
  workbook.sheetNames().length || workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ code: `function main() { ${body} }`, workbook });
  return { run: emu.run('main', [], { user: 'ana@school.example' }), workbook };
}

describe('SpreadsheetApp over HyperFormula', () => {
  test('ranges are 1-based: getRange(1, 1) is A1', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
      sheet.getRange(1, 1).setValue('first');
      sheet.getRange(2, 3, 1, 2).setValues([[1, 2]]);
      return [sheet.getRange('A1').getValue(), sheet.getRange('C2:D2').getA1Notation(), sheet.getRange('D2').getValue()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['first', 'C2:D2', 2]);
  });

  test("setValues with data of the wrong size throws Sheets' own message and writes nothing", () => {
    const { run, workbook } = runScript(`
      SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(1, 1, 3, 1).setValues([['a'], ['b']]);`);
    expect(run.error?.message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(workbook.values('Sheet1')).toEqual([]);
  });

  test('a written string is read as if typed; a leading apostrophe keeps text and is not part of the value', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange(1, 1, 1, 6).setValues([['=1+1', '007', 'TRUE', "'007", "'=1+1", '2026-09-14']]);
      const v = sheet.getRange(1, 1, 1, 6).getValues()[0];
      return [v[0], v[1], v[2], v[3], v[4], v[5] instanceof Date, sheet.getRange('A1').getFormula(), sheet.getRange('E1').getFormula()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([2, 7, true, '007', '=1+1', true, '=1+1', '']);
  });

  test("getValues covers the whole rectangle with '' for blanks, numbers, booleans and Dates of the script's realm", () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1:B1').setValues([[new Date(2026, 8, 14), false]]);
      const v = sheet.getRange('A1:C2').getValues();
      return [v.length, v[0].length, v[0][0] instanceof Date, v[0][1], v[0][2], v[1][0]];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([2, 3, true, false, '', '']);
  });

  test("a Date written reads back as the same instant in the spreadsheet's time zone", () => {
    const { run, workbook } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      const d = Utilities.parseDate('2026-09-14', 'America/New_York', 'yyyy-MM-dd');
      sheet.getRange('A1').setValue(d);
      return [sheet.getRange('A1').getValue().getTime() === d.getTime(), d.toISOString()];`);
    expect(run.result).toEqual([true, '2026-09-14T04:00:00.000Z']);
    expect(workbook.formulas('Sheet1')).toEqual([['']]);
  });

  test('getLastRow ignores trailing empty rows; getDataRange spans the data', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange(1, 1, 5, 2).setValues([['h', 'i'], ['a', 1], ['b', 2], ['', ''], ['', '']]);
      sheet.appendRow(['c', 3]);
      return [sheet.getLastRow(), sheet.getLastColumn(), sheet.getDataRange().getA1Notation(), sheet.getMaxRows()];`);
    expect(run.result).toEqual([4, 2, 'A1:B4', 1000]);
  });

  test('insertSheet with a taken name throws; formulas recalculate on write; errors read back as codes', () => {
    const { run } = runScript(`
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const data = ss.insertSheet('Data');
      let refused = '';
      try { ss.insertSheet('data'); } catch (e) { refused = e.message; }
      data.getRange('A1:C1').setValues([['=SUM(A2:A3)', '=1/0', '=MATCH("x", A2:A3, 0)']]);
      data.getRange('A2:A3').setValues([[2], [3]]);
      const first = data.getRange('A1:C1').getValues()[0];
      data.getRange('A3').setValue(10);
      return [refused, first, data.getRange('A1').getValue(), ss.getSheets().map((s) => s.getName())];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      'A sheet with the name "data" already exists. Please enter another name.',
      [5, '#DIV/0!', '#N/A'],
      12,
      ['Sheet1', 'Data'],
    ]);
  });

  test('getActiveSpreadsheet is refused in AuthMode.NONE, as before a user authorizes', () => {
    const workbook = new Workbook();
    workbook.setSheet('Sheet1', []);
    const emu = new Emulator({
      code: 'function onOpen() { SpreadsheetApp.getActiveSpreadsheet(); }',
      workbook,
    });
    const run = emu.runTrigger('onOpen', { authMode: 'NONE' });
    expect(run.error?.message).toMatch(/permission/);
  });

  test('every call is counted as Class.method and a missing method says Not emulated', () => {
    const { run } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1').getValues();
      sheet.getRange('A1').getValues();
      sheet.getRange('A1').getRichTextValue();`);
    expect(run.error?.message).toBe('Not emulated: Range.getRichTextValue');
    expect(run.calls['Range.getValues']).toBe(2);
    expect(run.calls['Sheet.getRange']).toBe(3);
    expect(run.spreadsheetCalls).toBe(7);
  });

  test('validation, notes, number formats, frozen rows and protections are recorded and readable', () => {
    const { run, workbook } = runScript(`
      const sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(['Phone', 'Video']).setAllowInvalid(false).build();
      sheet.getRange('A2:A5').setDataValidation(rule);
      sheet.getRange('B1').setNote('When the call was made').setNumberFormat('yyyy-mm-dd');
      sheet.setFrozenRows(1);
      sheet.getRange('A1:B1').protect().setWarningOnly(true);
      const v = sheet.getRange('A3').getDataValidation();
      // getCriteriaType is SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST itself, printing as its name.
      return [v.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST && String(v.getCriteriaType()),
        v.getCriteriaValues()[0], sheet.getRange('B1').getNote(), sheet.getFrozenRows(),
        sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].isWarningOnly()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['VALUE_IN_LIST', ['Phone', 'Video'], 'When the call was made', 1, true]);
    const before = JSON.stringify(workbook.snapshot());
    expect(JSON.stringify(workbook.clone().snapshot())).toBe(before);
  });

  test('a toast changes nothing in the sheet and is recorded on the run, with its title', () => {
    const { run, workbook } = runScript(`
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      ss.toast('Summary rebuilt.', 'Relationship Calls');
      ss.toast('Done');`);
    expect(run.error).toBeUndefined();
    expect(run.ui.toasts).toEqual([
      { message: 'Summary rebuilt.', title: 'Relationship Calls' },
      { message: 'Done', title: '' },
    ]);
    expect(run.calls['Spreadsheet.toast']).toBe(2);
    expect(workbook.values('Sheet1')).toEqual([]);
  });

  test('an .xlsx round trip keeps values, formulas with results, frozen rows and formats', async () => {
    const workbook = new Workbook({ name: 'Round trip' });
    workbook.setSheet('Call Log', [
      ['Student ID', 'Calls', 'Total'],
      ["'007", 2, '=SUM(B2:B3)'],
      ['s2', 3, ''],
    ]);
    (workbook.sheets[0] as { frozenRows: number }).frozenRows = 1;
    const copy = await Workbook.fromXlsx(await workbook.toXlsx());
    expect(copy.sheetNames()).toEqual(['Call Log']);
    expect(copy.values('Call Log')).toEqual(workbook.values('Call Log'));
    expect(copy.formulas('Call Log')[1]?.[2]).toBe('=SUM(B2:B3)');
    expect(copy.values('Call Log')[1]?.[0]).toBe('007');
    expect(copy.sheets[0]?.frozenRows).toBe(1);
  });

  test('an .xlsx round trip keeps a tab with blank rows, typed dates as shown, and the formats of spilled cells', async () => {
    const workbook = new Workbook({ name: 'Gaps' });
    workbook.setSheet('Summary', [['Summary', '2026-10-25'], [''], ['Share reached', 0.25]]);
    workbook.setSheet('Teachers', [
      ['Done', 'Share'],
      [1, '=ARRAYFORMULA(IF(A2:A3="","",A2:A3/4))'],
      [2, ''],
    ]);
    const summary = workbook.requireSheet('Summary');
    const teachers = workbook.requireSheet('Teachers');
    summary.setProp(2, 1, 'numberFormat', '0%');
    for (const row of [1, 2]) teachers.setProp(row, 1, 'numberFormat', '0%');
    const copy = await Workbook.fromXlsx(await workbook.toXlsx());
    expect(workbook.displayValues('Summary')[0]).toEqual(['Summary', '10/25/2026']);
    expect(copy.displayValues('Summary')).toEqual([
      ['Summary', '10/25/2026'],
      ['', ''],
      ['Share reached', '25%'],
    ]);
    expect(copy.displayValues('Teachers')).toEqual([
      ['Done', 'Share'],
      ['1', '25%'],
      ['2', '50%'],
    ]);
  });

  test('an ARRAYFORMULA still spills after an .xlsx round trip and in a copy (no #SPILL!)', async () => {
    const workbook = new Workbook({ name: 'Spill' });
    workbook.setSheet('Teachers', [
      ['Calls', 'Double'],
      [1, '=ARRAYFORMULA(IF(A2:A4="","",A2:A4*2))'],
      [2, ''],
      [3, ''],
    ]);
    expect(workbook.values('Teachers').map((r) => r[1])).toEqual(['Double', 2, 4, 6]);
    const reopened = await Workbook.fromXlsx(await workbook.toXlsx());
    for (const copy of [reopened, workbook.clone()]) {
      expect(copy.values('Teachers').map((r) => r[1])).toEqual(['Double', 2, 4, 6]);
      expect(copy.formulas('Teachers').map((r) => r[1])).toEqual([
        '',
        workbook.formulas('Teachers')[1]?.[1],
        '',
        '',
      ]);
    }
  });
});
