/**
 * The district roll-up, run by the real dist/Code.js in the emulator over generated messy schools
 * (each its own workbook, opened by URL). Every figure on the District tab is checked against a count
 * written here from what was typed into each school, not by calling src/core. Also: no personal
 * string of any school reaches the district workbook, unopenable schools get their reason, a re-run
 * changes nothing but the read times, and a run cut at its time budget carries on (one-off trigger)
 * to the same result as one uninterrupted run.
 *
 * Apps Script behaviour relied on: SpreadsheetApp.openByUrl opens another spreadsheet and throws when
 * the user may not open it (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openbyurlurl);
 * ClockTriggerBuilder.after makes a one-off trigger (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#aftermilliseconds);
 * a run stops at 6 minutes (https://developers.google.com/apps-script/guides/services/quotas#current_limitations).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, Workbook } from '../../emulator';
import { createDemoDistrict, DEMO_DISTRICT_SCHOOLS } from '../../preview/demo-district';
import {
  addDays,
  type MessySchool,
  messySchool,
  type Row,
  SPECS,
  tableRows,
} from '../../scripts/fixtures/messy-school';
import { SETTINGS } from '../../src/common/schema';
import { DISTRICT_HEADERS } from '../../src/core/district-layout';
import { DIST } from './school-fixture';

const TZ = 'America/New_York';
const LEAD = 'lead@district.example';
const HEADERS: readonly string[] = DISTRICT_HEADERS;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
const loose = (s: unknown) =>
  String(s ?? '')
    .trim()
    .toLowerCase();
const iso = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');

interface GeneratedSchool {
  name: string;
  workbook: Workbook;
  data: MessySchool;
  /** Invented personal strings typed into this school (names, phones, emails, notes). */
  planted: string[];
}

/** A messy school, typed in as a person would, with 12 invented personal strings planted in it. */
function generatedSchool(
  seed: number,
  name: string,
  families = 60,
  calls = 200,
  callLog = 'Call Log',
): GeneratedSchool {
  const data = messySchool({
    seed,
    families,
    calls,
    windowStart: addDays(today, -40),
    windowEnd: addDays(today, 10),
  });
  const tag = `${seed}x${name.length}`;
  const planted = [
    `Thaddeus Marchbanks-${tag}`,
    `Philippa Oyelowo-${tag}`,
    `+1 555 01${seed} 77${tag.length}`,
    `guardian.${tag}@family.example`,
    `Loves robotics club ${tag}`,
    `Hopes to read chapter books ${tag}`,
    `Mum works nights at the bakery ${tag}`,
    `Send the Spanish flyer to Rosalind ${tag}`,
    `Grandmother Ottoline ${tag}`,
    `Talked about the move to Brackenridge ${tag}`,
    `Principal Quenby ${tag}`,
    `Ms. Isadora Penhallow ${tag}`,
  ];
  const family = data.families[0] as Row;
  Object.assign(family, {
    'Caregiver Names': planted[0],
    'Student Name': planted[1],
    Phone: planted[2],
    'Family Email': planted[3],
    "Child's Strengths and Interests": planted[4],
    'Hopes This Year': planted[5],
  });
  Object.assign(data.calls[0] as Row, { 'What I Learned': planted[6], 'Follow-up Needed': planted[7] });
  Object.assign(data.calls[1] as Row, { 'Person Reached': planted[8], 'Family Hopes': planted[9] });
  Object.assign(data.checkIns[0] ?? {}, { By: planted[10] });
  (data.teachers[4] as Row).Name = planted[11];
  const workbook = new Workbook({ name, timeZone: TZ });
  const values: Record<string, string | number> = {
    ...data.settings,
    schoolName: name,
    schoolYear: '2026-27',
  };
  workbook.setSheet('Settings', [
    ['Setting', 'Value', 'About'],
    ...SETTINGS.map((s) => [s.label, values[s.key] ?? s.initial, '']),
  ]);
  workbook.setSheet('Teachers', tableRows(SPECS.teachers, data.teachers));
  workbook.setSheet('Families', tableRows(SPECS.families, data.families));
  workbook.setSheet(callLog, tableRows(SPECS.calls, data.calls));
  workbook.setSheet('Check-ins', tableRows(SPECS.checkIns, data.checkIns));
  workbook.setSheet('Summary', []);
  return { name, workbook, data, planted };
}

