/**
 * SpreadsheetApp's API as Apps Script has it: addresses, printing, missing members, enums, formats,
 * colours, validation values, and the methods beyond reads and writes (copyTo, moveTo, merges,
 * deleteCells, getDataRegion, checkboxes, TextFinder, RangeList, named ranges, create/openById,
 * Color and TextStyle). Each test cites the reference page it mirrors.
 */
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

function runScript(
  body: string,
  workbook = new Workbook({ timeZone: 'America/New_York' }),
  user = 'ana@school.example',
) {
  workbook.sheetNames().length || workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ code: `function main() { ${body} }`, workbook });
  return { run: emu.run('main', [], { user }), workbook, emu };
}

const SHEET = `const ss = SpreadsheetApp.getActive(); const sheet = ss.getSheetByName('Sheet1');`;

describe('addresses (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getrangea1notation)', () => {
  test('whole rows and whole columns keep their shape in getA1Notation', () => {
    const { run } = runScript(`${SHEET}
      const rows = sheet.getRange('5:7'); const cols = sheet.getRange('D:F');
      return [rows.getA1Notation(), rows.getNumColumns(), cols.getA1Notation(), cols.getNumRows(), sheet.getRange('A2:B').getA1Notation()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['5:7', 26, 'D:F', 1000, 'A2:B1000']);
  });

  test("R1C1 addresses in any case and a leading '!' are accepted", () => {
    const { run } = runScript(`${SHEET}
      return [sheet.getRange('R5C3').getA1Notation(), sheet.getRange('R2C2:R4C5').getA1Notation(),
        sheet.getRange('r1c1').getA1Notation(), sheet.getRange('!c2:e5').getA1Notation()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['C5', 'B2:E4', 'A1', 'C2:E5']);
  });

  test('an address that is none throws Range not found', () => {
    const { run } = runScript(`${SHEET} sheet.getRange('1:B2');`);
    expect(run.error?.message).toBe('Range not found');
  });
});

describe('objects as Apps Script prints and exposes them', () => {
  test('String(x) is the class name (https://developers.google.com/apps-script/reference/spreadsheet/range)', () => {
    const { run } = runScript(`${SHEET}
      const builder = SpreadsheetApp.newDataValidation().requireCheckbox();
      const chart = sheet.newChart().addRange(sheet.getRange('A1:B2')).build();
      return [String(sheet.getRange('A1')), String(sheet), String(ss), String(builder), String(builder.build()), String(chart), '' + SpreadsheetApp];`);
    expect(run.result).toEqual([
      'Range',
      'Sheet',
      'Spreadsheet',
      'DataValidationBuilder',
      'DataValidation',
      'EmbeddedChart',
      'SpreadsheetApp',
    ]);
  });

  test('a member Apps Script lacks is undefined; one it has that is not emulated throws an Error of the script', () => {
    const { run } = runScript(`${SHEET}
      const range = sheet.getRange('A1');
      let caught;
      try { range.getRichTextValue(); } catch (e) { caught = [e instanceof Error, e.message]; }
      return [typeof range.noSuchMethod, typeof range.wb, typeof range.row, typeof range.getRichTextValue, caught];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'function',
      [true, 'Not emulated: Range.getRichTextValue'],
    ]);
  });

  test("an emulator error is an Error of the script's realm", () => {
    const { run } = runScript(`${SHEET}
      try { sheet.getRange(0, 1); } catch (e) { return [e instanceof Error, e.message]; }`);
    expect(run.result).toEqual([true, 'The starting row of the range is too small.']);
  });

  test('every SpreadsheetApp enum is there, each value printing as its name with its ordinal', () => {
    const { run } = runScript(`
      return [String(SpreadsheetApp.Dimension.ROWS), SpreadsheetApp.Dimension.ROWS.ordinal(),
        String(SpreadsheetApp.CopyPasteType.PASTE_VALUES), String(SpreadsheetApp.BorderStyle.DOTTED),
        String(SpreadsheetApp.ColorType.RGB), SpreadsheetApp.Dimension.ROWS === SpreadsheetApp.Dimension.ROWS,
        String(Charts.ChartType.PIE)];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['ROWS', 1, 'PASTE_VALUES', 'DOTTED', 'RGB', true, 'PIE']);
  });
});

describe('formats and colours', () => {
  test("setNumberFormat('general') reads back as an unformatted cell (https://developers.google.com/apps-script/reference/spreadsheet/range#getnumberformat)", () => {
    const { run } = runScript(`${SHEET}
      const r = sheet.getRange('A1').setNumberFormat('0.00');
      r.setNumberFormat('General');
      return r.getNumberFormat();`);
    expect(run.result).toBe('0.###############');
  });

  test('named colours, in any case, and hex read back as lower-case #rrggbb (https://developers.google.com/apps-script/reference/spreadsheet/range#setbackgroundcolor)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1').setBackground('AliceBlue');
      sheet.getRange('A2').setBackground('#FFF');
      sheet.getRange('A3').setFontColor('red');
      return [sheet.getRange('A1:A2').getBackgrounds(), sheet.getRange('A3').getFontColor(),
        sheet.getRange('A1').getBackgroundObject().asRgbColor().asHexString()];`);
    expect(run.result).toEqual([[['#f0f8ff'], ['#ffffff']], '#ff0000', '#f0f8ff']);
  });

  test('newColor and newTextStyle build objects a range takes and gives back (https://developers.google.com/apps-script/reference/spreadsheet/text-style-builder)', () => {
    const { run } = runScript(`${SHEET}
      const color = SpreadsheetApp.newColor().setRgbColor('#1A73E8').build();
      const style = SpreadsheetApp.newTextStyle().setBold(true).setFontSize(14).setForegroundColor('navy').build();
      const r = sheet.getRange('B2').setTextStyle(style).setBackgroundObject(color);
      const back = r.getTextStyle();
      return [String(color.getColorType()), color.asRgbColor().getRed(), r.getBackground(), back.isBold(), back.getFontSize(),
        back.getForegroundColor(), r.getFontWeight(), back.isItalic()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['RGB', 26, '#1a73e8', true, 14, '#000080', 'bold', false]);
  });
});

