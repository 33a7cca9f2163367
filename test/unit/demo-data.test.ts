import {
  addDays,
  DEMO_DEFAULTS,
  type DemoRow,
  dataHeaders,
  demoTables,
  generateDemoSchool,
  toRows,
  UNKNOWN_STUDENT_ID,
} from '../../scripts/fixtures/demo-school';
import {
  CALL_LOG,
  CHECK_INS,
  DEFAULT_PICK_LISTS,
  FAMILIES,
  REACHED,
  TEACHERS,
} from '../../src/common/schema';

const school = generateDemoSchool();
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const count = <T>(items: readonly T[], pred: (item: T) => boolean) => items.filter(pred).length;
const str = (row: DemoRow, header: string) => String(row[header] ?? '');

describe('demo school generator', () => {
  test('the same options give the same school; another seed gives another', () => {
    expect(generateDemoSchool()).toEqual(school);
    expect(generateDemoSchool({ seed: 7, calls: 50 })).toEqual(generateDemoSchool({ seed: 7, calls: 50 }));
    const other = generateDemoSchool({ seed: DEMO_DEFAULTS.seed + 1 });
    expect(other.families.map((f) => f['Student Name'])).not.toEqual(
      school.families.map((f) => f['Student Name']),
    );
  });

  test('has the sizes asked for: 25 teachers, 400 families, a few hundred calls by default', () => {
    expect(school.teachers).toHaveLength(25);
    expect(school.families).toHaveLength(400);
    expect(school.calls).toHaveLength(DEMO_DEFAULTS.calls);
    expect(school.checkIns.length).toBeGreaterThan(0);
    const small = generateDemoSchool({ teachers: 3, families: 20, calls: 15, languages: 4 });
    expect([small.teachers.length, small.families.length, small.calls.length]).toEqual([3, 20, 15]);
    expect(new Set(small.families.map((f) => f['Preferred Language'])).size).toBeLessThanOrEqual(4);
  });

  test('ids and emails are unique, and every reference names a row that exists', () => {
    const ids = school.families.map((f) => str(f, 'Student ID'));
    const emails = school.teachers.map((t) => str(t, 'Email'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(school.families.map((f) => str(f, 'Student Name'))).size).toBe(ids.length);
    expect(new Set(school.calls.map((c) => str(c, 'Submission ID'))).size).toBe(school.calls.length);
    for (const f of school.families) expect(emails).toContain(f['Homeroom Teacher Email']);
    for (const c of school.calls) {
      expect(emails).toContain(c['Teacher Email']);
      expect(ids).toContain(c['Student ID']);
      const family = school.families.find((f) => f['Student ID'] === c['Student ID']);
      expect(c['Student Name']).toBe(family?.['Student Name']);
    }
    for (const k of school.checkIns) expect(emails).toContain(k['Teacher Email']);
    expect(emails).not.toContain(school.principal.email);
    expect(emails).not.toContain(school.coach.email);
  });

  test('three home languages, grades K-5, and some families needing an interpreter', () => {
    const languages = new Set(school.families.map((f) => f['Preferred Language']));
    expect([...languages].sort()).toEqual(['English', 'Spanish', 'Vietnamese']);
    expect(new Set(school.families.map((f) => f.Grade))).toEqual(new Set(['K', '1', '2', '3', '4', '5']));
    const interpreters = school.families.filter((f) => f['Interpreter Needed'] === true);
    expect(interpreters.length).toBeGreaterThan(20);
    for (const f of interpreters) expect(f['Preferred Language']).not.toBe('English');
    for (const f of school.families) expect(DEFAULT_PICK_LISTS.languages).toContain(f['Preferred Language']);
  });

  test('calls are dated inside the window and show every outcome', () => {
    const { start, end } = school.window;
    expect(end).toBe(addDays(start, DEMO_DEFAULTS.days - 1));
    for (const c of school.calls) {
      expect(str(c, 'Call Date')).toMatch(ISO);
      expect(str(c, 'Call Date') >= start && str(c, 'Call Date') <= end).toBe(true);
      expect(str(c, 'Logged At') >= str(c, 'Call Date')).toBe(true);
      expect(DEFAULT_PICK_LISTS.methods).toContain(c.Method);
    }
    for (const outcome of DEFAULT_PICK_LISTS.outcomes) {
      expect(count(school.calls, (c) => c.Outcome === outcome)).toBeGreaterThan(3);
    }
    const reached = count(school.calls, (c) => c.Outcome === REACHED);
    expect(reached / school.calls.length).toBeGreaterThan(0.3);
    expect(reached / school.calls.length).toBeLessThan(0.7);
  });

  test('reached calls carry strengths and hopes; attempts carry none', () => {
    for (const c of school.calls) {
      const reached = c.Outcome === REACHED;
      expect(str(c, 'Strengths the Family Sees') !== '').toBe(reached);
      expect(str(c, 'Family Hopes') !== '').toBe(reached);
      if (reached) expect(str(c, 'Person Reached')).not.toBe('');
    }
  });

  test('some follow-ups are open, some done, each due on or after its call', () => {
    const withFollowUp = school.calls.filter((c) => str(c, 'Follow-up Needed') !== '');
    for (const c of withFollowUp) {
      expect(str(c, 'Follow-up By')).toMatch(ISO);
      expect(str(c, 'Follow-up By') > str(c, 'Call Date')).toBe(true);
    }
    expect(count(withFollowUp, (c) => c['Follow-up Done'] === true)).toBeGreaterThan(3);
    expect(count(withFollowUp, (c) => c['Follow-up Done'] === false)).toBeGreaterThan(3);
    for (const c of school.calls) {
      if (str(c, 'Follow-up Needed') === '') expect(c['Follow-up Done']).toBe(false);
    }
  });

  test('teachers range from not started to well past their goal', () => {
    const callsBy = new Map<string, number>();
    for (const c of school.calls) {
      if (c.Outcome === REACHED)
        callsBy.set(str(c, 'Teacher Email'), (callsBy.get(str(c, 'Teacher Email')) ?? 0) + 1);
    }
    const conversations = school.teachers.map((t) => callsBy.get(str(t, 'Email')) ?? 0);
    expect(Math.min(...conversations)).toBe(0);
    expect(Math.max(...conversations)).toBeGreaterThanOrEqual(10);
    expect(school.teachers.some((t) => t.Goal === '')).toBe(true);
    expect(school.teachers.some((t) => typeof t.Goal === 'number')).toBe(true);
  });

  test('messy rows are added only when asked: unknown student, blank outcome, date outside the window', () => {
    expect(school.calls.some((c) => c['Student ID'] === UNKNOWN_STUDENT_ID)).toBe(false);
    const messy = generateDemoSchool({ messy: true });
    expect(messy.calls).toHaveLength(DEMO_DEFAULTS.calls + 3);
    expect(messy.calls.slice(0, DEMO_DEFAULTS.calls)).toEqual(school.calls);
    const extra = messy.calls.slice(DEMO_DEFAULTS.calls);
    expect(extra.some((c) => c['Student ID'] === UNKNOWN_STUDENT_ID)).toBe(true);
    expect(extra.some((c) => c.Outcome === '')).toBe(true);
    expect(extra.some((c) => str(c, 'Call Date') < school.window.start)).toBe(true);
  });

  test('2-D rows follow the schema column order and stop before the formula columns', () => {
    expect(dataHeaders(TEACHERS)).toEqual(['Name', 'Email', 'Goal']);
    expect(dataHeaders(CALL_LOG)).toEqual(CALL_LOG.columns.map((c) => c.header));
    expect(dataHeaders(FAMILIES)).toEqual(
      FAMILIES.columns.filter((c) => c.type !== 'formula').map((c) => c.header),
    );
    const rows = toRows(CALL_LOG, school.calls);
    const outcomeAt = CALL_LOG.columns.findIndex((c) => c.header === 'Outcome');
    expect(rows[0]?.[outcomeAt]).toBe(school.calls[0]?.Outcome);
    expect(rows.every((r) => r.length === CALL_LOG.columns.length)).toBe(true);
    const tables = demoTables(school);
    expect(tables.map((t) => t.spec.name)).toEqual([
      TEACHERS.name,
      FAMILIES.name,
      CALL_LOG.name,
      CHECK_INS.name,
    ]);
    expect(tables.map((t) => t.rows.length)).toEqual([25, 400, DEMO_DEFAULTS.calls, school.checkIns.length]);
  });

  test('invented contacts only: reserved example domain and fictional 555-01xx numbers', () => {
    for (const t of school.teachers) expect(str(t, 'Email')).toMatch(/@[a-z]+\.example$/);
    for (const f of school.families) {
      expect(str(f, 'Phone')).toMatch(/^\(\d{3}\) 555-01\d{2}$/);
      if (f['Family Email'] !== '') expect(str(f, 'Family Email')).toMatch(/\.example$/);
    }
  });

  test('refuses a start date that is not a calendar date', () => {
    expect(() => generateDemoSchool({ startDate: '2026-02-30' })).toThrow(/not a calendar date/);
    expect(() => generateDemoSchool({ startDate: 'next Monday' })).toThrow(/2026-09-08/);
  });
});
