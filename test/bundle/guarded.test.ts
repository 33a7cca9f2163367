/**
 * An unexpected failure inside the add-on, as dist/Code.js meets it in Apps Script: the person sees
 * the plain apology, never a stack trace or the raw message; the execution log (console.error, as
 * Apps Script keeps it: developers.google.com/apps-script/guides/logging) keeps the error's kind and
 * where it was thrown, and never the family's name the failing call was handling.
 *
 * The failure comes from another file of the same project (FAULT below), which wraps the Apps Script
 * services so that a call fails with an error quoting the data it was given, as a service exception
 * quoting the value it refused would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, type RunResult } from '../../emulator';
import { exportsOf } from '../../scripts/build';
import { UNEXPECTED_ERROR_MESSAGE } from '../../src/core/errors';
import { ANA, callInput, callRows, DIST, FAMILY, PRINCIPAL, school } from './school-fixture';

const FAMILY_NAME = FAMILY.leo.name;
const [GIVEN = '', SURNAME = ''] = FAMILY_NAME.split(' ');

/**
 * Another script file (it loads after Code.js, so its top level sees the services and replaces them).
 * `faultWhen(args)` decides which service calls fail; the error quotes the call's arguments, so a
 * call writing Leo Diaz's row fails with "Leo Diaz" in its message.
 */
function fault(faultWhen: string): Record<string, string> {
  return {
    'zz-fault.js': `
function faulty(target, path) {
  return new Proxy(target, {
    get: function (t, prop) {
      var value = t[prop];
      if (typeof value !== 'function') return value;
      return function () {
        var args = Array.prototype.slice.call(arguments);
        var quoted = JSON.stringify(args);
        if (${faultWhen}) throw new Error(path + '.' + String(prop) + ' could not take ' + quoted);
        var result = value.apply(t, args);
        return wrap(result, path + '.' + String(prop));
      };
    },
  });
}
function wrap(value, path) {
  if (Array.isArray(value)) return value.map(function (v) { return wrap(v, path); });
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return faulty(value, path);
}
${SERVICES.map((name) => `${name} = faulty(${name}, '${name}');`).join('\n')}
`,
  };
}
const SERVICES = [
  'SpreadsheetApp',
  'HtmlService',
  'Session',
  'ScriptApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'Utilities',
  'MailApp',
];

function errorLogs(run: RunResult): string[] {
  return run.logs.filter((entry) => entry.level === 'error').map((entry) => entry.message);
}

function allLogs(run: RunResult): string {
  return run.logs.map((entry) => entry.message).join('\n');
}

test('a save that fails on a family named in the roster: the log says where, never the name; the teacher sees the apology', () => {
  const { emu, workbook } = school({
    extraCode: fault(`quoted.indexOf(${JSON.stringify(FAMILY_NAME)}) >= 0`),
  });
  const before = callRows(workbook).length;

  const run = emu.run('logCall', [callInput({ studentId: FAMILY.leo.id })], { user: ANA });

  // The fault did fire with the name in its message (so the test could catch a leak)...
  expect(run.error?.message).toBe(UNEXPECTED_ERROR_MESSAGE);
  expect(callRows(workbook)).toHaveLength(before);
  // ...and the execution log has the kind and the frames of Code.js where it was thrown.
  const [logged, ...more] = errorLogs(run);
  expect(more).toEqual([]);
  expect(logged).toMatch(/unexpected Error/);
  expect(logged).toMatch(/\n\s+at .*Code\.js:\d+:\d+/);
  expect(logged).toMatch(/\n\s+at .*zz-fault\.js:\d+:\d+/);
  // Nothing of the family, nor the note the teacher typed, nor the quoted call.
  for (const secret of [FAMILY_NAME, GIVEN, SURNAME, callInput().strengths, 'could not take']) {
    expect(allLogs(run)).not.toContain(secret);
  }
  expect(run.error?.message).not.toMatch(/\bat\b.*:\d+:\d+/);
});

test('every entry point is guarded: when every service fails, no person sees the raw error and no log holds the name', () => {
  // The school is set up first, then every entry point runs against services that all fail.
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  const { workbook } = school();
  const emu = new Emulator({
    code: { 'Code.js': code, ...fault('true') },
    html: { Sidebar: readFileSync(join(DIST, 'Sidebar.html'), 'utf8') },
    workbook,
  });
  const raw = `could not take`;
  const args: Record<string, unknown[]> = {
    getFamilyKnowledge: [FAMILY.leo.id],
    logCall: [callInput()],
    editCall: [callInput()],
    deleteCall: ['0b7e6a52-8d4f-4c3e-9a51-000000000001'],
    previewRoster: [`Student ID,Student Name\ns9,${FAMILY_NAME}`],
    importRoster: [`Student ID,Student Name\ns9,${FAMILY_NAME}`],
    newSchoolFromTemplate: [`${SURNAME} Elementary`],
    recordCheckIn: [{ teacherEmail: ANA, date: '2026-09-14', working: FAMILY_NAME, nextStep: 'Call' }],
  };
  const names = exportsOf(code);
  expect(names).toEqual(
    expect.arrayContaining(['onOpen', 'showSidebar', 'showRosterImport', 'showNewSchool']),
  );
  const leaked: string[] = [];
  for (const name of names) {
    const run = emu.run(name, args[name] ?? [], { user: PRINCIPAL });
    const shown = run.error?.message ?? '';
    if (shown.includes(raw) || /\bat\b.*:\d+:\d+/.test(shown)) leaked.push(`${name} showed: ${shown}`);
    if (allLogs(run).includes(FAMILY_NAME) || allLogs(run).includes(raw)) leaked.push(`${name} logged it`);
    // Every run met a failing service at its first call, so each one failed and said so plainly.
    if (!run.error) leaked.push(`${name} did not fail`);
  }
  expect(leaked).toEqual([]);
});