describe('data validation values (https://developers.google.com/apps-script/reference/spreadsheet/data-validation#getcriteriavalues)', () => {
  test('requireCheckbox keeps its checked and unchecked values; a range criterion reads back as a Range', () => {
    const { run } = runScript(`${SHEET}
      const box = SpreadsheetApp.newDataValidation().requireCheckbox('A', 'B').build();
      const list = SpreadsheetApp.newDataValidation().requireValueInRange(sheet.getRange('D1:D3')).build();
      const first = list.getCriteriaValues()[0];
      return [box.getCriteriaValues(), String(first), first.getA1Notation(), first.getSheet().getName(), list.getCriteriaValues()[1]];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([['A', 'B'], 'Range', 'D1:D3', 'Sheet1', true]);
  });

  test('copy() of a built rule is a builder with its settings; the copy set and built leaves the rule as it was (data-validation#copy)', () => {
    const { run } = runScript(`${SHEET}
      const first = SpreadsheetApp.newDataValidation().setAllowInvalid(false).requireDate().setHelpText('first').build();
      const second = first.copy().setHelpText('second').build();
      return [first.getHelpText(), String(first.getCriteriaType()), second.getHelpText(), String(second.getCriteriaType()), second.getAllowInvalid()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['first', 'DATE_IS_VALID_DATE', 'second', 'DATE_IS_VALID_DATE', false]);
  });

  test('setDataValidations sets a grid of rules, row by row; null leaves a cell without one (range#setdatavalidationsrules, as in data-validation-criteria’s sample)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:C2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      const date = SpreadsheetApp.newDataValidation().requireDate().build();
      sheet.getRange('A1:C2').setDataValidations([[date, null, date], [date, null, date]]);
      return sheet.getRange('A1:C2').getDataValidations().map((row) => row.map((r) => r && String(r.getCriteriaType())));`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      ['DATE_IS_VALID_DATE', null, 'DATE_IS_VALID_DATE'],
      ['DATE_IS_VALID_DATE', null, 'DATE_IS_VALID_DATE'],
    ]);
  });
});

describe('copyTo and moveTo (https://developers.google.com/apps-script/reference/spreadsheet/range#copytodestination)', () => {
  test('copyTo copies contents and formats, formulas shifted by the offset; a one-cell target takes the whole block', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B2').setValues([[1, '=A1*2'], [3, '=A2*2']]);
      sheet.getRange('A1').setNumberFormat('0.00');
      sheet.getRange('A1:B2').copyTo(sheet.getRange('D5'));
      return [sheet.getRange('E5:E6').getFormulas(), sheet.getRange('D5').getNumberFormat()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([[['=D5*2'], ['=D6*2']], '0.00']);
    expect(workbook.values('Sheet1')[5]?.slice(3)).toEqual([3, 6]);
  });

  test('PASTE_VALUES copies computed values; {formatOnly} copies formats and leaves contents', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:B1').setValues([[2, '=A1+1']]);
      sheet.getRange('B1').setFontWeight('bold');
      sheet.getRange('A1:B1').copyTo(sheet.getRange('A3'), SpreadsheetApp.CopyPasteType.PASTE_VALUES, false);
      sheet.getRange('C3').setValue('kept');
      sheet.getRange('B1').copyTo(sheet.getRange('C3'), { formatOnly: true });
      return [sheet.getRange('A3:C3').getValues(), sheet.getRange('B3').getFormula(), sheet.getRange('C3').getFontWeight(), sheet.getRange('B3').getFontWeight()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([[[2, 3, 'kept']], '', 'bold', 'normal']);
  });

  test('moveTo cuts: formulas elsewhere that pointed at the moved cells follow them', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:B1').setValues([[5, '=A1*10']]);
      sheet.getRange('A1').moveTo(sheet.getRange('C4'));
      return [sheet.getRange('A1').getValue(), sheet.getRange('C4').getValue(), sheet.getRange('B1').getFormula(), sheet.getRange('B1').getValue()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['', 5, '=C4*10', 50]);
  });

  test('a copy to another spreadsheet is refused', () => {
    const { run } = runScript(`${SHEET}
      const other = SpreadsheetApp.create('Other');
      sheet.getRange('A1').copyTo(other.getSheets()[0].getRange('A1'));`);
    expect(run.error?.message).toBe(
      'Exception: Target range and source range must be on the same spreadsheet.',
    );
  });
});

describe('merges, deleteCells, getDataRegion', () => {
  test('merge keeps the top-left value; breakApart undoes it (https://developers.google.com/apps-script/reference/spreadsheet/range#merge)', () => {
    const { run } = runScript(`${SHEET}
      const r = sheet.getRange('A1:B2').setValues([['top', 'x'], ['y', 'z']]);
      r.merge();
      const merged = [r.isPartOfMerge(), sheet.getRange('B2').isPartOfMerge(), r.getMergedRanges().map((m) => m.getA1Notation()), r.getValues()];
      r.breakApart();
      return [merged, r.isPartOfMerge()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [
        true,
        true,
        ['A1:B2'],
        [
          ['top', ''],
          ['', ''],
        ],
      ],
      false,
    ]);
  });

  test('deleteCells shifts the cells below up or those to the right left (https://developers.google.com/apps-script/reference/spreadsheet/range#deletecellsshiftdimension)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:C3').setValues([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
      sheet.getRange('A1').deleteCells(SpreadsheetApp.Dimension.ROWS);
      sheet.getRange('B1').deleteCells(SpreadsheetApp.Dimension.COLUMNS);
      return sheet.getRange('A1:C3').getValues();`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [4, 3, ''],
      [7, 5, 6],
      ['', 8, 9],
    ]);
  });

  test('getDataRegion grows to the adjacent cells with data, not across diagonals (https://developers.google.com/apps-script/reference/spreadsheet/range#getdataregion)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('B2:C3').setValues([[1, 2], [3, 4]]);
      sheet.getRange('D5').setValue('apart');
      return [sheet.getRange('B2').getDataRegion().getA1Notation(), sheet.getRange('C3').getDataRegion(SpreadsheetApp.Dimension.ROWS).getA1Notation(),
        sheet.getRange('D5').getDataRegion().getA1Notation()];`);
    expect(run.result).toEqual(['B2:C3', 'C2:C3', 'D5']);
  });
});

