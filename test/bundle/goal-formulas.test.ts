/**
 * The goal formulas set-up writes on Teachers and Families, evaluated by the emulator's engine after
 * dist/Code.js set up the workbook, on a generated messy school (scripts/fixtures/messy-school.ts) of 44 teachers,
 * 320 families and 1,050 calls: emails in another case, teachers not on the roster, unknown and blank
 * student ids, dates outside the window, blank or not dates, blank goals (the Settings default), a goal
 * of "ten", 0, a teacher typed twice. Every teacher's and family's figures are compared with a count
 * written here from the cells as a person would make it; again after a row is typed into the Call Log
 * by hand, after the log is sorted, and after Settings switch the goal to attempts.
 */
import { Emulator, type Workbook } from '../../emulator';
import { addDays, messySchool, type Row } from '../../scripts/fixtures/messy-school';
import { CALL_LOG, FAMILIES, TAB, TEACHERS } from '../../src/common/schema';
import { emulatorFor, newWorkbook, rowsOf, setUp } from './workbook-helpers';

const TZ = 'America/New_York';
const isoFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
/** A cell as a date a person would count ('' when the cell is not a date). */
const isoOf = (v: unknown) => (isDate(v) ? isoFormat.format(v) : '');
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const round = (n: unknown) => (typeof n === 'number' ? Number(n.toFixed(9)) : n);

type Table = Record<string, unknown>[];
function table(workbook: Workbook, tab: string): Table {
  const [head = [], ...rows] = workbook.values(tab);
  return rows
    .filter((r) => r.some((v) => v !== '' && v !== null))
    .map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
}

function setting(workbook: Workbook, label: string): unknown {
  return workbook.values(TAB.settings).find((r) => r[0] === label)?.[1];
}

/** Each teacher's and family's figures, counted from the cells the way the school defines them. */
function expected(workbook: Workbook) {
  const start = isoOf(setting(workbook, 'Call window start'));
  const end = isoOf(setting(workbook, 'Call window end'));
  const fallback = setting(workbook, 'Default goal per teacher');
  const defaultGoal = typeof fallback === 'number' ? fallback : 10;
  const attempts = text(setting(workbook, 'Goal counts')) === 'Attempts';
  const calls = table(workbook, TAB.callLog)
    .map((c) => ({
      teacher: text(c['Teacher Email']).toLowerCase(),
      date: isoOf(c['Call Date']),
      student: text(c['Student ID']),
      reached: text(c.Outcome).toLowerCase() === 'reached',
    }))
    .filter((c) => c.date !== '' && (!start || c.date >= start) && (!end || c.date <= end));
  const reachedIds = new Set(calls.filter((c) => c.reached && c.student).map((c) => c.student));
  const families = table(workbook, TAB.families);

  const teachers = table(workbook, TAB.teachers).map((t) => {
    const email = text(t.Email).toLowerCase();
    const mine = calls.filter((c) => c.teacher === email);
    const talks = mine.filter((c) => c.reached);
    const own = families.filter((f) => text(f['Homeroom Teacher Email']).toLowerCase() === email);
    const ownReached = own.filter((f) => text(f['Student ID']) && reachedIds.has(text(f['Student ID'])));
    const typed = t.Goal;
    const goal = typeof typed === 'number' && Number.isInteger(typed) && typed >= 0 ? typed : defaultGoal;
    const done = attempts ? mine.length : talks.length;
    return {
      email,
      calls: mine.length,
      conversations: talks.length,
      familiesReached: new Set(talks.filter((c) => c.student).map((c) => c.student)).size,
      ownFamilies: own.length,
      ownReached: own.length ? round(ownReached.length / own.length) : '',
      percent: goal === 0 ? '' : round(done / goal),
      status:
        mine.length === 0 ? 'Not started' : done < goal ? 'In progress' : done === goal ? 'Met' : 'Exceeded',
      lastCall:
        mine
          .map((c) => c.date)
          .sort()
          .pop() ?? '',
    };
  });
  const familyFigures = families.map((f) => {
    const id = text(f['Student ID']);
    if (!id) return { id, attempts: '', reached: '', lastContact: '' };
    const mine = calls.filter((c) => c.student === id);
    return {
      id,
      attempts: mine.length,
      reached: mine.some((c) => c.reached) ? 'Yes' : 'No',
      lastContact:
        mine
          .map((c) => c.date)
          .sort()
          .pop() ?? '',
    };
  });
  return { teachers, families: familyFigures };
}

