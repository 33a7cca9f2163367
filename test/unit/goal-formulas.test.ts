/**
 * The goal formulas, evaluated by HyperFormula (the emulator's engine) on a generated school of 45
 * teachers, 400 families and 1,200 calls, against figures computed here from the same rows. The rows
 * are as people type them: emails in another case, outcomes in lower case, dates outside the window,
 * blank or not dates, unknown and blank student ids, goals blank, "ten", 0 or 7.5, a family listed
 * with no id. Columns are deliberately out of schema order, and Settings rows shuffled.
 */

import { Workbook } from '../../emulator/spreadsheet';
import { Dice } from '../../scripts/fixtures/seeded';
import { CALL_LOG, FAMILIES, SETTINGS, TEACHERS } from '../../src/common/schema';
import {
  type FormulaLayout,
  familyFormulas,
  TEACHER_FORMULA_ROWS,
  teacherFormulas,
} from '../../src/core/goal-formulas';
import { columnLetter } from '../../src/core/settings';

type Cell = string | number | boolean | null;

/** The seeded dice every generated school rolls (scripts/fixtures/seeded.ts). */
function random(seed: number): () => number {
  const dice = new Dice(seed);
  return () => dice.next();
}

// Date serials as both engines count them (1899-12-30 is day 0).
const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
const START = serial('2026-09-01');
const END = serial('2026-10-31');

interface School {
  teachers: { name: string; email: string; goal: Cell }[];
  families: { id: string; homeroom: string }[];
  calls: { teacher: string; date: Cell; student: string; outcome: string }[];
}

function generate(seed: number): School {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const teachers: School['teachers'] = [];
  for (let i = 0; i < 45; i++) {
    const goal: Cell =
      i === 0 ? '' : i === 1 ? 'ten' : i === 2 ? 0 : i === 3 ? 7.5 : 1 + Math.floor(rnd() * 12);
    teachers.push({ name: `Teacher ${i}`, email: `t${i}@maple.example`, goal });
  }
  const families: School['families'] = [];
  for (let i = 0; i < 400; i++) {
    const homeroom = i % 50 === 0 ? '' : (pick(teachers).email as string);
    families.push({ id: `S${1000 + i}`, homeroom: rnd() < 0.1 ? homeroom.toUpperCase() : homeroom });
  }
  families.push({ id: '', homeroom: 't5@maple.example' }); // no id yet: never reached
  const outcomes = [
    'Reached',
    'Reached',
    'reached',
    'REACHED',
    'Left a message',
    'No answer',
    'Call back scheduled',
    '',
  ];
  const calls: School['calls'] = [];
  for (let n = 0; n < 1200; n++) {
    // Teachers 40-44 call nobody; teacher 6 only outside the window.
    const t = pick(teachers.slice(0, 40));
    const roll = rnd();
    let date: Cell =
      roll < 0.05
        ? START - 1 - Math.floor(rnd() * 20)
        : roll < 0.1
          ? END + 1 + Math.floor(rnd() * 20)
          : START + Math.floor(rnd() * 61);
    if (roll > 0.97) date = '';
    else if (roll > 0.96) date = 'next Tuesday';
    if (t.email === 't6@maple.example') date = END + 3;
    const idRoll = rnd();
    const student =
      idRoll < 0.03 ? 'ZZ999' : idRoll < 0.04 ? '' : (pick(families.slice(0, 400)).id as string);
    calls.push({
      teacher: rnd() < 0.1 ? t.email.toUpperCase() : t.email,
      date,
      student,
      outcome: pick(outcomes),
    });
  }
  return { teachers, families, calls };
}

/** The figures, computed directly from the definitions (independent of progress.ts and the formulas). */
function expected(
  school: School,
  opts: { start: number | null; end: number | null; defaultGoal: number; attempts: boolean },
) {
  const counted = school.calls.filter(
    (c) =>
      typeof c.date === 'number' &&
      (opts.start === null || c.date >= opts.start) &&
      (opts.end === null || c.date <= opts.end),
  );
  const isReached = (o: string) => o.toLowerCase() === 'reached';
  const famReached = new Map<string, boolean>();
  const families = school.families.map((f) => {
    const mine = counted.filter((c) => f.id !== '' && c.student === f.id);
    const reached = mine.some((c) => isReached(c.outcome));
    famReached.set(f.id, reached);
    return {
      attempts: mine.length,
      reached: reached ? 'Yes' : 'No',
      last: mine.length ? Math.max(...mine.map((c) => c.date as number)) : '',
    };
  });
  const teachers = school.teachers.map((t) => {
    const mine = counted.filter((c) => c.teacher.toLowerCase() === t.email);
    const conv = mine.filter((c) => isReached(c.outcome));
    const distinct = new Set(conv.map((c) => c.student).filter((s) => s !== '')).size;
    const own = school.families.filter((f) => f.homeroom.toLowerCase() === t.email);
    const ownReached = own.filter((f) => f.id !== '' && famReached.get(f.id)).length;
    const goal =
      typeof t.goal === 'number' && Number.isInteger(t.goal) && t.goal >= 0 ? t.goal : opts.defaultGoal;
    const done = opts.attempts ? mine.length : conv.length;
    const status =
      mine.length === 0 ? 'Not started' : done < goal ? 'In progress' : done === goal ? 'Met' : 'Exceeded';
    return {
      calls: mine.length,
      conversations: conv.length,
      familiesReached: distinct,
      ownFamilies: own.length,
      own: own.length ? ownReached / own.length : '',
      percent: goal === 0 ? '' : done / goal,
      status,
      last: mine.length ? Math.max(...mine.map((c) => c.date as number)) : '',
    };
  });
  return { teachers, families };
}

