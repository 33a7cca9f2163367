/**
 * The principal's Summary tab, built by the real dist/Code.js in the emulator on generated messy
 * schools. Every figure the tab shows is checked against a computation written here from the
 * workbook's own cells (as a person would count them), not by calling src/core. Also: what the
 * rebuild writes and what it leaves alone, what it costs in service calls, refreshes that overlap,
 * the daily trigger, and the Check-ins tab.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, Workbook } from '../../emulator';
import {
  addDays,
  type MessySchool,
  messySchool,
  SPECS,
  tableRows,
} from '../../scripts/fixtures/messy-school';
import { SETTINGS } from '../../src/common/schema';
import { dataValues } from '../../src/server/tables';
import { expectedSummary, loose, reading, recordsOf, type SchoolTabs } from '../summary-oracle';

const DIST = join(__dirname, '..', '..', 'dist');
const TZ = 'America/New_York';
const PRINCIPAL = 'principal@school.example';

// Reading cells as a person would, and the figures a person would count: the shared oracle.
const { textOf, isoFormat } = reading(TZ);
const isDateValue = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const records = (workbook: Workbook, tab: string) => recordsOf(workbook.values(tab), textOf);
function expectedFrom(workbook: Workbook, today: string) {
  const tabs: SchoolTabs = {
    settings: workbook.values('Settings'),
    teachers: workbook.values('Teachers'),
    families: workbook.values('Families'),
    calls: workbook.values('Call Log'),
    checkIns: workbook.values('Check-ins'),
  };
  return expectedSummary(tabs, today, TZ);
}

// ---------------------------------------------------------------------------------------------
// The school workbook, written as a person would type it (no set-up run: quick at 5,000 rows).

interface School {
  workbook: Workbook;
  emu: Emulator;
  data: MessySchool;
  today: string;
}

function todayIso(): string {
  return isoFormat.format(new Date());
}

function buildSchool(seed: number, calls: number, families = 120, teachers = 12): School {
  const today = todayIso();
  // The window runs around today, so "this week", dates after today and overdue follow-ups all occur.
  const data = messySchool({
    seed,
    calls,
    families,
    teachers,
    windowStart: addDays(today, -50),
    windowEnd: addDays(today, 12),
  });
  const workbook = new Workbook({ name: 'Quarry Hill Elementary', timeZone: TZ });
  const setting = (key: string) => SETTINGS.find((s) => s.key === key)?.label as string;
  workbook.setSheet('Settings', [
    ['Setting', 'Value', 'About'],
    [setting('schoolName'), 'Quarry Hill Elementary', ''],
    [setting('schoolYear'), '2026-27', ''],
    [setting('windowStart'), data.settings.windowStart, ''],
    [setting('windowEnd'), data.settings.windowEnd, ''],
    [setting('defaultGoal'), data.settings.defaultGoal, ''],
    [setting('goalCounts'), data.settings.goalCounts, ''],
    [setting('schoolGoal'), data.settings.schoolGoal, ''],
  ]);
  // A teacher who joined late and has not called yet.
  data.teachers.push({ Name: 'Juniper Vale-Ostrander', Email: 'new.teacher@school.example', Goal: 5 });
  workbook.setSheet('Teachers', tableRows(SPECS.teachers, data.teachers));
  workbook.setSheet('Families', tableRows(SPECS.families, data.families));
  workbook.setSheet('Call Log', tableRows(SPECS.calls, data.calls));
  workbook.setSheet('Check-ins', tableRows(SPECS.checkIns, data.checkIns));
  workbook.setSheet('Summary', [['Principal typed this by hand']]);
  workbook.setSheet('My own notes', [['A tab the principal keeps'], ['=1+1']]);
  const emu = new Emulator({ bundleDir: DIST, workbook });
  return { workbook, emu, data, today };
}

function rebuild(school: School) {
  const run = school.emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL });
  expect(run.error).toBeUndefined();
  return run;
}

// ---------------------------------------------------------------------------------------------
// Reading the Summary tab as the principal sees it.

/** The headline block ends at its first blank row after the "At a glance" header. */
function headlineEnd(values: unknown[][]): number {
  const start = values.findIndex((r) => textOf(r[0]) === 'At a glance');
  return values.findIndex((r, i) => i > start && r.every((v) => v === ''));
}

function summaryTab(workbook: Workbook) {
  const values = workbook.values('Summary');
  const shown = workbook.displayValues('Summary');
  const first = (r: number) => textOf(values[r]?.[0]);
  /** The first row whose column A is the label (headline rows may add ": sentence"). */
  const rowOf = (label: string) =>
    values.findIndex((_, r) => first(r) === label || first(r).startsWith(`${label}: `));
  /** A section's heading: the last row whose column A is exactly the title (the headline comes first). */
  const headingOf = (title: string) => values.map((_, r) => first(r)).lastIndexOf(title);
  /** Data rows of a section: after its heading and column header, until a blank row. */
  const section = (heading: string) => {
    const at = headingOf(heading);
    expect(at).toBeGreaterThan(headlineEnd(values));
    const out: { values: unknown[]; shown: string[] }[] = [];
    for (let r = at + 2; r < values.length && first(r) !== ''; r++)
      out.push({ values: values[r] as unknown[], shown: shown[r] as string[] });
    return out;
  };
  const headline = (label: string) => {
    const r = rowOf(label);
    expect(r).toBeGreaterThanOrEqual(0);
    return { values: values[r] as unknown[], shown: shown[r] as string[], row: r };
  };
  return { values, shown, rowOf, section, headline };
}