/** The district figures of one school, counted from what was typed (DOMAIN.md's definitions). */
function expectedRow(s: GeneratedSchool) {
  const { teachers, families, calls, settings } = s.data;
  const inWindow = (d: string) => d !== '' && d >= settings.windowStart && d <= settings.windowEnd;
  // As the Teachers tab's COUNTIFS(Outcome,"Reached") reads it: any case, the whole text, not trimmed
  // (support.google.com/docs/answer/3093480), so ' REACHED ' is an attempt, not a conversation.
  const reached = (c: Row) => String(c.Outcome ?? '').toLowerCase() === 'reached';
  const counted = calls.filter((c) => inWindow(iso(c['Call Date'])));
  const talks = counted.filter(reached);
  const roster = new Map<string, Row>();
  for (const f of families)
    if (f['Student ID'] && !roster.has(String(f['Student ID']))) roster.set(String(f['Student ID']), f);
  const reachedIds = new Set(talks.map((c) => String(c['Student ID'])).filter((id) => roster.has(id)));
  const goals = new Map<string, number>();
  for (const t of teachers) {
    const email = loose(t.Email);
    const goal =
      typeof t.Goal === 'number' && Number.isInteger(t.Goal) && t.Goal >= 0 ? t.Goal : settings.defaultGoal;
    if (email && !goals.has(email)) goals.set(email, goal);
  }
  let atGoal = 0;
  for (const [email, goal] of goals) {
    const mine = counted.filter((c) => loose(c['Teacher Email']) === email);
    const done = settings.goalCounts === 'Attempts' ? mine.length : mine.filter(reached).length;
    if (mine.length > 0 && done >= goal) atGoal++;
  }
  const gap = (groupOf: (f: Row) => string) => {
    const groups = new Map<string, { families: number; reached: number }>();
    for (const [id, f] of roster) {
      const key = loose(groupOf(f));
      if (!key) continue;
      const g = groups.get(key) ?? { families: 0, reached: 0 };
      g.families++;
      if (reachedIds.has(id)) g.reached++;
      groups.set(key, g);
    }
    const shares = [...groups.entries()].map(([key, g]) => ({ key, share: g.reached / g.families }));
    const best = Math.max(...shares.map((x) => x.share));
    const worst = Math.min(...shares.map((x) => x.share));
    const points = Math.round(best * 100) - Math.round(worst * 100);
    return { points, worstKeys: shares.filter((x) => x.share === worst).map((x) => x.key) };
  };
  const firstMonday = (() => {
    const d = new Date(`${settings.windowStart}T00:00:00Z`).getUTCDay();
    return addDays(settings.windowStart, -((d + 6) % 7));
  })();
  const lastDay = [today, ...counted.map((c) => iso(c['Call Date']))].sort().pop() as string;
  let weeks = 0;
  for (let m = firstMonday; m <= lastDay; m = addDays(m, 7)) weeks++;
  const open = calls.filter((c) => c['Follow-up Needed'] && c['Follow-up Done'] !== true);
  return {
    teachers: goals.size,
    atGoal: atGoal / goals.size,
    families: roster.size,
    reached: reachedIds.size / roster.size,
    conversations: talks.length,
    calls: counted.length,
    last7: counted.filter((c) => iso(c['Call Date']) >= addDays(today, -6) && iso(c['Call Date']) <= today)
      .length,
    perWeek: counted.filter((c) => iso(c['Call Date']) >= firstMonday).length / weeks,
    language: gap((f) => String(f['Preferred Language'] ?? '')),
    grade: gap((f) => String(f.Grade ?? '')),
    open: open.length,
    overdue: open.filter((c) => iso(c['Follow-up By']) && iso(c['Follow-up By']) < today).length,
    last: calls
      .map((c) => iso(c['Call Date']))
      .sort()
      .pop(),
  };
}

interface District {
  workbook: Workbook;
  emu: Emulator;
}

