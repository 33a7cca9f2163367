/** PropertiesService, CacheService, LockService (in one thread), Utilities and ScriptApp triggers. */

import { Emulator } from '../index';
import { Workbook } from '../spreadsheet';

const SERVICES_BUNDLE = `
function store(kind, key, value) {
  var p = kind === 'user' ? PropertiesService.getUserProperties()
        : kind === 'script' ? PropertiesService.getScriptProperties() : PropertiesService.getDocumentProperties();
  p.setProperty(key, value);
  return p.getProperties();
}
function read(kind, key) {
  var p = kind === 'user' ? PropertiesService.getUserProperties()
        : kind === 'script' ? PropertiesService.getScriptProperties() : PropertiesService.getDocumentProperties();
  return p.getProperty(key);
}
function setMany(values) { PropertiesService.getScriptProperties().setProperties(values); }
function documentProps() { return PropertiesService.getDocumentProperties(); }
function cachePut(key, value, seconds) { CacheService.getScriptCache().put(key, value, seconds); }
function cacheGet(key) { return CacheService.getScriptCache().get(key); }
function cacheAll() {
  var c = CacheService.getUserCache();
  c.putAll({ a: '1', b: '2', c: '3' });
  c.remove('b');
  return c.getAll(['a', 'b', 'c', 'd']);
}
function lockTwice() {
  var first = LockService.getScriptLock();
  var got = first.tryLock(1000);
  var second = LockService.getScriptLock();
  var shared = second.tryLock(0);
  first.releaseLock();
  return [got, first.hasLock(), shared, second.hasLock()];
}
function keepLock() { LockService.getDocumentLock().waitLock(100); return LockService.getDocumentLock() !== null; }
function badTimeout() { LockService.getScriptLock().waitLock(-1); }
function nightly() {
  return ScriptApp.newTrigger('rebuildSummary').timeBased().everyDays(1).atHour(6).create().getUniqueId();
}
function listTriggers() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), String(t.getEventType()), t.getEventType() === ScriptApp.EventType.CLOCK];
  });
}
function deleteAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function rebuildSummary(e) {
  return [Session.getEffectiveUser().getEmail(), e.triggerUid, String(e.authMode), typeof e.hour];
}
function badHour() { ScriptApp.newTrigger('x').timeBased().everyDays(1).atHour(24).create(); }
`;

const workbook = new Workbook({ id: 'school-workbook-1' });

describe('PropertiesService', () => {
  test('stores strings per script, per user and per document, across executions', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE, workbook });
    expect(emu.call('store', ['script', 'goal', 12])).toEqual({ goal: '12' });
    emu.call('store', ['user', 'view', 'log'], { user: 'ana@school.example' });
    emu.call('store', ['document', 'setupDone', true]);
    expect(emu.call('read', ['script', 'goal'])).toBe('12');
    expect(emu.call('read', ['user', 'view'], { user: 'ana@school.example' })).toBe('log');
    expect(emu.call('read', ['user', 'view'], { user: 'ben@school.example' })).toBeNull();
    expect(emu.properties('document').getAll()).toEqual({ setupDone: 'true' });
    expect(emu.properties('user', 'ana@school.example').get('view')).toBe('log');
  });

  test('a value over 9 KB, or a store over 500 KB, is refused and changes nothing', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE, workbook });
    expect(emu.run('store', ['script', 'big', 'x'.repeat(9 * 1024 + 1)]).error?.message).toBe(
      'Argument too large: value',
    );
    expect(emu.properties('script').getAll()).toEqual({});
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`key${i}`] = 'y'.repeat(9000);
    expect(emu.run('setMany', [many]).error?.message).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(emu.properties('script').getAll()).toEqual({});
    expect(emu.call('store', ['script', 'max', 'z'.repeat(9 * 1024)])).toHaveProperty('max');
  });

  test('AuthMode.NONE has no access; a standalone script has no document store', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE, workbook });
    expect(emu.run('read', ['script', 'goal'], { authMode: 'NONE' }).error?.message).toMatch(
      /You do not have permission to call PropertiesService.getScriptProperties/,
    );
    expect(new Emulator({ code: SERVICES_BUNDLE }).call('documentProps')).toBeNull();
  });
});

