/**
 * What an execution costs as Apps Script bills it: the cells its Spreadsheet calls move (in all and
 * by method), what a TextFinder search brings back, and the optional latency model that makes
 * concurrent executions take time in proportion to what they do. Batching is the cost model of
 * https://developers.google.com/apps-script/guides/support/best-practices; TextFinder's behaviour
 * follows https://developers.google.com/apps-script/reference/spreadsheet/text-finder.
 */
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

function sheetOf(rows: number): Workbook {
  const workbook = new Workbook({ timeZone: 'America/New_York' });
  workbook.setSheet(
    'Log',
    Array.from({ length: rows }, (_, i) => [`row ${i + 1}`, i % 50 === 7 ? 'needle' : 'hay', i]),
  );
  return workbook;
}

function run(
  body: string,
  workbook: Workbook,
  latency?: ConstructorParameters<typeof Emulator>[0]['latency'],
) {
  const emu = new Emulator({ code: `function main() { ${body} }`, workbook, latency });
  return emu.run('main');
}

const LOG = `var sheet = SpreadsheetApp.getActive().getSheetByName('Log');`;

describe('cells moved by each execution', () => {
  test('a read counts every cell of its range, a write the cells it fills, by method and in all', () => {
    const result = run(
      `${LOG}
      sheet.getRange(1, 1, 10, 3).getValues();
      sheet.getRange('B1:B4').getDisplayValues();
      sheet.getRange(1, 1).getValue();
      sheet.getRange(20, 1, 2, 3).setValues([[1, 2, 3], [4, 5, 6]]);
      sheet.getRange('D1:D5').setValue('x');
      sheet.appendRow(['a', 'b']);`,
      sheetOf(100),
    );
    expect(result.error).toBeUndefined();
    expect(result.cells).toEqual({
      'Range.getValues': { read: 30, written: 0 },
      'Range.getDisplayValues': { read: 4, written: 0 },
      'Range.getValue': { read: 1, written: 0 },
      'Range.setValues': { read: 0, written: 6 },
      'Range.setValue': { read: 0, written: 5 },
      'Sheet.appendRow': { read: 0, written: 2 },
    });
    expect([result.cellsRead, result.cellsWritten]).toEqual([35, 13]);
  });

  test.each([1000, 5000])(
    'a TextFinder over a column of %i rows moves only the matches, however long the column',
    (rows) => {
      const result = run(
        `${LOG}
      var finder = sheet.getRange('B:B').createTextFinder('needle').matchEntireCell(true);
      var first = finder.findNext();
      var none = sheet.getRange('B:B').createTextFinder('absent').matchEntireCell(true).findNext();
      return [first.getRow(), none];`,
        sheetOf(rows),
      );
      expect(result.error).toBeUndefined();
      expect(result.result).toEqual([8, null]);
      expect(result.cellsRead).toBe(1);
    },
  );

  test('findAll answers each matching cell, and that many cells are counted', () => {
    const result = run(`${LOG} return sheet.createTextFinder('NEEDLE').findAll().length;`, sheetOf(500));
    expect(result.result).toBe(10);
    expect(result.cells['TextFinder.findAll']).toEqual({ read: 10, written: 0 });
  });

  test('matchCase and matchEntireCell narrow the search as the reference says', () => {
    const workbook = new Workbook();
    workbook.setSheet('Log', [['Needle'], ['needle'], ['needles'], ['a needle']]);
    const result = run(
      `${LOG}
      var count = function (f) { return f.findAll().map(function (r) { return r.getRow(); }); };
      return [
        count(sheet.createTextFinder('needle')),
        count(sheet.createTextFinder('needle').matchCase(true)),
        count(sheet.createTextFinder('needle').matchEntireCell(true)),
        count(sheet.createTextFinder('needle').matchCase(true).matchEntireCell(true)),
      ];`,
      workbook,
    );
    expect(result.result).toEqual([[1, 2, 3, 4], [2, 3, 4], [1, 2], [2]]);
  });

  test('findNext past the last match is refused: the reference does not say whether it wraps', () => {
    const workbook = new Workbook();
    workbook.setSheet('Log', [['needle'], ['hay']]);
    const result = run(
      `${LOG} var f = sheet.createTextFinder('needle'); f.findNext(); return f.findNext();`,
      workbook,
    );
    expect(result.error?.message).toMatch(/Not emulated: TextFinder.findNext after the last match/);
  });
});

describe('the latency model', () => {
  const WORK = `${LOG}
    sheet.getRange(1, 1, 100, 3).getValues();
    sheet.getRange(1, 4, 1, 2).setValues([[1, 2]]);
    SpreadsheetApp.flush();`;

  test('is off by default: no modelled time', () => {
    expect(run(WORK, sheetOf(100)).modelledMs).toBe(0);
  });

  test('charges every call, every cell and every flush, with the figures given', () => {
    const result = run(WORK, sheetOf(100), { perCallMs: 10, perCellUs: 1000, flushMs: 500 });
    // Calls: getActive, getSheetByName, getRange, getValues, getRange, setValues, flush.
    expect(result.spreadsheetCalls).toBe(7);
    expect(result.modelledMs).toBe(7 * 10 + 302 * 1 + 500);
  });

  test('concurrent executions queue for the lock in modelled time: the second waits for the first', async () => {
    const code = `function save() {
      var lock = LockService.getDocumentLock();
      if (!lock.tryLock(30000)) return 'busy';
      SpreadsheetApp.getActive().getSheetByName('Log').appendRow(['x']);
      SpreadsheetApp.flush();
      lock.releaseLock();
      return 'saved';
    }`;
    const workbook = sheetOf(10);
    const emu = new Emulator({ code, workbook, latency: { clockScale: 0.05 } });
    const runs = await emu.runConcurrently([{ fn: 'save' }, { fn: 'save', startAfterMs: 100 }]);
    expect(runs.map((r) => r.result)).toEqual(['saved', 'saved']);
    expect(workbook.values('Log')).toHaveLength(12);
    // The first held the lock for its appendRow and flush (over 600 modelled ms): the second, which
    // pressed 100 ms later, had to queue; the first never did.
    expect(runs[0]?.lockWaitMs).toBe(0);
    expect(runs[1]?.lockWaitMs).toBeGreaterThan(0);
  });
});