const school = buildSchool(7, 600, 160, 30);
const before = school.workbook.snapshot() as { name: string }[];
const startedAt = new Date();
const run = rebuild(school);
const finishedAt = new Date();
const expected = expectedFrom(school.workbook, school.today);
const tab = summaryTab(school.workbook);

describe('the Summary tab of a messy school shows figures a person would count', () => {
  test('the fixture really is messy', () => {
    const q = expected.quality;
    for (const rows of [q.unknownFamily, q.noStudentId, q.unknownTeacher, q.noOutcome, q.noDate, q.badGoals])
      expect(rows.length).toBeGreaterThan(0);
    expect(expected.teacherRows.some((t) => t.status === 'Not started' || t.status === 'In progress')).toBe(
      true,
    );
    expect(expected.tried.length).toBeGreaterThan(0);
    expect(expected.noAttempt.length).toBeGreaterThan(0);
    expect(expected.callsThisWeek).toBeGreaterThan(0);
    expect(expected.followUpsOverdue).toBeGreaterThan(0);
  });

  test('headline', () => {
    expect(tab.headline('Teachers who met or exceeded their goal').values.slice(1, 3)).toEqual(
      expected.teachersAtGoal.slice(0, 2),
    );
    expect(tab.headline('Teachers who met or exceeded their goal').values[3]).toBeCloseTo(
      expected.teachersAtGoal[2] as number,
      10,
    );
    expect(tab.headline('Families reached').values.slice(1, 3)).toEqual(expected.familiesReached);
    expect(tab.headline('Conversations').values[1]).toBe(expected.conversations);
    expect(tab.headline('Conversations').shown[4]).toContain(
      `${expected.calls.toLocaleString('en-US')} calls`,
    );
    expect(tab.headline('Calls this week').values[1]).toBe(expected.callsThisWeek);
    expect(tab.headline('Follow-ups open').values[1]).toBe(expected.followUpsOpen);
    expect(tab.headline('Follow-ups overdue').values[1]).toBe(expected.followUpsOverdue);
    expect(tab.headline('Conversations with strengths recorded').values.slice(1, 3)).toEqual(
      expected.strengths,
    );
    expect(tab.headline('Conversations in the family’s language or interpreted').values.slice(1, 3)).toEqual(
      expected.inLanguage,
    );
    expect(tab.headline('Families with no attempt yet').values[1]).toBe(expected.noAttempt.length);
    expect(tab.headline('Families tried but not reached yet').values[1]).toBe(expected.tried.length);
  });

  test('last rebuilt is the time of the rebuild in the spreadsheet time zone', () => {
    const stamp = tab.headline('Last rebuilt').shown[1] as string;
    const minute = (d: Date) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: TZ,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(d);
    expect([minute(startedAt), minute(finishedAt)].map((m) => `${m} (${TZ})`)).toContain(stamp);
  });

  test('teacher table: every column, in name order', () => {
    const rows = tab.section('Teachers and their goals').filter((r) => r.values[1] !== '');
    expect(rows).toHaveLength(expected.teacherRows.length);
    const byName = new Map(expected.teacherRows.map((t) => [t.name, t]));
    for (const row of rows) {
      const t = byName.get(textOf(row.values[0]));
      expect(t).toBeDefined();
      if (!t) continue;
      expect(row.values.slice(1, 5)).toEqual([t.goal, t.calls, t.conversations, t.familiesReached]);
      if (t.ownShare === null) expect(row.values[5]).toBe('');
      else expect(row.values[5]).toBeCloseTo(t.ownShare, 10);
      if (t.percentOfGoal === null) expect(row.values[6]).toBe('');
      else expect(row.values[6]).toBeCloseTo(t.percentOfGoal, 10);
      expect(row.shown.slice(7, 10)).toEqual([t.status, t.lastCall, t.lastCheckIn || 'none yet']);
    }
    // By name: the tab is open to every teacher, so the order ranks nobody.
    const names = rows.map((r) => textOf(r.values[0]).toLowerCase());
    expect(names).toEqual([...names].sort());
    // The teacher with a blank Goal has the default goal.
    expect(byName.get(expected.nameOf('teacher0@school.example'))?.goal).toBe(
      school.data.settings.defaultGoal,
    );
  });

  test('families not reached yet: no attempt, and tried with the last attempt and its outcome', () => {
    const none = tab.section('Families with no attempt yet');
    expect(none.map((r) => textOf(r.values[0])).sort()).toEqual([...expected.noAttempt].sort());
    for (const r of none) {
      const f = expected.families.get(textOf(r.values[0]));
      expect(r.shown.slice(1, 5)).toEqual([
        f?.name,
        f?.grade,
        expected.nameOf(f?.homeroom ?? ''),
        f?.language,
      ]);
    }
    const tried = tab.section('Families tried but not reached yet');
    const want = new Map(expected.tried.map((t) => [t.id, t]));
    expect(tried.map((r) => textOf(r.values[0])).sort()).toEqual([...want.keys()].sort());
    for (const r of tried) {
      const t = want.get(textOf(r.values[0]));
      expect([r.values[5], r.shown[6], r.shown[7]]).toEqual([t?.attempts, t?.lastDate, t?.lastOutcome]);
      const wrong = /wrong|disconnected/i.test(t?.lastOutcome ?? '');
      expect(/update the contact/i.test(r.shown[8] ?? '')).toBe(wrong);
    }
    // Wrong numbers come first: the office can act on them today.
    const flags = tried.map((r) => (r.shown[8] ? 1 : 0));
    expect(flags).toEqual([...flags].sort((a, b) => b - a));
    expect(flags.some(Boolean)).toBe(true);
  });

  test('reach by language and by grade, with the gap stated in words', () => {
    for (const [heading, groups] of [
      ['Reach by preferred language', expected.byLanguage],
      ['Reach by grade', expected.byGrade],
    ] as const) {
      const rows = tab.section(heading).slice(0, -1); // the last line is the gap sentence
      const shownGroups = new Map(
        rows.map((r) => [
          loose(textOf(r.values[0])) || 'notrecorded',
          { families: r.values[1], reached: r.values[2] },
        ]),
      );
      expect(Object.fromEntries(shownGroups)).toEqual(
        Object.fromEntries([...groups].map(([k, g]) => [k, { families: g.families, reached: g.reached }])),
      );
      expect(textOf(rows[rows.length - 1]?.values[0])).toBe('Not recorded');
      const real = [...groups.entries()].filter(([k]) => k !== 'notrecorded');
      const share = ([, g]: (typeof real)[number]) => g.reached / g.families;
      const best = real.reduce((a, b) => (share(b) > share(a) ? b : a));
      const worst = real.reduce((a, b) => (share(b) < share(a) ? b : a));
      const percent = (g: (typeof real)[number]) => Math.round(share(g) * 100);
      const sentence = textOf(tab.section(heading).pop()?.values[0]);
      expect(sentence).toContain(`${percent(best)}%, ${best[1].reached} of ${best[1].families}`);
      expect(sentence).toContain(`${percent(worst)}%, ${worst[1].reached} of ${worst[1].families}`);
      expect(sentence).toContain(`a gap of ${percent(best) - percent(worst)} percentage points`);
      // The same sentence is in the headline.
      expect(
        textOf(
          tab.values[tab.rowOf(heading === 'Reach by grade' ? 'Reach by grade' : 'Reach by language')]?.[0],
        ),
      ).toContain(sentence);
    }
  });

  test('weekly table and its chart', () => {
    const rows = tab.section('Calls and conversations by week');
    expect(rows.map((r) => [r.shown[0], r.values[1], r.values[2]])).toEqual(
      expected.weeks.map((w) => [w.monday, w.calls, w.conversations]),
    );
    const summary = (
      school.workbook.snapshot() as {
        name: string;
        charts: { type: string; ranges: string[]; position: number[]; options: Record<string, unknown> }[];
      }[]
    ).find((s) => s.name === 'Summary');
    expect(summary?.charts).toHaveLength(1);
    const chart = summary?.charts[0];
    const header = tab.rowOf('Week of (Monday)') + 1;
    expect(chart?.type).toBe('COLUMN');
    expect(chart?.ranges).toEqual([`Summary!A${header}:C${header + expected.weeks.length}`]);
    expect(chart?.options.title).toBe('Calls and conversations by week');
    // The chart sits right of the table, over cells that hold nothing (a chart is about 18 rows tall).
    const [row = 0, column = 0] = chart?.position ?? [];
    expect(column).toBeGreaterThan(3);
    for (let r = row; r < row + 18; r++)
      expect(tab.values[r - 1]?.slice(column - 1).every((v) => v === '')).toBe(true);
  });

  test('recent "what I learned", newest first', () => {
    const rows = tab.section('Recent "what I learned"');
    expect(rows.map((r) => [r.shown[0], r.shown[1], r.shown[2], r.shown[3]])).toEqual(
      expected.learned.map((l) => [l.date, l.teacher, l.student, l.learned]),
    );
  });

  test('data quality: rows naming an unknown family or teacher, conversations with no strengths', () => {
    const rows = tab.section('Data quality');
    const count = (problem: string) => rows.find((r) => textOf(r.values[0]) === problem);
    const q = expected.quality;
    const cases: [string, number[]][] = [
      ['Calls naming a student who is not on Families', q.unknownFamily],
      ['Calls with no Student ID', q.noStudentId],
      ['Calls by a teacher who is not on Teachers', q.unknownTeacher],
      ['Conversations with no strengths recorded', q.noStrengths],
      ['Calls with no outcome', q.noOutcome],
      ['Calls with no valid Call Date', q.noDate],
      ['Goals that are not a whole number', q.badGoals],
      ['Students listed twice on Families', q.duplicateFamilies],
      ['Families rows with no Student ID', q.noIdFamilies],
      ['Check-ins with a teacher who is not on Teachers', q.unknownCheckInTeacher],
    ];
    for (const [problem, want] of cases) {
      const row = count(problem);
      expect(row).toBeDefined();
      expect(row?.values[2]).toBe(want.length);
      expect(row?.shown[1]).toBe(want.length ? 'To fix' : 'OK');
      expect(row?.shown[4]).toContain(want.slice(0, 10).join(', '));
    }
  });
});