describe('CacheService', () => {
  test('entries expire after their time on the emulator clock (default 10 minutes)', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE });
    emu.call('cachePut', ['short', 'a', 30]);
    emu.call('cachePut', ['default', 'b']);
    emu.advanceClock(29_000);
    expect([emu.call('cacheGet', ['short']), emu.call('cacheGet', ['default'])]).toEqual(['a', 'b']);
    emu.advanceClock(2_000);
    expect([emu.call('cacheGet', ['short']), emu.call('cacheGet', ['default'])]).toEqual([null, 'b']);
    emu.advanceClock(600_000);
    expect(emu.call('cacheGet', ['default'])).toBeNull();
  });

  test('putAll, getAll and remove; oversize keys and values are refused', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE });
    expect(emu.call('cacheAll')).toEqual({ a: '1', c: '3' });
    expect(emu.run('cachePut', ['k'.repeat(251), 'v']).error?.message).toBe('Argument too large: key');
    expect(emu.run('cachePut', ['k', 'v'.repeat(100 * 1024 + 1)]).error?.message).toBe(
      'Argument too large: value',
    );
    expect(emu.run('cachePut', ['k', 'v', 0]).error?.message).toBe('Invalid argument: expirationInSeconds');
  });
});

describe('LockService in one thread', () => {
  test('a lock belongs to the execution: a second Lock object shares it; release ends it', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE });
    expect(emu.call('lockTwice')).toEqual([true, false, true, true]);
  });

  test('an execution that ends without releasing frees its lock for the next one', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE, workbook });
    expect(emu.call('keepLock')).toBe(true);
    expect(emu.call('keepLock')).toBe(true);
    expect(emu.run('badTimeout').error?.message).toBe('Invalid argument: timeoutInMillis');
  });
});

describe('ScriptApp triggers', () => {
  test('newTrigger(...).timeBased().everyDays(1).atHour(6).create() is recorded on the emulator', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE, timeZone: 'America/New_York' });
    const id = emu.call('nightly', [], { user: 'principal@school.example' });
    expect(emu.triggers).toEqual([
      {
        id,
        handlerFunction: 'rebuildSummary',
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        owner: 'principal@school.example',
        schedule: { timeZone: 'America/New_York', everyDays: 1, atHour: 6 },
      },
    ]);
    expect(emu.call('listTriggers', [], { user: 'principal@school.example' })).toEqual([
      ['rebuildSummary', 'CLOCK', true],
    ]);
    // getProjectTriggers lists the current user's triggers only.
    expect(emu.call('listTriggers', [], { user: 'ana@school.example' })).toEqual([]);
    emu.call('deleteAll', [], { user: 'principal@school.example' });
    expect(emu.triggers).toEqual([]);
  });

  test('firing a recorded trigger runs its handler as the owner, with the clock event and trigger id', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE });
    const id = emu.call<string>('nightly', [], { user: 'principal@school.example' });
    expect(emu.fireTrigger(id).result).toEqual(['principal@school.example', id, 'FULL', 'number']);
    expect(() => emu.fireTrigger('404')).toThrow(/No trigger has id 404/);
  });

  test('bad schedules, more than 20 triggers, and AuthMode LIMITED are refused', () => {
    const emu = new Emulator({ code: SERVICES_BUNDLE });
    expect(emu.run('badHour').error?.message).toBe('Invalid argument: atHour 24');
    for (let i = 0; i < 20; i++) emu.call('nightly');
    expect(emu.run('nightly').error?.message).toMatch(/too many triggers/);
    expect(emu.triggers).toHaveLength(20);
    expect(emu.run('nightly', [], { authMode: 'LIMITED' }).error?.message).toMatch(
      /permission to call ScriptApp.newTrigger/,
    );
  });
});