/** The same figures as the formula columns show them. */
function actual(workbook: Workbook) {
  const teachers = table(workbook, TAB.teachers).map((t) => ({
    email: text(t.Email).toLowerCase(),
    calls: t['Calls Logged'],
    conversations: t.Conversations,
    familiesReached: t['Families Reached'],
    ownFamilies: t['Own Families'],
    ownReached: round(t['Own Families Reached']),
    percent: round(t['Percent of Goal']),
    status: t.Status,
    lastCall: t['Last Call'] === '' ? '' : isoOf(t['Last Call']),
  }));
  const families = table(workbook, TAB.families).map((f) => ({
    id: text(f['Student ID']),
    attempts: f.Attempts,
    reached: f.Reached,
    lastContact: f['Last Contact'] === '' ? '' : isoOf(f['Last Contact']),
  }));
  return { teachers, families };
}

/** Text as a person types it: one starting with "=" would be a formula, so they type an apostrophe. */
const typed = (rows: unknown[][]) =>
  rows.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith('=') ? `'${v}` : v)));

// Each recalculation of the whole school on HyperFormula takes seconds, more on a busy machine.
jest.setTimeout(120_000);

describe('goal formulas on a generated messy school, through the bundle', () => {
  const school = messySchool({ seed: 4, teachers: 42, families: 320, calls: 1050 });
  // Outcomes come from the dropdown, so only their case may differ from the list.
  for (const c of school.calls) c.Outcome = text(c.Outcome);
  const quiet: Row = { Name: 'Saoirse Nakashima', Email: 'saoirse.n@school.example', Goal: '' };
  const late: Row = { Name: 'Bram Haverly', Email: 'bram.h@school.example', Goal: 4 };
  school.teachers.push(quiet, late);
  for (const date of [addDays(school.settings.windowEnd, 2), addDays(school.settings.windowStart, -3)])
    school.calls.push({
      'Teacher Email': late.Email as string,
      'Call Date': date,
      'Student ID': 'F010',
      Method: 'Phone',
      Outcome: 'Reached',
    });

  const workbook = newWorkbook();
  const emu = emulatorFor(workbook);
  setUp(emu);
  const settings = workbook.values(TAB.settings);
  const settingRow = (label: string) => settings.findIndex((r) => r[0] === label);
  const put = (label: string, value: unknown) => {
    const state = workbook.sheet(TAB.settings);
    if (state) workbook.write(state, settingRow(label), 1, [[value]]);
  };
  put('Call window start', school.settings.windowStart);
  put('Call window end', school.settings.windowEnd);
  put('Default goal per teacher', school.settings.defaultGoal);
  workbook.appendRows(TAB.teachers, typed(rowsOf(TEACHERS, school.teachers)));
  workbook.appendRows(TAB.families, typed(rowsOf(FAMILIES, school.families)));
  workbook.appendRows(TAB.callLog, typed(rowsOf(CALL_LOG, school.calls)));

  test('the school is as large and as messy as planned', () => {
    const want = expected(workbook);
    expect(want.teachers.length).toBeGreaterThanOrEqual(40);
    expect(table(workbook, TAB.callLog).length).toBeGreaterThanOrEqual(1000);
    const statuses = new Set(want.teachers.map((t) => t.status));
    expect(statuses.has('Not started')).toBe(true);
    expect(statuses.has('In progress')).toBe(true);
    expect(statuses.has('Met') || statuses.has('Exceeded')).toBe(true);
    expect(want.teachers.some((t) => t.percent === '')).toBe(true); // a goal of 0
  });

  test('every teacher and family matches the independent count', () => {
    expect(actual(workbook)).toEqual(expected(workbook));
  });

  test('a row typed into the Call Log by hand is counted at once', () => {
    const before = actual(workbook).teachers.find((t) => t.email === quiet.Email);
    expect(before?.status).toBe('Not started');
    workbook.appendRows(
      TAB.callLog,
      rowsOf(CALL_LOG, [
        {
          'Teacher Email': 'Saoirse.N@school.example',
          'Call Date': addDays(school.settings.windowStart, 5),
          'Student ID': 'F002',
          Method: 'Phone',
          Outcome: 'Reached',
        },
      ]),
    );
    const now = actual(workbook);
    expect(now).toEqual(expected(workbook));
    expect(now.teachers.find((t) => t.email === quiet.Email)).toMatchObject({ calls: 1, conversations: 1 });
  });

  test('a Call Date kept as text ("2026-09-20" in a plain-text cell) is not counted, as records.ts reads it', () => {
    const before = actual(workbook);
    const log = workbook.sheet(TAB.callLog);
    if (!log) throw new Error('no Call Log');
    const row = workbook.lastTypedRow(log) + 1;
    const date = CALL_LOG.columns.findIndex((c) => c.header === 'Call Date');
    workbook.appendRows(
      TAB.callLog,
      rowsOf(CALL_LOG, [
        { 'Teacher Email': late.Email, 'Student ID': 'F003', Method: 'Phone', Outcome: 'Reached' },
      ]),
    );
    workbook.write(log, row, date, [[`'${addDays(school.settings.windowStart, 3)}`]]);
    expect(typeof workbook.values(TAB.callLog)[row]?.[date]).toBe('string');
    expect(actual(workbook)).toEqual(before);
    expect(actual(workbook)).toEqual(expected(workbook));
    // The later tests rewrite the log's values, which would type this text back in as a date.
    workbook.write(log, row, 0, [CALL_LOG.columns.map(() => '')]);
  });

  test('sorting the Call Log changes no figure', () => {
    const before = actual(workbook);
    const state = workbook.sheet(TAB.callLog);
    const [, ...rows] = workbook.values(TAB.callLog);
    const data = rows.filter((r) => r.some((v) => v !== '' && v !== null));
    const sorted = [...data].sort((a, b) => String(isoOf(b[3])).localeCompare(String(isoOf(a[3]))));
    expect(sorted).not.toEqual(data);
    if (state) workbook.write(state, 1, 0, typed(sorted));
    expect(actual(workbook)).toEqual(before);
  });

  test('sorting the Teachers and Families tabs (header excluded) keeps every figure beside its row', () => {
    const before = actual(workbook);
    // What Data > Sort range does for a principal: the table below the header, by a column.
    const principal = new Emulator({
      code: `function sortTabs() {
        const ss = SpreadsheetApp.getActiveSpreadsheet();
        for (const [name, by] of [['${TAB.teachers}', 1], ['${TAB.families}', 2]]) {
          const sheet = ss.getSheetByName(name);
          sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: by, ascending: false });
        }
      }`,
      workbook,
    });
    expect(principal.run('sortTabs').error).toBeUndefined();
    const after = actual(workbook);
    expect(after.teachers.map((t) => t.email)).not.toEqual(before.teachers.map((t) => t.email));
    expect(after.families.map((f) => f.id)).not.toEqual(before.families.map((f) => f.id));
    // The same rows, in another order (a teacher typed twice has two rows with one email).
    const byKey = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(byKey(after.teachers)).toEqual(byKey(before.teachers));
    expect(byKey(after.families)).toEqual(byKey(before.families));
    expect(after).toEqual(expected(workbook));
  });

  test('switching the goal to attempts in Settings recounts every teacher', () => {
    put('Goal counts', 'Attempts');
    const now = actual(workbook);
    expect(now).toEqual(expected(workbook));
  });

  test('the formulas use no volatile functions and no open-ended ranges', () => {
    const formulas = [...workbook.formulas(TAB.teachers), ...workbook.formulas(TAB.families)]
      .flat()
      .filter(Boolean);
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(f).not.toMatch(/\b(NOW|TODAY|RAND|RANDBETWEEN|INDIRECT|OFFSET)\(/i);
      expect(f).not.toMatch(/\$?[A-Z]+\$?\d+:\$?[A-Z]+(?![$\d A-Z])/);
    }
  });
});