/** A district workbook set up by the add-on, listing the schools given as [name, url]. */
function district(listed: [string, string][], workbooks: Workbook[]): District {
  const workbook = new Workbook({ name: 'Riverbend District', timeZone: TZ });
  workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ bundleDir: DIST, workbook, workbooks, user: LEAD });
  const setup = emu.run('setUpDistrict', [], { user: LEAD, answers: [{ button: 'OK' }] });
  expect(setup.error).toBeUndefined();
  expect(setup.ui.alerts[0]?.prompt).toContain('Made the Schools tab and the District tab');
  workbook.appendRows(
    'Schools',
    listed.map(([name, url]) => [name, url, 'Visit in October']),
  );
  return { workbook, emu };
}

function rollUp(d: District) {
  const run = d.emu.run('rebuildDistrictRollUp', [], { user: LEAD, answers: [{ button: 'OK' }] });
  expect(run.error).toBeUndefined();
  return run;
}

/** The District tab's school rows (and the total), by header. */
function districtRows(workbook: Workbook): Record<string, unknown>[] {
  const values = workbook.values('District');
  const at = values.findIndex((r) => r[0] === 'School' && r[1] === 'Status');
  const rows: Record<string, unknown>[] = [];
  for (const r of values.slice(at + 1)) {
    if (r.every((c) => c === '')) break;
    rows.push(Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])));
  }
  return rows;
}

/** The whole workbook without what may change between identical runs: row 2 (the run's stamp) and Read at. */
function withoutReadTimes(workbook: Workbook): string {
  const readAt = HEADERS.indexOf('Read at');
  const sheets = workbook.snapshot() as { name: string; contents: unknown[][] }[];
  return JSON.stringify(
    sheets.map((s) =>
      s.name !== 'District'
        ? s
        : {
            ...s,
            contents: s.contents.map((r, i) =>
              i === 1 ? [] : r.map((c, j) => (j === readAt && i > 3 ? '' : c)),
            ),
          },
    ),
  );
}

const SCHOOL_NAMES = [
  'Alder Creek Elementary',
  'Birchwood Middle',
  'Cedar Flats K-8',
  'Dogwood Primary',
  'Elmhurst Academy',
];
const schools = SCHOOL_NAMES.map((name, i) => generatedSchool(101 + i * 17, name, 40 + i * 15, 150 + i * 40));
const listing = (): [string, string][] => schools.map((s) => [s.name, s.workbook.url]);