describe('reading a tab in one call', () => {
  // A stand-in Sheet: what Google's getSheetValues(1, 1, -1, -1) gives a tab with no data at all is
  // not documented, so dataValues must cope with an empty answer or an error.
  const sheetAnswering = (sheetValues: () => unknown[][]) => {
    const used: string[] = [];
    const sheet = {
      getSheetValues: (...args: number[]) => {
        used.push(`getSheetValues(${args.join(', ')})`);
        return sheetValues();
      },
      getDataRange: () => {
        used.push('getDataRange');
        return { getValues: () => [['']] };
      },
    } as unknown as GoogleAppsScript.Spreadsheet.Sheet;
    return { sheet, used };
  };

  test('the values of getSheetValues(1, 1, -1, -1), with no second read', () => {
    const { sheet, used } = sheetAnswering(() => [
      ['Name', 'Goal'],
      ['Ana', 4],
    ]);
    expect(dataValues(sheet)).toEqual([
      ['Name', 'Goal'],
      ['Ana', 4],
    ]);
    expect(used).toEqual(['getSheetValues(1, 1, -1, -1)']);
  });

  test('an empty answer or an error falls back to getDataRange().getValues()', () => {
    for (const answer of [
      () => [],
      () => {
        throw new Error('The number of rows in the range must be at least 1.');
      },
    ]) {
      const { sheet, used } = sheetAnswering(answer);
      expect(dataValues(sheet)).toEqual([['']]);
      expect(used).toEqual(['getSheetValues(1, 1, -1, -1)', 'getDataRange']);
    }
  });
});

