/**
 * Concurrent executions in worker threads: real interleaving against one set of stores and locks, so
 * a test can show that LockService matters. The bundles are written here, not the add-on.
 */

import { Emulator, NotEmulatedError } from '../index';
import { Workbook } from '../spreadsheet';

const N = 6;

/** "Read the last row, then write the next row", with a pause between, as a slow script has. */
const APPEND_BUNDLE = `
function appendRow(useLock, label) {
  var lock = LockService.getScriptLock();
  if (useLock) lock.waitLock(10000);
  var store = PropertiesService.getScriptProperties();
  var rows = JSON.parse(store.getProperty('rows') || '[]');
  Utilities.sleep(100);
  rows.push(label);
  store.setProperty('rows', JSON.stringify(rows));
  if (useLock) lock.releaseLock();
  return rows.length;
}
function holdLock(ms) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(50);
  Utilities.sleep(ms);
  return 'held';
}
function tryOnce() {
  var lock = LockService.getScriptLock();
  var got = lock.tryLock(0);
  Utilities.sleep(100);
  return got;
}
function keepScriptLock() { LockService.getScriptLock().waitLock(1000); return 'kept'; }
function realm(list, when) {
  return [list instanceof Array, when instanceof Date, when.getUTCFullYear(), Session.getActiveUser().getEmail()];
}
function page(name) {
  var t = HtmlService.createTemplate('<p><?= name ?> in <?= Session.getScriptTimeZone() ?></p>');
  t.name = name;
  var html = t.evaluate().setTitle('Page');
  SpreadsheetApp.getUi().createMenu('Tools').addItem('Go', 'go').addToUi();
  SpreadsheetApp.getUi().showSidebar(html);
  return html.getTitle();
}
function gap() { return DriveApp.getFiles(); }
function thrown() { try { Utilities.parseDate('x', 'UTC', 'yyyy'); } catch (e) { return [e instanceof Error, e.message]; } }
`;

const appendRuns = (useLock: boolean) =>
  Array.from({ length: N }, (_, i) => ({
    fn: 'appendRow',
    args: [useLock, `row ${i + 1}`],
    user: `t${i}@school.example`,
  }));

const storedRows = (emu: Emulator) => JSON.parse(emu.properties('script').get('rows') ?? '[]') as string[];

describe('concurrent executions', () => {
  test('without a lock, concurrent read-then-write executions lose rows', async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const runs = await emu.runConcurrently(appendRuns(false));
    expect(runs.map((r) => r.error)).toEqual(Array(N).fill(undefined));
    expect(storedRows(emu).length).toBeLessThan(N);
  });

  test('with LockService.getScriptLock().waitLock, none is lost', async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const runs = await emu.runConcurrently(appendRuns(true));
    expect(runs.map((r) => r.error)).toEqual(Array(N).fill(undefined));
    expect(storedRows(emu).sort()).toEqual(
      appendRuns(true)
        .map((r) => r.args[1])
        .sort(),
    );
    // Each execution saw a different row count: they ran one after another inside the lock.
    expect(runs.map((r) => r.result).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(runs[0]?.calls).toMatchObject({
      'Lock.waitLock': 1,
      'Properties.getProperty': 1,
      'Properties.setProperty': 1,
    });
  });

  test("locks: 'no-op' lets every execution in at once: the same locked script loses rows", async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE, locks: 'no-op' });
    const runs = await emu.runConcurrently(appendRuns(true));
    expect(runs.map((r) => r.error)).toEqual(Array(N).fill(undefined));
    expect(runs[0]?.calls).toMatchObject({ 'Lock.waitLock': 1, 'Lock.releaseLock': 1 });
    expect(storedRows(emu).length).toBeLessThan(N);
  });

  test("locks: 'no-op': tryLock succeeds in every execution at once", async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE, locks: 'no-op' });
    const runs = await emu.runConcurrently(Array.from({ length: 4 }, () => ({ fn: 'tryOnce' })));
    expect(runs.map((r) => r.result)).toEqual([true, true, true, true]);
  });

  test("waitLock throws Apps Script's timeout message when another execution holds the lock too long", async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE, workbook: new Workbook({ id: 'doc-1' }) });
    const runs = await emu.runConcurrently([
      { fn: 'holdLock', args: [400] },
      { fn: 'holdLock', args: [400] },
    ]);
    const messages = runs.map((r) => r.error?.message ?? r.result);
    expect(messages.sort()).toEqual([
      'Lock timeout: another process was holding the lock for too long.',
      'held',
    ]);
  });

  test('tryLock(0) gets the lock in exactly one of the executions', async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const runs = await emu.runConcurrently(Array.from({ length: 4 }, () => ({ fn: 'tryOnce' })));
    expect(runs.map((r) => r.result).filter(Boolean)).toEqual([true]);
  });

  test('a lock the execution never released is freed when it ends', async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const runs = await emu.runConcurrently([{ fn: 'keepScriptLock' }, { fn: 'keepScriptLock' }]);
    expect(runs.map((r) => r.result)).toEqual(['kept', 'kept']);
    expect(emu.call('keepScriptLock')).toBe('kept');
  });

  test("values reach the worker's script in its own realm, for the run's user", async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const [run] = await emu.runConcurrently([
      { fn: 'realm', args: [[1], new Date(Date.UTC(2026, 0, 2))], user: 'ana@school.example' },
    ]);
    expect(run?.result).toEqual([true, true, 2026, 'ana@school.example']);
  });

  test('templates, Ui records and call counts work the same as in one thread', async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE, timeZone: 'America/Chicago' });
    const [run] = await emu.runConcurrently([{ fn: 'page', args: ['<b>Ana</b>'] }]);
    expect(run?.error).toBeUndefined();
    expect(run?.result).toBe('Page');
    expect(run?.ui.sidebars).toEqual([
      {
        title: 'Page',
        html: '<p>&lt;b&gt;Ana&lt;/b&gt; in America/Chicago</p>',
        width: undefined,
        height: undefined,
      },
    ]);
    expect(run?.ui.menus.map((m) => m.path)).toEqual([['Tools']]);
    expect(run?.calls).toEqual(emu.run('page', ['<b>Ana</b>']).calls);
  });

  test("errors: gaps stay NotEmulatedError, and a service's error is an Error in the worker's script", async () => {
    const emu = new Emulator({ code: APPEND_BUNDLE });
    const [gap, thrown] = await emu.runConcurrently([{ fn: 'gap' }, { fn: 'thrown' }]);
    expect(gap?.error).toBeInstanceOf(NotEmulatedError);
    expect(gap?.error?.message).toBe('Not emulated: DriveApp.getFiles');
    expect(thrown?.result).toEqual([true, 'Unparseable date: "x"']);
  });
});