describe('District roll-up over five generated schools', () => {
  const d = district(
    listing(),
    schools.map((s) => s.workbook),
  );
  const run = rollUp(d);
  const rows = districtRows(d.workbook);

  test('every figure equals a count made here from what each school typed', () => {
    expect(run.ui.alerts[0]?.prompt).toBe('The District tab is up to date: 5 schools.');
    expect(rows.map((r) => r.School)).toEqual([...SCHOOL_NAMES, 'District total']);
    schools.forEach((s, i) => {
      const got = rows[i] as Record<string, unknown>;
      const want = expectedRow(s);
      expect(got.Status).toBe('Read');
      expect(got.Teachers).toBe(want.teachers);
      expect(got['Teachers at or past goal']).toBeCloseTo(want.atGoal, 10);
      expect(got.Families).toBe(want.families);
      expect(got['Families reached']).toBeCloseTo(want.reached, 10);
      expect(got.Conversations).toBe(want.conversations);
      expect(got.Calls).toBe(want.calls);
      expect(got['Calls in the last 7 days']).toBe(want.last7);
      expect(got['Calls per week']).toBeCloseTo(want.perWeek, 10);
      for (const [kind, gap] of [
        ['Language', want.language],
        ['Grade', want.grade],
      ] as const) {
        expect(got[`${kind} gap (points)`]).toBe(gap.points);
        // The least-reached group is named (any of them when several tie); none when there is no gap.
        if (gap.points > 0)
          expect(gap.worstKeys).toContain(loose(got[`Least-reached ${kind.toLowerCase()}`]));
        else expect(got[`Least-reached ${kind.toLowerCase()}`]).toBe('');
      }
      expect(got['Follow-ups open']).toBe(want.open);
      expect(got['Follow-ups overdue']).toBe(want.overdue);
      expect(new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(got['Last activity'] as Date)).toBe(
        want.last,
      );
    });
  });

  test('the district total adds the schools up and shares are of the district', () => {
    const want = schools.map(expectedRow);
    const total = rows[5] as Record<string, unknown>;
    const sum = (k: keyof ReturnType<typeof expectedRow>) => want.reduce((s, w) => s + Number(w[k]), 0);
    expect(total.Status).toBe('5 of 5 schools read');
    expect(total.Teachers).toBe(sum('teachers'));
    expect(total.Families).toBe(sum('families'));
    expect(total.Calls).toBe(sum('calls'));
    expect(total.Conversations).toBe(sum('conversations'));
    expect(total['Follow-ups overdue']).toBe(sum('overdue'));
    const reachedFamilies = want.reduce((s, w) => s + Math.round(w.reached * w.families), 0);
    expect(total['Families reached']).toBeCloseTo(reachedFamilies / sum('families'), 10);
  });

  test('a weekly trend per school, with its chart', () => {
    const values = d.workbook.values('District');
    const title = values.findIndex((r) => r[0] === 'Calls per week, by school');
    expect(values[title + 1]?.slice(0, 6)).toEqual(['Week of', ...SCHOOL_NAMES]);
    const weeks = values.slice(title + 2).filter((r) => r[0] !== '');
    // Each school's weekly calls add up to its counted calls in the weeks shown.
    schools.forEach((s, i) => {
      const shown = weeks.reduce((sum, r) => sum + Number(r[i + 1] || 0), 0);
      expect(shown).toBe(expectedRow(s).calls);
    });
    // One line chart over that table: the week column and one column per school, header row included.
    const sheets = d.workbook.snapshot() as { name: string; charts: { type: string; ranges: string[] }[] }[];
    const charts = sheets.find((t) => t.name === 'District')?.charts ?? [];
    expect(charts).toHaveLength(1);
    expect(charts[0]?.type).toBe('LINE');
    expect(charts[0]?.ranges).toEqual([`District!A${title + 2}:F${title + 2 + weeks.length}`]);
  });

  test('no name, phone, email or note of any school reaches the district workbook', () => {
    const planted = schools.flatMap((s) => s.planted);
    expect(planted.length).toBeGreaterThanOrEqual(60);
    const generated = schools.flatMap((s) => [
      ...s.data.families.map((f) => String(f['Student Name'])),
      ...s.data.teachers.map((t) => String(t.Name)),
      ...s.data.calls.map((c) => String(c['What I Learned'])).filter(Boolean),
    ]);
    const everything =
      JSON.stringify(d.workbook.snapshot()) + JSON.stringify(d.emu.properties('document').getAll());
    for (const text of [...planted, ...generated].filter((t) => t.length > 3))
      expect(everything).not.toContain(text);
    // Not one email of any school, nor a phone-like string.
    expect(everything).not.toMatch(/@(school|family)\.example/);
    expect(everything).not.toContain('555 01');
  });

  test('running it again with the same schools changes nothing but the read times', () => {
    const before = withoutReadTimes(d.workbook);
    rollUp(d);
    expect(withoutReadTimes(d.workbook)).toBe(before);
  });
});

describe('Set up as a district workbook', () => {
  test('runs once, then changes nothing; a district workbook never gets school tabs, and a school never becomes a district', () => {
    const d = district([], []);
    const before = JSON.stringify(d.workbook.snapshot());
    const again = d.emu.run('setUpDistrict', [], { user: LEAD, answers: [{ button: 'OK' }] });
    expect(again.ui.alerts[0]?.prompt).toBe('This is already a district workbook: nothing was changed.');
    const school = d.emu.run('setUpSchool', [], { user: LEAD, answers: [{ button: 'OK' }] });
    expect(school.ui.alerts[0]?.prompt).toMatch(
      /^This is a district workbook \(it has a District tab\), so no school tabs were added/,
    );
    expect(JSON.stringify(d.workbook.snapshot())).toBe(before);
    expect(d.workbook.values('Schools')[0]).toEqual(['School', 'Workbook URL', 'Notes']);

    const emu = new Emulator({ bundleDir: DIST, workbook: schools[0]?.workbook as Workbook, user: LEAD });
    const refused = emu.run('setUpDistrict', [], { answers: [{ button: 'OK' }] });
    expect(refused.ui.alerts[0]?.prompt).toMatch(/^This workbook holds a school/);
    expect(schools[0]?.workbook.sheetNames()).not.toContain('Schools');
  });
});

