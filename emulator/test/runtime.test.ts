/**
 * The runtime: loading a bundle into a fresh context per execution, calling globals as a user,
 * trigger events, the script's realm, errors, the call counter and "Not emulated" for every gap.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator, NotEmulatedError } from '../index';

const COUNTER_BUNDLE = `
var loads = (typeof loads === 'number' ? loads : 0) + 1;
Logger.log('top-level code ran');
function bump() { loads += 1; return loads; }
function fail() { throw new Error('The Call Log tab is missing.'); }
function failWithString() { throw 'plain string'; }
function add(a, b) { return a + b; }
`;

describe('loading a bundle', () => {
  test('each execution gets fresh globals and runs top-level code again, as Apps Script does', () => {
    const emu = new Emulator({ code: COUNTER_BUNDLE });
    const first = emu.run('bump');
    const second = emu.run('bump');
    expect(first.result).toBe(2);
    expect(second.result).toBe(2);
    expect(second.logs).toEqual([{ source: 'Logger', level: 'info', message: 'top-level code ran' }]);
  });

  test('a bundle folder loads its .js files and serves its .html files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-bundle-'));
    writeFileSync(
      join(dir, 'Code.js'),
      'function page() { return HtmlService.createHtmlOutputFromFile("Page").getContent(); }',
    );
    writeFileSync(join(dir, 'Util.js'), 'function twice(x) { return [x, x]; }');
    writeFileSync(join(dir, 'Page.html'), '<p>Hello</p>');
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/Madrid' }));
    const emu = new Emulator({ bundleDir: dir });
    expect(emu.call('page')).toBe('<p>Hello</p>');
    expect(emu.call('twice', ['a'])).toEqual(['a', 'a']);
    expect(emu.timeZone).toBe('Europe/Madrid');
  });

  test('a missing bundle folder or an unknown function is a clear message', () => {
    expect(() => new Emulator({ bundleDir: join(tmpdir(), 'no-such-bundle-here') })).toThrow(
      /does not exist/,
    );
    const run = new Emulator({ code: COUNTER_BUNDLE }).run('nope');
    expect(run.error?.message).toBe('Script function not found: nope');
  });
});

describe('calling a global', () => {
  const emu = new Emulator({ code: COUNTER_BUNDLE });

  test('run returns the result; call returns it too', () => {
    expect(emu.run('add', [2, 3]).result).toBe(5);
    expect(emu.call('add', ['a', 'b'])).toBe('ab');
  });

  test("the script's error is reported by run and rethrown by call", () => {
    const run = emu.run('fail');
    expect(run.error).toBeInstanceOf(Error);
    expect(run.error?.message).toBe('The Call Log tab is missing.');
    expect(run.result).toBeUndefined();
    expect(() => emu.call('fail')).toThrow('The Call Log tab is missing.');
    expect(emu.run('failWithString').error?.message).toBe('plain string');
  });

  test('values reach the script as objects of its own realm, and come back as Node objects', () => {
    const realmEmu = new Emulator({
      code: `function inspect(list, when, record) {
        return { isArray: list instanceof Array, isDate: when instanceof Date, isObject: record instanceof Object,
                 triggers: ScriptApp.getProjectTriggers() instanceof Array, year: when.getUTCFullYear(), nested: [record] };
      }`,
    });
    const result = realmEmu.call('inspect', [[1, 2], new Date(Date.UTC(2026, 8, 1)), { a: 1 }]);
    expect(result).toEqual({
      isArray: true,
      isDate: true,
      isObject: true,
      triggers: true,
      year: 2026,
      nested: [{ a: 1 }],
    });
    expect((result as { nested: unknown[] }).nested).toBeInstanceOf(Array);
  });

  test("a service's error is an Error of the script's realm, so `instanceof Error` holds in the script", () => {
    const realmEmu = new Emulator({
      code: `function tryFile() {
        try { HtmlService.createHtmlOutputFromFile('Missing'); } catch (e) { return [e instanceof Error, String(e)]; }
      }`,
    });
    expect(realmEmu.call('tryFile')).toEqual([true, 'Exception: No HTML file named Missing was found.']);
  });
});

describe('execution time', () => {
  test('a run that exceeds the time limit is stopped, inline and in a worker', async () => {
    const emu = new Emulator({ code: 'function spin() { for (;;) {} }', timeoutMs: 200 });
    expect(emu.run('spin').error?.message).toBe('Exceeded maximum execution time (200 ms).');
    const [run] = await emu.runConcurrently([{ fn: 'spin' }]);
    expect(run?.error?.message).toBe('Exceeded maximum execution time (200 ms).');
  });
});

describe('no silent gaps', () => {
  const emu = new Emulator({
    code: `
      function drive() { return DriveApp.getFiles(); }
      function unknownMethod() { return Session.getTimeZone(); }
      function unknownEnum() { return [typeof Session.getEverything, typeof HtmlService.Nonsense]; }
      function caught() { try { Session.getTimeZone(); } catch (e) { return e instanceof Error; } }
      function typeofGlobal() { return typeof UrlFetchApp; }
    `,
  });

  test('a service the emulator does not implement throws "Not emulated: Class.method"', () => {
    const run = emu.run('drive');
    expect(run.error).toBeInstanceOf(NotEmulatedError);
    expect(run.error?.message).toBe('Not emulated: DriveApp.getFiles');
  });

  // A member Apps Script declares (@types/google-apps-script) but the emulator lacks throws; one
  // Apps Script does not have is undefined, as in Apps Script
  // (https://developers.google.com/apps-script/reference/base/session).
  test('so does a method Apps Script has and the emulator lacks; one Apps Script lacks is undefined', () => {
    expect(emu.run('unknownMethod').error?.message).toBe('Not emulated: Session.getTimeZone');
    expect(emu.run('unknownMethod').error).toBeInstanceOf(NotEmulatedError);
    expect(emu.call('caught')).toBe(true);
    expect(emu.call('unknownEnum')).toEqual(['undefined', 'undefined']);
  });

  test('the globals Apps Script has are defined, so a script does not see a ReferenceError', () => {
    expect(emu.call('typeofGlobal')).toBe('object');
  });
});

describe('the service-call counter', () => {
  test('counts each call of the execution as Class.method, per execution', () => {
    const emu = new Emulator({
      code: `function page() {
        for (var i = 0; i < 3; i++) Session.getScriptTimeZone();
        var out = HtmlService.createHtmlOutput('<b>x</b>').setTitle('T').setWidth(300);
        SpreadsheetApp.getUi().showSidebar(out);
      }`,
    });
    const run = emu.run('page');
    expect(run.error).toBeUndefined();
    expect(run.calls).toEqual({
      'Session.getScriptTimeZone': 3,
      'HtmlService.createHtmlOutput': 1,
      'HtmlOutput.setTitle': 1,
      'HtmlOutput.setWidth': 1,
      'SpreadsheetApp.getUi': 1,
      'Ui.showSidebar': 1,
    });
    // Only SpreadsheetApp and the objects it returns are the Spreadsheet service; Ui is the base service.
    expect(run.spreadsheetCalls).toBe(1);
    expect(emu.run('page').calls['Session.getScriptTimeZone']).toBe(3);
  });
});

describe('trigger events', () => {
  const emu = new Emulator({
    code: `
      function onOpen(e) {
        return { mode: String(e.authMode), isEnum: e.authMode === ScriptApp.AuthMode[String(e.authMode)],
                 none: e.authMode === ScriptApp.AuthMode.NONE, email: e.user ? e.user.getEmail() : null };
      }
      function onInstall(e) { return String(e.authMode); }
      function nightly(e) { return [String(e.authMode), e.timezone, e.hour, e['day-of-month']]; }
    `,
    timeZone: 'America/New_York',
  });

  test('onOpen gets e.authMode as the ScriptApp.AuthMode value itself', () => {
    const run = emu.runTrigger('onOpen', { authMode: 'NONE', user: 'ana@school.example' });
    expect(run.error).toBeUndefined();
    // In AuthMode.NONE nothing that needs authorization is available, including the user's email.
    expect(run.result).toEqual({ mode: 'NONE', isEnum: true, none: true, email: '' });
  });

  test('onInstall runs in AuthMode.FULL unless told otherwise', () => {
    expect(emu.runTrigger('onInstall').result).toBe('FULL');
  });

  test('a time-driven handler gets the clock fields in the script time zone', () => {
    const run = emu.runTrigger('nightly', { event: 'clock', firedAt: new Date('2026-11-22T11:30:00Z') });
    expect(run.result).toEqual(['FULL', 'America/New_York', 6, 22]);
  });

  test('a handler that is not a simple trigger needs to be told its event', () => {
    expect(() => emu.runTrigger('nightly')).toThrow(/not a simple trigger/);
  });
});

describe('logs', () => {
  const code = `function talk() {
    Logger.log('%s calls for %s', 3, 'Ana');
    console.warn('slow', { ms: 12 });
    return Logger.getLog();
  }`;

  test('Logger and console are captured per execution, not printed', () => {
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const run = new Emulator({ code }).run('talk');
      expect(run.result).toBe('3 calls for Ana\n');
      expect(run.logs).toEqual([
        { source: 'Logger', level: 'info', message: '3 calls for Ana' },
        { source: 'console', level: 'warn', message: 'slow { ms: 12 }' },
      ]);
      expect(printed).not.toHaveBeenCalled();
      new Emulator({ code, printLogs: true }).run('talk');
      expect(printed).toHaveBeenCalledWith('[talk] warn: slow { ms: 12 }');
    } finally {
      printed.mockRestore();
    }
  });
});