describe('Utilities', () => {
  const emu = new Emulator({
    code: `
      function fmt(iso, zone, pattern) { return Utilities.formatDate(new Date(iso), zone, pattern); }
      function parse(text, zone, pattern) { return Utilities.parseDate(text, zone, pattern).toISOString(); }
      function isDate(text) { return Utilities.parseDate(text, 'UTC', 'yyyy-MM-dd') instanceof Date; }
      function fstr() { return Utilities.formatString('%s logged %d calls (%.1f%%) %05d|%-4s|', 'Ana', 12.7, 41.25, 42, 'x'); }
      function b64() {
        var enc = Utilities.base64Encode('Relationship calls ✓');
        return [enc, String.fromCharCode.apply(null, Utilities.base64Decode('aGk='))];
      }
      function digest() {
        return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc').slice(0, 4);
      }
      function uuid() { return Utilities.getUuid(); }
      function nap() { var t = Date.now(); Utilities.sleep(30); return Date.now() - t; }
    `,
  });

  test('formatDate uses Java SimpleDateFormat patterns in the given time zone', () => {
    expect(
      emu.call('fmt', ['2026-11-22T03:04:05.006Z', 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss.SSS Z"]),
    ).toBe('2026-11-21T22:04:05.006 -0500');
    expect(emu.call('fmt', ['2026-07-04T16:00:00Z', 'America/New_York', 'EEEE, MMMM d, yyyy h:mm a z'])).toBe(
      'Saturday, July 4, 2026 12:00 PM EDT',
    );
    expect(
      emu.call('fmt', ['2026-01-09T00:00:00Z', 'Asia/Kolkata', "EEE dd MMM yy 'at' HH:mm XXX ''D''"]),
    ).toBe("Fri 09 Jan 26 at 05:30 +05:30 '9'");
    expect(emu.run('fmt', ['2026-01-09T00:00:00Z', 'UTC', 'yyyy-qq']).error?.message).toBe(
      "Illegal pattern character 'q'",
    );
    expect(emu.run('fmt', ['2026-01-09T00:00:00Z', 'Mars/Olympus', 'yyyy']).error?.message).toMatch(
      /timeZone/,
    );
  });

  test('parseDate reads a date in a time zone, including across daylight saving', () => {
    expect(emu.call('parse', ['2026-11-22', 'America/New_York', 'yyyy-MM-dd'])).toBe(
      '2026-11-22T05:00:00.000Z',
    );
    expect(emu.call('parse', ['07/04/2026 3:30 PM', 'America/New_York', 'MM/dd/yyyy h:mm a'])).toBe(
      '2026-07-04T19:30:00.000Z',
    );
    expect(emu.call('parse', ['20261122 0930', 'Europe/Madrid', 'yyyyMMdd HHmm'])).toBe(
      '2026-11-22T08:30:00.000Z',
    );
    expect(emu.call('isDate', ['2026-01-01'])).toBe(true);
    expect(emu.run('parse', ['22/11/2026', 'UTC', 'yyyy-MM-dd']).error?.message).toBe(
      'Unparseable date: "22/11/2026"',
    );
  });

  test('formatString, base64, digests and UUIDs', () => {
    expect(emu.call('fstr')).toBe('Ana logged 12 calls (41.3%) 00042|x   |');
    expect(emu.call('b64')).toEqual([Buffer.from('Relationship calls ✓').toString('base64'), 'hi']);
    // SHA-256("abc") begins ba 78 16 bf: Apps Script's bytes are signed.
    expect(emu.call('digest')).toEqual([-70, 120, 22, -65]);
    expect(emu.call('uuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('sleep blocks the execution for the time asked', () => {
    expect(emu.call<number>('nap')).toBeGreaterThanOrEqual(29);
  });
});

describe('what the service calls return', () => {
  const emu = new Emulator({
    code: `
      function cacheReturns() { var c = CacheService.getScriptCache(); return [c.put('k', 'v'), c.remove('k'), c.get('k')]; }
      function negativeTry() { var lock = LockService.getScriptLock(); return [lock.tryLock(-100), lock.hasLock()]; }
      function blob() {
        var b = Utilities.newBlob('héllo', 'text/plain', 'greeting.txt');
        var bytes = Utilities.newBlob([104, 105]);
        var copy = b.copyBlob().setName('copy.txt');
        return [String(b), b.getDataAsString(), b.getBytes().length, b.getContentType(), b.getName(),
          bytes.getDataAsString(), bytes.getContentType(), copy.getName(), b.getName(), b.isGoogleType(), typeof b.noSuchThing];
      }
    `,
  });

  // Cache.put and remove give null back, as a script logging them on Apps Script sees
  // (https://developers.google.com/apps-script/reference/cache/cache#putkey,-value).
  test('Cache.put and Cache.remove return null', () => {
    expect(emu.call('cacheReturns')).toEqual([null, null, null]);
  });

  // A negative timeout has already passed: tryLock answers false without taking the lock
  // (https://developers.google.com/apps-script/reference/lock/lock#trylocktimeoutinmillis).
  test('tryLock(-100) is false and takes no lock', () => {
    expect(emu.call('negativeTry')).toEqual([false, false]);
  });

  // https://developers.google.com/apps-script/reference/utilities/utilities#newblobdata,-contenttype,-name
  test('Utilities.newBlob holds bytes (a string as UTF-8), a content type and a name', () => {
    expect(emu.call('blob')).toEqual([
      'Blob',
      'héllo',
      6,
      'text/plain',
      'greeting.txt',
      'hi',
      null,
      'copy.txt',
      'greeting.txt',
      false,
      'undefined',
    ]);
  });
});