describe('what the rebuild writes', () => {
  test('only the Summary tab changes; other tabs are exactly as before', () => {
    const after = school.workbook.snapshot() as { name: string }[];
    expect(after.map((s) => s.name)).toEqual(before.map((s) => s.name));
    expect(after.filter((s) => s.name !== 'Summary')).toEqual(before.filter((s) => s.name !== 'Summary'));
    expect(tab.values.flat()).not.toContain('Principal typed this by hand');
  });

  test('a header note says hand edits are replaced', () => {
    expect(textOf(tab.values[1]?.[0])).toMatch(/Hand edits on this tab are replaced/);
    const cells = (
      school.workbook.snapshot() as { name: string; cells: [string, Record<string, unknown>][] }[]
    )
      .find((s) => s.name === 'Summary')
      ?.cells.find(([at]) => at === '0:0')?.[1];
    expect(String(cells?.note)).toMatch(/replaced at the next rebuild/);
  });

  test('one read per table and one write, as many service calls at 50 call rows as at 5,000', () => {
    const small = buildSchool(21, 50);
    const big = buildSchool(22, 5000, 1500);
    const [a, b] = [rebuild(small), rebuild(big)];
    expect(b.calls).toEqual(a.calls);
    expect(b.spreadsheetCalls).toBe(a.spreadsheetCalls);
    // Settings, Teachers, Families, Call Log, Check-ins: one getSheetValues each (what
    // getDataRange().getValues() returns, in one call); one setValues.
    expect(a.calls['Sheet.getSheetValues']).toBe(5);
    expect(a.calls['Sheet.getDataRange'] ?? 0).toBe(0);
    expect(a.calls['Range.getValues'] ?? 0).toBe(0);
    expect(a.calls['Range.setValues']).toBe(1);
    expect(run.calls['Range.setValues']).toBe(1);
  });

  test('the first rebuild writes each kind of format in one call for the whole tab, in 38 Spreadsheet calls at both sizes', () => {
    // Range.setWraps, setNumberFormats, setBackgrounds... take one grid for the whole block
    // (developers.google.com/apps-script/reference/spreadsheet/range#setwrapswraps), and
    // Sheet.setColumnWidths one run of equal widths
    // (developers.google.com/apps-script/reference/spreadsheet/sheet#setcolumnwidthsstartcolumn,-numcolumns,-width).
    const small = rebuild(buildSchool(23, 50, 40, 4));
    const big = rebuild(buildSchool(24, 4000, 1200, 40));
    for (const r of [small, big]) {
      for (const kind of [
        'setNumberFormats',
        'setFontWeights',
        'setBackgrounds',
        'setFontColors',
        'setNotes',
      ])
        expect(r.calls[`Range.${kind}`]).toBe(1);
      expect(r.calls['Range.setWraps']).toBe(1);
      expect(r.calls['Range.setWrap'] ?? 0).toBe(0);
      expect(r.calls['Sheet.setColumnWidths']).toBe(4);
      expect(r.calls['SpreadsheetApp.getActiveSpreadsheet']).toBe(1);
    }
    expect(big.calls).toEqual(small.calls);
    // Was 50, then 45, 40: the reads are 13 of them (getSheetByName and getSheetValues per tab), the
    // chart 9 (the emulator counts each EmbeddedChartBuilder call, as Apps Script bills them), the
    // widths 4; the tab is large enough, so its size is not asked (src/server/sheet-size.ts).
    expect(small.spreadsheetCalls).toBe(38);
    expect(big.spreadsheetCalls).toBe(38);
  });

  /** The Spreadsheet calls of a run, by method (Properties, Lock and the rest left out). */
  const spreadsheetCallsOf = (r: { calls: Record<string, number> }) =>
    Object.fromEntries(
      Object.entries(r.calls).filter(([name]) =>
        /^(SpreadsheetApp|Spreadsheet|Sheet|Range|EmbeddedChart|EmbeddedChartBuilder)\./.test(name),
      ),
    );

  test('a rebuild whose layout keeps its place, chart, widths and formats standing: 20 Spreadsheet calls from the menu, 18 from the sidebar, at both sizes', () => {
    const read = {
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 6, // Summary, Settings and the four tables
      'Sheet.getSheetValues': 5,
      'Spreadsheet.getSpreadsheetTimeZone': 1,
    };
    const write = {
      'Sheet.clearContents': 1, // the formats the layout needs are the ones on the tab: kept
      'Sheet.getRange': 1, // the tab is large enough: not asked for its size (src/server/sheet-size.ts)
      'Range.setValues': 1,
      'Sheet.getCharts': 1, // the chart still stands: kept
      'Sheet.getColumnWidth': 1, // column A is the layout's: the tab is the one dressed, widths kept
    };
    for (const s of [buildSchool(26, 50, 40, 4), buildSchool(27, 4000, 1200, 40)]) {
      rebuild(s);
      const menu = rebuild(s);
      expect(spreadsheetCallsOf(menu)).toEqual({
        ...read,
        ...write,
        'Sheet.activate': 1,
        'Spreadsheet.toast': 1,
      });
      expect(menu.spreadsheetCalls).toBe(20);
      const sidebar = s.emu.run('refreshSummary', [], { user: 'teacher5@school.example' });
      expect(sidebar.result).toMatchObject({ rebuilt: true });
      // The sidebar's rebuild runs in the background of a teacher's save: no tab to show, no toast.
      expect(spreadsheetCallsOf(sidebar)).toEqual({ ...read, ...write });
      expect(sidebar.spreadsheetCalls).toBe(18);
    }
  });

  test('a rebuild that puts the weekly table where it was keeps its chart, widths and formats (18 calls fewer); one that moves it replaces the chart only', () => {
    type Chart = { ranges: string[]; position: number[] };
    const s = buildSchool(25, 300, 80, 6);
    const charts = () =>
      (s.workbook.snapshot() as { name: string; charts: Chart[] }[]).find((x) => x.name === 'Summary')
        ?.charts ?? [];
    const weeklyRange = () => {
      const header = summaryTab(s.workbook).rowOf('Week of (Monday)') + 1;
      return `Summary!A${header}:C${header + expectedFrom(s.workbook, s.today).weeks.length}`;
    };
    const first = rebuild(s);
    const again = rebuild(s);
    // 9 chart calls, 4 setColumnWidths and 6 format calls fewer, one getColumnWidth more (the first
    // run had no record of a dressed tab to check).
    expect(again.spreadsheetCalls).toBe(first.spreadsheetCalls - 18);
    expect(again.calls['Sheet.insertChart'] ?? 0).toBe(0);
    expect(again.calls['Sheet.setColumnWidths'] ?? 0).toBe(0);
    expect(charts().map((c) => c.ranges)).toEqual([[weeklyRange()]]);
    // A new teacher row moves the weekly table down one row: the chart follows it.
    s.workbook.appendRows('Teachers', [['Odile Haverly', 'odile.haverly@school.example', 4]]);
    const moved = rebuild(s);
    expect(moved.calls['Sheet.insertChart']).toBe(1);
    expect(moved.calls['Sheet.removeChart']).toBe(1);
    expect(moved.calls['Sheet.setColumnWidths'] ?? 0).toBe(0);
    // The chart again (10: removed and built) and the formats, which moved with the table (6).
    expect(moved.spreadsheetCalls).toBe(again.spreadsheetCalls + 16);
    expect(charts().map((c) => c.ranges)).toEqual([[weeklyRange()]]);
  });

  test('a rebuild that keeps the chart, widths and formats leaves the same tab as one from scratch, and a remade tab or a changed column A gets the widths again', () => {
    type Tab = { name: string; widths: [number, number][] };
    const summaryOf = (w: Workbook) => {
      const tab = (w.snapshot() as Tab[]).find((x) => x.name === 'Summary');
      // The one cell that differs between two rebuilds: the minute it ran.
      return JSON.stringify(tab, (_k, v) =>
        typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(/.test(v) ? 'when' : v,
      );
    };
    const addedTeacher = ['Odile Haverly', 'odile.haverly@school.example', 4];
    // An attempt typed below the log: the last call again, as No answer.
    const logAttempt = (w: Workbook) => {
      const [header = [], ...rows] = w.values('Call Log');
      const attempt = [...(rows[rows.length - 1] ?? [])];
      attempt[header.indexOf('Outcome')] = 'No answer';
      attempt[header.indexOf('Submission ID')] = 'typed-attempt-1';
      w.appendRows('Call Log', [attempt]);
    };
    const kept = buildSchool(28, 300, 80, 6);
    rebuild(kept);
    kept.workbook.appendRows('Teachers', [addedTeacher]);
    rebuild(kept);
    logAttempt(kept.workbook);
    const refresh = kept.emu.run('refreshSummary', [], { user: 'teacher5@school.example' });
    // The attempt changed figures, not where blocks sit: values written, formats kept but the notes
    // that quote figures.
    expect(refresh.calls['Sheet.clearContents']).toBe(1);
    for (const kind of ['setNumberFormats', 'setFontWeights', 'setBackgrounds', 'setFontColors', 'setWraps'])
      expect(refresh.calls[`Range.${kind}`] ?? 0).toBe(0);
    const fresh = buildSchool(28, 300, 80, 6);
    fresh.workbook.appendRows('Teachers', [addedTeacher]);
    logAttempt(fresh.workbook);
    rebuild(fresh);
    expect(summaryOf(kept.workbook)).toBe(summaryOf(fresh.workbook));
    const widths = () =>
      (kept.workbook.snapshot() as Tab[]).find((x) => x.name === 'Summary')?.widths.map(([, w]) => w);
    const layoutWidths = widths();
    expect(layoutWidths).toHaveLength(10);

    // The principal deletes the tab and adds a blank one of the same name: widths written again.
    kept.workbook.removeSheet(kept.workbook.requireSheet('Summary'));
    kept.workbook.setSheet('Summary', []);
    expect(rebuild(kept).calls['Sheet.setColumnWidths']).toBe(4);
    expect(widths()).toEqual(layoutWidths);

    // Column A narrowed by hand: put back with the rest.
    kept.workbook.requireSheet('Summary').widths.set(1, 50);
    expect(widths()?.[0]).toBe(50);
    expect(rebuild(kept).calls['Sheet.setColumnWidths']).toBe(4);
    expect(widths()).toEqual(layoutWidths);
  });

  test.each([
    [
      'a renamed tab',
      (w: Workbook) => {
        w.setSheet('Check ins', w.values('Check-ins'));
        w.removeSheet(w.requireSheet('Check-ins'));
      },
      /"Check-ins" tab is missing/,
    ],
    [
      'a renamed column',
      (w: Workbook) => {
        const rows = w.values('Call Log');
        (rows[0] as unknown[])[(rows[0] as unknown[]).indexOf('Outcome')] = 'Result';
        w.setSheet('Call Log', rows);
      },
      /"Call Log" tab has no "Outcome" column/,
    ],
  ])('%s: a sentence naming what to fix, and nothing is written', (_what, breakIt, message) => {
    const s = buildSchool(31, 40);
    breakIt(s.workbook);
    const snapshot = s.workbook.snapshot();
    const menu = s.emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(menu.error).toBeUndefined();
    expect(menu.ui.alerts).toHaveLength(1);
    expect(menu.ui.alerts[0]?.prompt).toMatch(message);
    expect(menu.ui.alerts[0]?.prompt).toMatch(/nothing was changed/i);
    expect(menu.calls['Range.setValues'] ?? 0).toBe(0);
    // The sidebar's refresh after a logged call says the same, without a dialog.
    const sidebar = s.emu.run('refreshSummary', [], { user: 'teacher5@school.example' });
    expect(sidebar.result).toMatchObject({ rebuilt: false, message: expect.stringMatching(message) });
    expect(s.workbook.snapshot()).toEqual(snapshot);
  });
});

describe('readable', () => {
  // The laptop a principal opens it on: 1,366 x 768, the most common school laptop and Chromebook
  // screen. Below Chrome's bars, Sheets' menus, toolbar, formula bar and column letters, and above
  // the tab bar and the system shelf, about 430 px show: 20 rows of 21 px. Across, 1,366 px less the
  // row numbers (46 px) and the scroll bar leave about 1,300 px. Text is Arial 10, about 6.5 px a
  // character on average (digits and capitals a little more, spaces less).
  const VISIBLE_ROWS = 20;
  const VISIBLE_WIDTH = 1300;
  const CHAR_PX = 6.5;
  const summarySheet = () =>
    (
      school.workbook.snapshot() as {
        name: string;
        widths: [number, number][];
        cells: [string, Record<string, unknown>][];
      }[]
    ).find((s) => s.name === 'Summary');
  const headlineRows = () => tab.values.slice(0, headlineEnd(tab.values));

  test(`the headline block ends within the first ${VISIBLE_ROWS} rows`, () => {
    expect(headlineRows().length).toBeLessThanOrEqual(VISIBLE_ROWS);
    expect(textOf(tab.values[tab.rowOf('At a glance') + 1]?.[0])).toBe(
      'Teachers who met or exceeded their goal',
    );
  });

  test('every headline cell can be read on that screen: not cut by its neighbour, not past the edge', () => {
    const widths = new Map(summarySheet()?.widths ?? []);
    const widthOf = (c: number) => widths.get(c + 1) ?? 100; // c is 0-based; Sheets' default is 100 px
    headlineRows().forEach((_row, r) => {
      const shown = tab.shown[r] as string[];
      const filled = shown.map((s, c) => (s === '' ? -1 : c)).filter((c) => c >= 0);
      filled.forEach((c, i) => {
        const left = Array.from({ length: c }, (_, k) => widthOf(k)).reduce((a, b) => a + b, 0);
        const next = filled[i + 1];
        // Text spills over empty neighbours; the next filled cell (or the screen's edge) cuts it.
        const room =
          next === undefined
            ? VISIBLE_WIDTH - left
            : Array.from({ length: next - c }, (_, k) => widthOf(c + k)).reduce((a, b) => a + b, 0);
        const text = shown[c] as string;
        if (text.length * CHAR_PX > room) throw new Error(`Row ${r + 1}, column ${c + 1} is cut: "${text}"`);
      });
    });
  });

  // A principal's first screen: the rows a laptop shows without scrolling at any row height.
  const FIRST_SCREEN = 15;
  const cellProps = (r: number, c: number) =>
    summarySheet()?.cells.find(([at]) => at === `${r}:${c}`)?.[1] ?? {};

  test(`the gap sentences are in rows 1-${FIRST_SCREEN}, whole: their cell wraps, so no edge cuts them`, () => {
    for (const [label, heading] of [
      ['Reach by language', 'Reach by preferred language'],
      ['Reach by grade', 'Reach by grade'],
    ] as const) {
      const r = tab.rowOf(label);
      expect(r + 1).toBeLessThanOrEqual(FIRST_SCREEN);
      const sentence = textOf(tab.section(heading).pop()?.values[0]);
      expect(sentence).toMatch(/percentage points|same rate|no gap/);
      expect(textOf(tab.values[r]?.[0])).toBe(`${label}: ${sentence}`);
      // A wrapped cell breaks its text onto new lines instead of running past the cell's edge
      // (WrapStrategy.WRAP, developers.google.com/apps-script/reference/spreadsheet/wrap-strategy);
      // the row's height then follows its text unless someone set that row's height by hand.
      expect(cellProps(r, 0).wrap).toBe(true);
    }
    for (const label of [
      'Teachers who met or exceeded their goal',
      'Families with no attempt yet',
      'Follow-ups overdue',
      'Teachers not started',
    ])
      expect(tab.rowOf(label) + 1).toBeLessThanOrEqual(FIRST_SCREEN);
  });

  test('every headline figure has a note that states what it is counted out of', () => {
    const families = expected.familiesReached[1] as number;
    const teachers = expected.teachersAtGoal[1] as number;
    const denominators: Record<string, number> = {
      'Teachers who met or exceeded their goal': teachers,
      'Families reached': families,
      'Families with no attempt yet': families,
      'Families tried but not reached yet': families,
      'Teachers not started': teachers,
      'Follow-ups overdue': expected.followUpsOpen,
      Conversations: expected.calls,
      'Conversations in the family’s language or interpreted': expected.inLanguage[1] as number,
      'Conversations with strengths recorded': expected.strengths[1] as number,
    };
    const start = tab.rowOf('At a glance') + 1;
    const figures = headlineRows()
      .map((row, i) => ({ r: i, label: textOf(row[0]), value: row[1] }))
      .filter(({ r, value }) => r >= start && typeof value === 'number');
    expect(figures.length).toBeGreaterThanOrEqual(Object.keys(denominators).length);
    for (const { r, label } of figures) {
      const note = String(cellProps(r, 1).note ?? '');
      expect(note).toMatch(/out of|divided by|rows of/i);
      const of = denominators[label];
      if (of !== undefined) expect(note).toContain(of.toLocaleString('en-US'));
    }
  });

  test('no ranking words anywhere on the Summary', () => {
    const text = tab.shown.flat().join('\n');
    for (const word of [
      /support first/i,
      /needs? support/i,
      /\bworst\b/i,
      /\blowest\b/i,
      /\bbottom\b/i,
      /\branked?\b/i,
      /\blagging\b/i,
      /\bbehind\b/i,
    ])
      expect(text).not.toMatch(word);
  });

  test('no family notes or names in the headline area', () => {
    const notes = records(school.workbook, 'Call Log').flatMap((r) =>
      ['Strengths the Family Sees', 'Family Hopes', 'What I Learned', 'Follow-up Needed'].map((h) =>
        textOf(r.get(h)),
      ),
    );
    const students = records(school.workbook, 'Families').map((r) => textOf(r.get('Student Name')));
    const forbidden = new Set([...notes, ...students].filter((t) => t.length > 2));
    const text = headlineRows().flat().map(textOf).join('\n');
    for (const f of forbidden) expect(text.includes(f)).toBe(false);
  });

  test('every status colour is paired with a word', () => {
    const cells = summarySheet()?.cells ?? [];
    const coloured = cells.filter(([, p]) => p.background && p.background !== '#ffffff');
    expect(coloured.length).toBeGreaterThan(0);
    const bandColour = (r: number) => cells.find(([at]) => at === `${r}:0`)?.[1].background ?? '#ffffff';
    for (const [at, p] of coloured) {
      const [r = 0, c = 0] = at.split(':').map(Number);
      // A section's heading band colours its empty cells too; everywhere else a colour holds a word.
      if (textOf(tab.values[r]?.[c]) === '') expect(bandColour(r)).toBe(p.background);
      else expect(textOf(tab.shown[r]?.[c])).toMatch(/\p{L}|\d/u);
    }
    // The status words themselves, each with a colour.
    for (const row of tab.section('Teachers and their goals').filter((x) => x.values[1] !== '')) {
      expect(['Not started', 'In progress', 'Met', 'Exceeded']).toContain(row.shown[7]);
    }
  });

  test('numbers are formatted: thousands separators, whole percents, ISO dates, one decimal', () => {
    const numeric = tab.values.flatMap((row, r) =>
      row
        .map((v, c) => ({ v, shown: tab.shown[r]?.[c] ?? '' }))
        .filter(({ v }) => typeof v === 'number' || isDateValue(v)),
    );
    expect(numeric.length).toBeGreaterThan(50);
    for (const { shown } of numeric)
      expect(shown).toMatch(/^(\d{1,3}(,\d{3})*|\d+%|\d{4}-\d{2}-\d{2}|\d+\.\d)$/);
    const big = buildSchool(51, 1200, 200, 20);
    rebuild(big);
    const calls = summaryTab(big.workbook).headline('Conversations').shown[4];
    expect(calls).toMatch(/^from \d,\d{3} calls/);
  });
});

describe('kept fresh', () => {
  let n = 0;
  const logged = (studentId: string, outcome = 'Reached') => ({
    submissionId: `5d1c2a90-7e4b-4f0a-9c3d-${String(++n).padStart(12, '0')}`,
    studentId,
    callDate: todayIso(),
    personReached: 'Marisol Quarry',
    relationship: 'Mother',
    method: 'Phone',
    outcome,
    language: 'Spanish',
    interpreterUsed: false,
    strengths: 'Draws comics',
    hopes: 'Make a friend',
    learned: 'Prefers texts first',
    followUp: '',
    followUpBy: '',
    saveToFamily: false,
  });

  test('refreshes that overlap after logged calls collapse into fewer rebuilds, and the last one includes every call', async () => {
    const s = buildSchool(61, 3000, 400, 20);
    rebuild(s);
    const saves = await s.emu.runConcurrently(
      ['F010', 'F011', 'F012'].map((id, i) => ({
        fn: 'logCall',
        args: [logged(id)],
        user: `teacher${i + 5}@school.example`,
      })),
    );
    for (const save of saves) expect(save.error).toBeUndefined();

    const refreshes = await s.emu.runConcurrently(
      Array.from({ length: 4 }, (_, i) => ({ fn: 'refreshSummary', user: `teacher${i + 5}@school.example` })),
    );
    for (const r of refreshes) expect(r.error).toBeUndefined();
    const results = refreshes.map((r) => r.result as { rebuilt: boolean; message: string });
    const passes = refreshes.reduce((sum, r) => sum + (r.calls['Range.setValues'] ?? 0), 0);
    expect(passes).toBeGreaterThanOrEqual(1);
    expect(passes).toBeLessThan(refreshes.length);
    expect(results.some((r) => r.rebuilt)).toBe(true);
    for (const r of results.filter((x) => !x.rebuilt)) expect(r.message).toMatch(/being rebuilt right now/);

    const want = expectedFrom(s.workbook, s.today);
    expect(summaryTab(s.workbook).headline('Conversations').values[1]).toBe(want.conversations);
    expect(summaryTab(s.workbook).headline('Families reached').values.slice(1, 3)).toEqual(
      want.familiesReached,
    );

    // Nothing is left holding the refresh: the next one rebuilds at once.
    const later = s.emu.run('refreshSummary', [], { user: 'teacher5@school.example' });
    expect(later.result).toMatchObject({ rebuilt: true });
  });

  test('the daily refresh: on records one time trigger (twice still one), its run rebuilds, off removes it', () => {
    const s = buildSchool(71, 80);
    const on = () =>
      s.emu.run('turnOnDailySummaryRefresh', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    const first = on();
    expect(first.error).toBeUndefined();
    expect(first.ui.alerts[0]?.prompt).toMatch(/Daily refresh is on/);
    expect(s.emu.triggers).toHaveLength(1);
    const [trigger] = s.emu.triggers;
    expect(trigger).toMatchObject({
      handlerFunction: 'refreshSummaryDaily',
      eventType: 'CLOCK',
      owner: PRINCIPAL,
    });
    expect(trigger?.schedule).toMatchObject({ everyDays: 1 });

    expect(on().ui.alerts[0]?.prompt).toMatch(/already on/);
    expect(s.emu.triggers).toHaveLength(1);

    const fired = s.emu.fireTrigger(trigger?.id as string);
    expect(fired.error).toBeUndefined();
    const want = expectedFrom(s.workbook, s.today);
    expect(summaryTab(s.workbook).headline('Conversations').values[1]).toBe(want.conversations);
    expect(s.workbook.values('Summary').flat()).not.toContain('Principal typed this by hand');

    const off = s.emu.run('turnOffDailySummaryRefresh', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(off.ui.alerts[0]?.prompt).toMatch(/Daily refresh is off/);
    expect(s.emu.triggers).toHaveLength(0);
    const again = s.emu.run('turnOffDailySummaryRefresh', [], {
      user: PRINCIPAL,
      answers: [{ button: 'OK' }],
    });
    expect(again.ui.alerts[0]?.prompt).toMatch(/already off/);
  });

  test('two principals: each turns on their own, and off removes only the caller’s', () => {
    const s = buildSchool(72, 30);
    const menu = (fn: string, user: string) =>
      s.emu.run(fn, [], { user, answers: [{ button: 'OK' }] }).ui.alerts[0]?.prompt ?? '';
    const ASSISTANT = 'assistant.principal@school.example';
    menu('turnOnDailySummaryRefresh', PRINCIPAL);
    menu('turnOnDailySummaryRefresh', ASSISTANT);
    menu('turnOnDailySummaryRefresh', ASSISTANT);
    expect(s.emu.triggers.map((t) => t.owner).sort()).toEqual([ASSISTANT, PRINCIPAL]);

    expect(menu('turnOffDailySummaryRefresh', PRINCIPAL)).toMatch(/Daily refresh is off/);
    expect(s.emu.triggers.map((t) => t.owner)).toEqual([ASSISTANT]);
    expect(menu('turnOffDailySummaryRefresh', PRINCIPAL)).toMatch(/colleague/);
    expect(s.emu.triggers).toHaveLength(1);
    expect(menu('turnOffDailySummaryRefresh', ASSISTANT)).toMatch(/Daily refresh is off/);
    expect(s.emu.triggers).toHaveLength(0);
  });

  test('the trigger scope is asked for and the README says why', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.scriptapp');
    for (const scope of manifest.oauthScopes) {
      const name = scope.replace('https://www.googleapis.com/auth/', '');
      expect(readme).toMatch(new RegExp(`\\| \`${name.replace('.', '\\.')}\` \\| .{20,}`));
    }
  });
});

describe('the Check-ins tab', () => {
  test('exists after set-up with its columns, and its newest date per teacher is the last check-in', () => {
    const workbook = new Workbook({ name: 'Quarry Hill Elementary', timeZone: TZ });
    workbook.setSheet('Sheet1', []);
    const emu = new Emulator({ bundleDir: DIST, workbook });
    const setup = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(setup.error).toBeUndefined();
    expect(workbook.values('Check-ins')[0]).toEqual([
      'Date',
      'Teacher Email',
      "What's Working",
      'Next Step',
      'By',
    ]);

    workbook.appendRows('Teachers', [
      ['Odile Haverly', 'odile.haverly@school.example', 4],
      ['Bram Nakashima', 'bram.nakashima@school.example', 4],
    ]);
    workbook.appendRows('Check-ins', [
      [
        '2026-09-20',
        'odile.haverly@school.example',
        'Calls after 5 pm',
        'Try two Spanish-speaking families',
        'Principal',
      ],
      ['2026-10-02', 'ODILE.HAVERLY@school.example', 'Texts first, then a call', 'Keep going', 'Coach'],
      ['2026-09-25', 'odile.haverly@school.example', 'Short calls', '', 'Principal'],
    ]);
    const rebuilt = emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL });
    expect(rebuilt.error).toBeUndefined();
    const rows = summaryTab(workbook).section('Teachers and their goals');
    const lastCheckIn = Object.fromEntries(rows.map((r) => [r.shown[0], r.shown[9]]));
    expect(lastCheckIn).toEqual({ 'Odile Haverly': '2026-10-02', 'Bram Nakashima': 'none yet' });
  });
});