describe('checkboxes (https://developers.google.com/apps-script/reference/spreadsheet/range#insertcheckboxes)', () => {
  test('insertCheckboxes sets unchecked values; check, uncheck and isChecked follow the configured values', () => {
    const { run } = runScript(`${SHEET}
      const r = sheet.getRange('A1:A2').insertCheckboxes();
      const first = [r.getValues(), r.isChecked()];
      sheet.getRange('A1').check();
      const mixed = r.isChecked();
      const custom = sheet.getRange('B1').insertCheckboxes('yes', 'no');
      const before = custom.getValue();
      custom.check();
      return [first, mixed, before, custom.getValue(), custom.isChecked(), String(custom.getDataValidation().getCriteriaType())];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([[[[false], [false]], false], null, 'no', 'yes', true, 'CHECKBOX']);
  });
});

describe('TextFinder (https://developers.google.com/apps-script/reference/spreadsheet/text-finder)', () => {
  test('finds case-insensitively row by row, on a range or a sheet; replaceAllWith counts the cells it changed', () => {
    const { run, workbook } = runScript(`${SHEET}
      sheet.getRange('A1:B2').setValues([['Ana Diaz', 'ben'], ['ANA lee', 'x']]);
      const all = sheet.createTextFinder('ana').findAll().map((r) => r.getA1Notation());
      const exact = sheet.getRange('A1:B2').createTextFinder('ana').matchCase(true).findNext();
      const whole = sheet.createTextFinder('ben').matchEntireCell(true).findAll().length;
      const replaced = sheet.createTextFinder('ana').replaceAllWith('Eva');
      return [all, exact, whole, replaced];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([['A1', 'A2'], null, 1, 2]);
    expect(workbook.values('Sheet1').map((r) => r[0])).toEqual(['Eva Diaz', 'Eva lee']);
  });
});

describe('RangeList and named ranges', () => {
  test('getRangeList applies one call to each range (https://developers.google.com/apps-script/reference/spreadsheet/range-list)', () => {
    const { run } = runScript(`${SHEET}
      const list = sheet.getRangeList(['A1', 'C2:D2']).setValue(7).setFontWeight('bold');
      return [list.getRanges().map((r) => r.getA1Notation()), sheet.getRange('A1:D2').getValues(), sheet.getRange('D2').getFontWeight()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      ['A1', 'C2:D2'],
      [
        [7, '', '', ''],
        ['', '', 7, 7],
      ],
      'bold',
    ]);
  });

  test('a named range is usable in formulas and follows inserted rows (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setnamedrangename,-range)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:A2').setValues([[2], [3]]);
      ss.setNamedRange('Totals', sheet.getRange('A1:A2'));
      sheet.getRange('B1').setFormula('=SUM(Totals)');
      sheet.insertRowsBefore(1, 2);
      const sum = sheet.getRange('B3').getValue();
      const named = ss.getNamedRanges().map((n) => [n.getName(), n.getRange().getA1Notation()]);
      let bad;
      try { ss.setNamedRange('A1', sheet.getRange('A1')); } catch (e) { bad = e.message; }
      ss.removeNamedRange('Totals');
      return [sum, named, ss.getRangeByName('Totals'), bad.startsWith('Exception: "A1" is not a valid range name')];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([5, [['Totals', 'A3:A4']], null, true]);
  });
});

describe('create, openById and openByUrl (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openbyidid)', () => {
  test('create makes a workbook its creator opens by id and by URL', () => {
    const { run } = runScript(`
      const made = SpreadsheetApp.create('Roll-up', 50, 5);
      const byId = SpreadsheetApp.openById(made.getId());
      const byUrl = SpreadsheetApp.openByUrl(made.getUrl());
      const sheet = byId.getSheets()[0];
      return [byId.getName(), byUrl.getId() === made.getId(), sheet.getName(), sheet.getMaxRows(), sheet.getMaxColumns()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['Roll-up', true, 'Sheet1', 50, 5]);
  });

  test("a workbook the run's user may not open is refused", () => {
    const active = new Workbook({ timeZone: 'America/New_York' });
    active.setSheet('Sheet1', []);
    const school = new Workbook({ name: 'Cedar Hill', access: ['principal@cedar.example'] });
    school.setSheet('Teachers', [['Name']]);
    const emu = new Emulator({
      code: `function open(id) { return SpreadsheetApp.openById(id).getName(); }`,
      workbook: active,
      workbooks: [school],
    });
    expect(emu.run('open', [school.id], { user: 'principal@cedar.example' }).result).toBe('Cedar Hill');
    expect(emu.run('open', [school.id], { user: 'ana@school.example' }).error?.message).toBe(
      'Exception: You do not have permission to access the requested document.',
    );
  });
});

describe('ids are per workbook', () => {
  test('protection and chart ids start again in each workbook, whatever ran before', () => {
    const script = `${SHEET} sheet.getRange('A1').setValue(1);
      const chart = sheet.newChart().addRange(sheet.getRange('A1')).build();
      return [chart.getChartId(), sheet.getRange('A1').protect() && sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).length];`;
    const first = runScript(script).run.result;
    expect(runScript(script).run.result).toEqual(first);
    expect(first).toEqual([1, 1]);
  });
});

describe('developer metadata (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder)', () => {
  test('metadata on the spreadsheet, a sheet and a whole row is found again by key; a partial range is refused', () => {
    const { run } = runScript(`${SHEET}
      ss.addDeveloperMetadata('school', 'maple');
      sheet.addDeveloperMetadata('role', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
      sheet.getRange('3:3').addDeveloperMetadata('teacher', 'ana');
      const found = ss.createDeveloperMetadataFinder().withKey('teacher').find();
      const row = found[0].getLocation().getRow();
      let refused;
      try { sheet.getRange('A1:B2').addDeveloperMetadata('x'); } catch (e) { refused = e.message.startsWith('Exception: Adding developer metadata to arbitrary ranges'); }
      found[0].remove();
      return [ss.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()]),
        sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue(), String(m.getVisibility())]),
        found.length, String(found[0].getLocation().getLocationType()), row.getA1Notation(), refused,
        sheet.createDeveloperMetadataFinder().find().length];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      [['school', 'maple']],
      [['role', null, 'PROJECT']],
      1,
      'ROW',
      '3:3',
      true,
      1,
    ]);
  });
});

describe('more of Range and Sheet', () => {
  test('getSheetValues(1, 1, -1, -1) is getDataRange().getValues() in one call: -1 is the last row or column with data (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:B4').setValues([['Name', 'Goal'], ['Ana', 4], ['', ''], ['Ben', '=B2*2']]);
      sheet.getRange('E2').setValue('far');
      sheet.getRange('A7').setValue(new Date(2026, 8, 1));
      const whole = sheet.getSheetValues(1, 1, -1, -1);
      return [whole, JSON.stringify(whole) === JSON.stringify(sheet.getDataRange().getValues()), sheet.getSheetValues(2, 2, -1, 1)];`);
    expect(run.error).toBeUndefined();
    const [whole, same, column] = run.result as [unknown[][], boolean, unknown[][]];
    expect(whole).toHaveLength(7);
    expect(whole.map((r) => r.length)).toEqual([5, 5, 5, 5, 5, 5, 5]);
    expect(whole[3]?.slice(0, 2)).toEqual(['Ben', 8]);
    expect(whole[1]?.[4]).toBe('far');
    expect(same).toBe(true);
    expect(column).toEqual([[4], [''], [8], [''], [''], ['']]);
    expect(run.calls['Sheet.getSheetValues']).toBe(2);
    expect(run.calls['Range.getValues']).toBe(1);
  });

  test('insertCells pushes cells down; getNextDataCell stops at the edge of the data, as Ctrl+arrow (https://developers.google.com/apps-script/reference/spreadsheet/range#getnextdatacelldirection)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:A4').setValues([[1], [2], [''], [4]]);
      const down = [sheet.getRange('A1').getNextDataCell(SpreadsheetApp.Direction.DOWN).getA1Notation(),
        sheet.getRange('A2').getNextDataCell(SpreadsheetApp.Direction.DOWN).getA1Notation(),
        sheet.getRange('A4').getNextDataCell(SpreadsheetApp.Direction.DOWN).getA1Notation()];
      sheet.getRange('A2').insertCells(SpreadsheetApp.Dimension.ROWS);
      return [down, sheet.getRange('A1:A5').getValues().map((r) => r[0])];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      ['A2', 'A4', 'A1000'],
      [1, '', 2, '', 4],
    ]);
  });

  test('trimWhitespace and removeDuplicates (https://developers.google.com/apps-script/reference/spreadsheet/range#removeduplicatescolumnstocompare)', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:B4').setValues([['  Ana   Diaz ', 1], ['Ben', 2], ['Ana Diaz', 3], ['Ben', 2]]);
      sheet.getRange('A1:B4').trimWhitespace();
      const byName = sheet.getRange('A1:B4').removeDuplicates([1]);
      return [byName.getA1Notation(), sheet.getRange('A1:B4').getValues()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      'A1:B2',
      [
        ['Ana Diaz', 1],
        ['Ben', 2],
        ['', ''],
        ['', ''],
      ],
    ]);
  });

  test('frozen columns, hidden rows and sheets, row heights, the selection (https://developers.google.com/apps-script/reference/spreadsheet/sheet#hiderowsrowindex,-numrows)', () => {
    const { run } = runScript(`${SHEET}
      ss.insertSheet('Other');
      sheet.setFrozenColumns(2);
      sheet.hideRows(3, 2);
      sheet.setRowHeight(1, 40);
      ss.getSheetByName('Other').hideSheet();
      sheet.setActiveSelection('B2:C3');
      return [sheet.getFrozenColumns(), sheet.isRowHiddenByUser(4), sheet.isRowHiddenByUser(5), sheet.getRowHeight(1), sheet.getRowHeight(2),
        ss.getSheetByName('Other').isSheetHidden(), ss.getActiveRange().getA1Notation(), ss.getActiveSheet().getName(), String(sheet.getType())];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([2, true, false, 40, 21, true, 'B2:C3', 'Sheet1', 'GRID']);
  });

  test('the last visible sheet cannot be hidden', () => {
    const { run } = runScript(`${SHEET} sheet.hideSheet();`);
    expect(run.error?.message).toBe("Exception: You can't hide all the sheets in a document.");
  });
});

describe('Spreadsheet.copy (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#copyname)', () => {
  test('a copy keeps named ranges and developer metadata, and opens by its own id', () => {
    const { run } = runScript(`${SHEET}
      sheet.getRange('A1:A2').setValues([[2], [3]]);
      ss.setNamedRange('Totals', sheet.getRange('A1:A2'));
      sheet.addDeveloperMetadata('role', 'roster');
      const copy = SpreadsheetApp.openById(ss.copy('Copy').getId());
      const copied = copy.getSheetByName('Sheet1');
      copied.getRange('B1').setFormula('=SUM(Totals)');
      return [copy.getName(), copied.getRange('B1').getValue(), copied.getDeveloperMetadata().map((m) => m.getValue()),
        copy.getId() === ss.getId()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(['Copy', 5, ['roster'], false]);
  });
});

describe('copies of a sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet#copytospreadsheet)', () => {
  test("copyTo makes 'Copy of <name>' at the end of the target; duplicateActiveSheet places it after the active sheet", () => {
    const { run } = runScript(`${SHEET}
      ss.insertSheet('Later');
      sheet.getRange('A1:B1').setValues([[2, '=A1*3']]);
      sheet.getRange('A1').setNote('kept');
      const other = SpreadsheetApp.create('Other');
      const copied = sheet.copyTo(other);
      ss.setActiveSheet(sheet);
      const dup = ss.duplicateActiveSheet();
      return [copied.getName(), other.getSheets().map((s) => s.getName()), copied.getRange('B1').getValue(), copied.getRange('A1').getNote(),
        dup.getName(), ss.getSheets().map((s) => s.getName()), ss.getActiveSheet().getName()];`);
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual([
      'Copy of Sheet1',
      ['Sheet1', 'Copy of Sheet1'],
      6,
      'kept',
      'Copy of Sheet1',
      ['Sheet1', 'Copy of Sheet1', 'Later'],
      'Copy of Sheet1',
    ]);
  });
});