/** Header orders that differ from the schema: people reorder columns and add their own. */
const TEACHER_HEADERS = [
  'Status',
  'Email',
  'My notes',
  'Name',
  'Goal',
  ...TEACHERS.columns.map((c) => c.header).filter((h) => !['Status', 'Email', 'Name', 'Goal'].includes(h)),
];
const FAMILY_HEADERS = ['Homeroom Teacher Email', 'Attempts', 'Student ID', 'Reached', 'Last Contact'];
const LOG_HEADERS = ['Outcome', 'Student ID', 'Extra', 'Call Date', 'Teacher Email'];

function layoutOf(): FormulaLayout {
  const letters = (headers: string[]) =>
    Object.fromEntries(headers.map((h, i) => [h, columnLetter(i + 1)])) as Record<string, string>;
  return {
    settings: { label: 'A', value: 'B' },
    teachers: letters(TEACHER_HEADERS),
    families: letters(FAMILY_HEADERS),
    callLog: letters(LOG_HEADERS),
  };
}

function evaluate(school: School, settings: Record<string, Cell>) {
  const layout = layoutOf();
  // The emulator's engine, with Sheets' rules (emulator/spreadsheet/sheets-rules.ts).
  const hf = new Workbook({ timeZone: 'UTC' }).hf;
  const add = (name: string) => {
    hf.addSheet(name);
    return hf.getSheetId(name) as number;
  };
  const settingsId = add('Settings');
  const teachersId = add(TEACHERS.name);
  const familiesId = add(FAMILIES.name);
  const logId = add(CALL_LOG.name);
  // Settings rows in reverse order: formulas find them by label.
  hf.setSheetContent(settingsId, [
    ['Setting', 'Value', 'About'],
    ...[...SETTINGS].reverse().map((s) => [s.label, settings[s.key] ?? '', s.help]),
  ]);

  const rowOf = (headers: string[], values: Record<string, Cell>) => headers.map((h) => values[h] ?? null);
  const teacherRows: Cell[][] = [[...TEACHER_HEADERS]];
  for (const t of school.teachers)
    teacherRows.push(
      rowOf(TEACHER_HEADERS, { Name: t.name, Email: t.email, Goal: t.goal, 'My notes': 'mine' }),
    );
  const familyRows: Cell[][] = [[...FAMILY_HEADERS]];
  for (const f of school.families)
    familyRows.push(
      rowOf(FAMILY_HEADERS, { 'Student ID': f.id || null, 'Homeroom Teacher Email': f.homeroom || null }),
    );
  const logRows: Cell[][] = [[...LOG_HEADERS]];
  for (const c of school.calls)
    logRows.push(
      rowOf(LOG_HEADERS, {
        Outcome: c.outcome || null,
        'Student ID': c.student || null,
        'Call Date': c.date === '' ? null : c.date,
        'Teacher Email': c.teacher,
        Extra: 'x',
      }),
    );

  // Formula columns: one formula per row, in every row the formulas cover.
  const place = (
    rows: Cell[][],
    headers: string[],
    formulas: ReturnType<typeof teacherFormulas>,
    bound: number,
  ) => {
    for (const f of formulas) {
      const col = headers.indexOf(f.header);
      for (let r = 2; r <= bound + 1; r++) {
        while (rows.length < r) rows.push(headers.map(() => null));
        (rows[r - 1] as Cell[])[col] = f.formulaForRow(r);
      }
    }
  };
  place(teacherRows, TEACHER_HEADERS, teacherFormulas(layout), TEACHER_FORMULA_ROWS);
  place(familyRows, FAMILY_HEADERS, familyFormulas(layout), familyRows.length - 1);
  hf.setSheetContent(logId, logRows);
  hf.setSheetContent(familiesId, familyRows);
  hf.setSheetContent(teachersId, teacherRows);
  const read = (sheet: number) => hf.getSheetValues(sheet) as unknown[][];
  return { teachers: read(teachersId), families: read(familiesId), hf, logId };
}

const col = (headers: string[], h: string) => headers.indexOf(h);
const blankAsEmpty = (v: unknown) => (v === null ? '' : v);