describe('Schools that cannot be read', () => {
  test('each gets its row with the reason in words, and the others still roll up', () => {
    const noAccess = new Workbook({ name: 'Fir Lane', timeZone: TZ, access: ['principal@fir.example'] });
    noAccess.setSheet('Settings', [['Setting', 'Value', 'About']]);
    const notSchool = new Workbook({ name: 'Budget 2026', timeZone: TZ });
    notSchool.setSheet('Sheet1', [['Line', 'Amount']]);
    // Someone renamed the school's Call Log tab.
    const renamed = generatedSchool(404, 'Gorse Hill', 30, 60, 'Calls 2026');
    const good = schools.slice(0, 2);
    const d = district(
      [
        [good[0]?.name as string, good[0]?.workbook.url as string],
        ['Fir Lane', noAccess.url],
        ['Hazel Court', 'https://docs.google.com/spreadsheets/d/deleted-workbook-id/edit'],
        ['Budget', notSchool.url],
        ['Gorse Hill', renamed.workbook.url],
        ['Juniper Row', ''],
        [good[1]?.name as string, good[1]?.workbook.url as string],
      ],
      [...good.map((s) => s.workbook), noAccess, notSchool, renamed.workbook],
    );
    rollUp(d);
    const rows = districtRows(d.workbook);
    const status = Object.fromEntries(rows.map((r) => [r.School, String(r.Status)]));
    expect(status['Fir Lane']).toBe(
      'Not read: you cannot open this workbook. Ask the school to share it with you (Viewer is enough).',
    );
    expect(status['Hazel Court']).toMatch(
      /could not be opened. It may have been deleted, or the link is wrong/,
    );
    expect(status.Budget).toMatch(/not a Relationship Calls school workbook/);
    expect(status['Gorse Hill']).toMatch(/The "Call Log" tab is missing \(was it renamed\?\)/);
    expect(status['Juniper Row']).toMatch(/no Workbook URL/);
    expect(status[good[0]?.name as string]).toBe('Read');
    expect(status[good[1]?.name as string]).toBe('Read');
    const bad = rows.filter((r) => String(r.Status).startsWith('Not read'));
    for (const r of bad) expect(r.Teachers).toBe('');
    expect(rows[rows.length - 1]?.Teachers).toBe(
      expectedRow(good[0] as GeneratedSchool).teachers + expectedRow(good[1] as GeneratedSchool).teachers,
    );
  });
});

describe('A run cut at its time budget', () => {
  test('saves where it got to; the one-off trigger carries on to the same result as one uninterrupted run', () => {
    const whole = district(
      listing(),
      schools.map((s) => s.workbook),
    );
    rollUp(whole);

    const cut = district(
      listing(),
      schools.map((s) => s.workbook),
    );
    // A budget of 0 ms: every run reads one school (each run always moves on by one) and stops.
    cut.emu.properties('document').set('relationshipCalls.district.budgetMs', '0');
    const first = rollUp(cut);
    expect(first.ui.alerts[0]?.prompt).toMatch(/^1 of 5 schools read so far/);
    expect(districtRows(cut.workbook).map((r) => r.Status)).toEqual([
      'Read',
      ...Array(4).fill('Waiting: the next run reads this school (it starts on its own within minutes).'),
      '1 of 5 schools read',
    ]);
    let runs = 1;
    while (cut.emu.triggers.length) {
      expect(cut.emu.triggers).toHaveLength(1);
      const trigger = cut.emu.triggers[0] as { id: string; handlerFunction: string };
      expect(trigger.handlerFunction).toBe('continueDistrictRollUp');
      expect(cut.emu.fireTrigger(trigger.id).error).toBeUndefined();
      runs++;
      expect(runs).toBeLessThanOrEqual(5);
    }
    expect(runs).toBe(5);
    expect(withoutReadTimes(cut.workbook)).toBe(withoutReadTimes(whole.workbook));
    expect(Object.keys(cut.emu.properties('document').getAll()).filter((k) => k.endsWith('.run'))).toEqual(
      [],
    );
  });
});

describe('A run Apps Script stops anyway (its 6-minute limit, here scaled down)', () => {
  test('loses at most the school it was reading: the safety trigger carries on to the same result', () => {
    const whole = district(
      listing(),
      schools.map((s) => s.workbook),
    );
    const started = Date.now();
    rollUp(whole);
    const took = Date.now() - started;
    // The emulator stops a run as Apps Script does at 6 minutes ("Exceeded maximum execution time"):
    // here after about 30% of one whole roll-up, so each run is stopped part-way through the schools.
    const workbooks = schools.map((s) => s.workbook);
    const stopped = district(listing(), workbooks);
    const limited = new Emulator({
      bundleDir: DIST,
      workbook: stopped.workbook,
      workbooks,
      user: LEAD,
      timeoutMs: Math.max(40, Math.round(took * 0.3)),
    });
    const outcomes = [
      limited.run('rebuildDistrictRollUp', [], { answers: [{ button: 'OK' }] }).error?.message,
    ];
    while (limited.triggers.length && outcomes.length < 80) {
      const trigger = limited.triggers[0] as { id: string };
      outcomes.push(limited.fireTrigger(trigger.id).error?.message);
    }
    expect(outcomes.filter((m) => m?.startsWith('Exceeded maximum execution time')).length).toBeGreaterThan(
      0,
    );
    expect(limited.triggers).toHaveLength(0);
    expect(withoutReadTimes(stopped.workbook)).toBe(withoutReadTimes(whole.workbook));
  });
});

describe('Cost', () => {
  test('service calls per school do not grow with the school', () => {
    const small = generatedSchool(7, 'Small School', 20, 30);
    const large = generatedSchool(8, 'Large School', 300, 1200);
    const callsFor = (s: GeneratedSchool) =>
      rollUp(district([[s.name, s.workbook.url]], [s.workbook])).spreadsheetCalls;
    expect(callsFor(large)).toBe(callsFor(small));
  });
});

describe('Scopes (https://developers.google.com/apps-script/concepts/scopes)', () => {
  const manifest = (dir: string) =>
    JSON.parse(readFileSync(join(DIST, '..', dir, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };

  test('school installs keep spreadsheets.currentonly; the district deployment adds only read access to other spreadsheets', () => {
    const school = manifest('dist').oauthScopes;
    const district = manifest('dist-district').oauthScopes;
    expect(school).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(school.filter((s) => /auth\/(spreadsheets|drive)/.test(s))).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(district.filter((s) => !school.includes(s))).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.readonly',
    ]);
    // Never write access to every spreadsheet, nor Drive.
    expect(district.some((s) => /auth\/spreadsheets$|auth\/drive/.test(s))).toBe(false);
    expect(readFileSync(join(DIST, '..', 'dist-district', 'Code.js'), 'utf8')).toBe(
      readFileSync(join(DIST, 'Code.js'), 'utf8'),
    );
  });
});

describe("The preview's demo district", () => {
  test('three schools built by the add-on, rolled up by it, each read', () => {
    const { district } = createDemoDistrict(DIST);
    const rows = districtRows(district);
    expect(rows.map((r) => r.School)).toEqual([
      ...DEMO_DISTRICT_SCHOOLS.map((s) => s.name),
      'District total',
    ]);
    expect(rows.slice(0, 3).map((r) => r.Status)).toEqual(['Read', 'Read', 'Read']);
    // Three different schools, not one copied three times.
    expect(new Set(rows.slice(0, 3).map((r) => r.Conversations)).size).toBe(3);
  }, 360_000); // three demo schools, each set up by the add-on: about 15 s here
});