function compare(school: School, got: ReturnType<typeof evaluate>, want: ReturnType<typeof expected>) {
  const th = TEACHER_HEADERS;
  expect(got.teachers[0]?.[col(th, 'Calls Logged')]).toBe('Calls Logged');
  school.teachers.forEach((t, i) => {
    const row = got.teachers[i + 1] as unknown[];
    const w = want.teachers[i] as ReturnType<typeof expected>['teachers'][number];
    const figures = {
      email: row[col(th, 'Email')],
      calls: row[col(th, 'Calls Logged')],
      conversations: row[col(th, 'Conversations')],
      familiesReached: row[col(th, 'Families Reached')],
      ownFamilies: row[col(th, 'Own Families')],
      own: blankAsEmpty(row[col(th, 'Own Families Reached')]),
      percent: blankAsEmpty(row[col(th, 'Percent of Goal')]),
      status: row[col(th, 'Status')],
      last: blankAsEmpty(row[col(th, 'Last Call')]),
    };
    const close = (x: unknown) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x);
    expect({ ...figures, own: close(figures.own), percent: close(figures.percent) }).toEqual({
      email: t.email,
      ...w,
      own: close(w.own),
      percent: close(w.percent),
    });
  });
  // Rows below the last teacher stay blank.
  expect(blankAsEmpty(got.teachers[school.teachers.length + 1]?.[col(th, 'Status')])).toBe('');
  const fh = FAMILY_HEADERS;
  school.families.forEach((f, i) => {
    const row = got.families[i + 1] as unknown[];
    const w = want.families[i] as ReturnType<typeof expected>['families'][number];
    if (f.id === '') {
      expect([row[col(fh, 'Attempts')], row[col(fh, 'Reached')]].map(blankAsEmpty)).toEqual(['', '']);
      return;
    }
    expect({
      attempts: row[col(fh, 'Attempts')],
      reached: row[col(fh, 'Reached')],
      last: blankAsEmpty(row[col(fh, 'Last Contact')]),
    }).toEqual(w);
  });
}

// HyperFormula evaluates each array column over its whole bound (2,000 family rows against the log):
// seconds per scenario, so this file gets a longer timeout than the default.
jest.setTimeout(120_000);

describe('goal formulas evaluated by the engine', () => {
  const school = generate(7);

  test('every teacher and family figure matches the definitions (window, conversations)', () => {
    const got = evaluate(school, {
      windowStart: START,
      windowEnd: END,
      defaultGoal: 6,
      goalCounts: 'Conversations',
    });
    const want = expected(school, { start: START, end: END, defaultGoal: 6, attempts: false });
    // The generated school exercises every status and the edge teachers.
    expect(new Set(want.teachers.map((t) => t.status))).toEqual(
      new Set(['Not started', 'In progress', 'Met', 'Exceeded']),
    );
    compare(school, got, want);
  });

  test('goal counts attempts, an open window start, and a blank default goal', () => {
    const got = evaluate(school, {
      windowStart: '',
      windowEnd: END,
      defaultGoal: '',
      goalCounts: 'attempts',
    });
    const want = expected(school, { start: null, end: END, defaultGoal: 10, attempts: true });
    compare(school, got, want);
  });

  test('nonsense settings: "ten" as default goal and "soon" as window end fall back as parseSettings does', () => {
    const got = evaluate(school, {
      windowStart: START,
      windowEnd: 'soon',
      defaultGoal: 'ten',
      goalCounts: 'Conversations',
    });
    const want = expected(school, { start: START, end: null, defaultGoal: 10, attempts: false });
    compare(school, got, want);
  });

  test('a row typed into the log by hand and a sorted log are counted at once', () => {
    const got = evaluate(school, {
      windowStart: START,
      windowEnd: END,
      defaultGoal: 6,
      goalCounts: 'Conversations',
    });
    const { hf, logId } = got;
    // Reverse the log's data rows (a sort) and type one more conversation for teacher 40 (no calls yet).
    const rows = (hf.getSheetSerialized(logId) as Cell[][]).slice(1).reverse();
    hf.setCellContents({ sheet: logId, row: 1, col: 0 }, rows);
    const byHand = {
      Outcome: 'Reached',
      'Student ID': 'S1000',
      'Call Date': START + 3,
      'Teacher Email': 'T40@maple.example',
      Extra: '',
    };
    hf.setCellContents({ sheet: logId, row: rows.length + 1, col: 0 }, [
      LOG_HEADERS.map((h) => (byHand as Record<string, Cell>)[h] ?? null),
    ]);
    const teachers = hf.getSheetValues(hf.getSheetId(TEACHERS.name) as number) as unknown[][];
    const families = hf.getSheetValues(hf.getSheetId(FAMILIES.name) as number) as unknown[][];
    const updated: School = {
      ...school,
      calls: [
        ...school.calls,
        { teacher: 'T40@maple.example', date: START + 3, student: 'S1000', outcome: 'Reached' },
      ],
    };
    compare(
      updated,
      { teachers, families, hf, logId },
      expected(updated, { start: START, end: END, defaultGoal: 6, attempts: false }),
    );
    const t40 = teachers[41] as unknown[];
    expect([t40[col(TEACHER_HEADERS, 'Calls Logged')], t40[col(TEACHER_HEADERS, 'Conversations')]]).toEqual([
      1, 1,
    ]);
  });
});
