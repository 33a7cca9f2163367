/**
 * The Summary tab's block of cells: readable (headline first, no family notes there, colour always
 * with a word, numbers formatted) and safe (every string written as text, one rectangular block).
 */

import { messySchool, SPECS, tableRows, type Value } from '../../scripts/fixtures/messy-school';
import { dateSerial } from '../../src/core/dates';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import { parseSettings } from '../../src/core/settings';
import {
  CHART_ROWS,
  computeSummary,
  layoutSummary,
  SECTION,
  STATUS_FILL,
  SUMMARY_WIDTH,
} from '../../src/core/summary';

const TZ = 'America/New_York';
const tableLike = (values: Value[][]): TableLike => {
  const headers = (values[0] ?? []).map((h) => String(h).toLowerCase());
  return { rows: values.slice(1), column: (h) => headers.indexOf(h.toLowerCase()) };
};

const school = messySchool({ seed: 11 });
const settings = parseSettings(
  [
    ['Setting', 'Value'],
    ['School name', '=Maple "Test" School'],
    ['Call window start', school.settings.windowStart],
    ['Call window end', school.settings.windowEnd],
  ],
  TZ,
).settings;
const calls = readCalls(tableLike(tableRows(SPECS.calls, school.calls)), TZ);
const figures = computeSummary({
  settings,
  teachers: readTeachers(tableLike(tableRows(SPECS.teachers, school.teachers)), TZ),
  families: readFamilies(tableLike(tableRows(SPECS.families, school.families)), TZ),
  calls,
  checkIns: readCheckIns(tableLike(tableRows(SPECS.checkIns, school.checkIns)), TZ),
  today: '2026-10-14',
});
const layout = layoutSummary(figures, { rebuiltAt: '2026-10-14 06:02', timeZone: TZ });
/** What a person sees in a cell: the encoder's apostrophe is not part of the value. */
const shown = (v: string | number) => (typeof v === 'string' ? v.replace(/^'/, '') : v);
const rowOf = (label: string) =>
  layout.values.findIndex((r) => {
    const text = String(shown(r[0] as string));
    return text === label || text.startsWith(`${label}: `);
  });

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('the Summary block', () => {
  test('is one rectangle: values and every format array have the same shape', () => {
    expect(layout.values).toHaveLength(layout.height);
    for (const grid of [
      layout.values,
      layout.numberFormats,
      layout.fontWeights,
      layout.backgrounds,
      layout.fontColors,
    ]) {
      expect(grid).toHaveLength(layout.height);
      for (const row of grid) expect(row).toHaveLength(SUMMARY_WIDTH);
    }
  });

  test('every written cell reads at WCAG AA contrast (4.5:1) against its fill', () => {
    const weak: string[] = [];
    layout.values.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === '') return;
        const ratio = contrast(
          layout.fontColors[r]?.[c] ?? '#000000',
          layout.backgrounds[r]?.[c] ?? '#ffffff',
        );
        if (ratio < 4.5) weak.push(`row ${r + 1} column ${c + 1}: ${ratio.toFixed(2)}`);
      });
    });
    expect(weak).toEqual([]);
  });

  test('every string is written as text, so a name or note starting with = never becomes a formula', () => {
    for (const row of layout.values) {
      for (const v of row) if (typeof v === 'string' && v !== '') expect(v.startsWith("'")).toBe(true);
    }
    const title = shown(layout.values[0]?.[0] as string);
    expect(title).toBe('Relationship calls summary: =Maple "Test" School');
    const teacherCells = layout.values.flat().map((v) => shown(v));
    expect(teacherCells).toContain('=HYPERLINK("x")');
  });

  /** The headline ends at its first blank row after the "At a glance" header. */
  const headlineEnd = () =>
    layout.values.findIndex((r, i) => i > rowOf('At a glance') && r.every((v) => v === ''));

  test('the first 15 rows answer: on track, families nobody reached, the gaps whole, what to do this week', () => {
    expect(shown(layout.values[1]?.[0] as string)).toMatch(/Hand edits on this tab are replaced/);
    for (const label of [
      'Teachers who met or exceeded their goal',
      'Families with no attempt yet',
      'Families tried but not reached yet',
      'Reach by language',
      'Reach by grade',
      'Follow-ups overdue',
      'Teachers not started',
    ])
      expect(rowOf(label) + 1).toBeLessThanOrEqual(15);
    // The gap sentences wrap inside their cell, so the whole sentence shows however long it is.
    for (const label of ['Reach by language', 'Reach by grade']) {
      const row = rowOf(label) + 1;
      expect(layout.wrapped.some(([r, c, nr]) => c === 1 && r <= row && row < r + nr)).toBe(true);
      expect(shown(layout.values[row - 1]?.[0] as string)).toBe(
        `${label}: ${label.endsWith('language') ? figures.languageGap : figures.gradeGap}`,
      );
    }
    expect(rowOf('Last rebuilt')).toBeLessThan(5);
    expect(shown(layout.values[rowOf('Last rebuilt')]?.[1] as string)).toBe(`2026-10-14 06:02 (${TZ})`);
  });

  test('every headline figure has a note saying what it is counted out of', () => {
    const denominators: Record<string, number> = {
      'Teachers who met or exceeded their goal': figures.teachersAtGoal.of,
      'Families reached': figures.familiesReached.of,
      'Families with no attempt yet': figures.familiesReached.of,
      'Families tried but not reached yet': figures.familiesReached.of,
      'Follow-ups overdue': figures.followUpsOpen,
      'Teachers not started': figures.teachersAtGoal.of,
      Conversations: figures.calls,
      'Calls this week': figures.calls,
      'Conversations in the family’s language or interpreted': figures.inFamilyLanguage.of,
      'Conversations with strengths recorded': figures.strengthsRecorded.of,
    };
    const figureRows = layout.values
      .slice(rowOf('At a glance') + 1, headlineEnd())
      .map((r, i) => ({ r: rowOf('At a glance') + 1 + i, label: String(shown(r[0] as string)) }))
      .filter(({ r }) => typeof layout.values[r]?.[1] === 'number');
    expect(figureRows.length).toBeGreaterThanOrEqual(Object.keys(denominators).length);
    for (const { r, label } of figureRows) {
      const note = layout.notes[r]?.[1] ?? '';
      expect(note).not.toBe('');
      const of = denominators[label];
      if (of !== undefined) expect(note).toContain(of.toLocaleString('en-US'));
    }
    // 151 of 151 beside 152 conversations: the note says which conversations are counted.
    const lang = rowOf('Conversations in the family’s language or interpreted');
    expect(layout.notes[lang]?.[1]).toContain(
      `${figures.conversations.toLocaleString('en-US')} conversation`,
    );
  });

  test('nothing on the tab ranks teachers: a plain heading, in name order', () => {
    const all = layout.values.flat().map((v) => String(shown(v)));
    for (const word of [
      /support first/i,
      /\bneeds? support\b/i,
      /\bworst\b/i,
      /\bbottom\b/i,
      /\blowest\b/i,
      /\branked?\b/i,
    ])
      expect(all.some((t) => word.test(t))).toBe(false);
    const first = (layout.sections[SECTION.teachers] as number) + 1;
    const names = figures.teacherRows.map((_, i) =>
      String(shown(layout.values[first + i]?.[0] as string)).toLowerCase(),
    );
    expect(names).toEqual([...names].sort());
  });

  test('headline numbers match the figures and carry number formats', () => {
    const r = rowOf('Teachers who met or exceeded their goal');
    expect(layout.values[r]?.slice(1, 4)).toEqual([
      figures.teachersAtGoal.count,
      figures.teachersAtGoal.of,
      figures.teachersAtGoal.share,
    ]);
    expect(layout.numberFormats[r]?.slice(1, 4)).toEqual(['#,##0', '#,##0', '0%']);
    expect(layout.values[rowOf('Follow-ups overdue')]?.[1]).toBe(figures.followUpsOverdue);
    expect(layout.values[rowOf('Families with no attempt yet')]?.[1]).toBe(figures.noAttempt.length);
  });

  test('every status colour comes with its status word', () => {
    const header = layout.sections[SECTION.teachers] as number; // 1-based heading row
    const first = header + 1; // 0-based index of the first teacher row (heading, then column header)
    const statusCol = 7;
    for (let i = 0; i < figures.teacherRows.length; i++) {
      const t = figures.teacherRows[i];
      if (!t) continue;
      expect(shown(layout.values[first + i]?.[0] as string)).toBe(t.name);
      expect(shown(layout.values[first + i]?.[statusCol] as string)).toBe(t.status);
      expect(layout.backgrounds[first + i]?.[statusCol]).toBe(STATUS_FILL[t.status]);
    }
    // Anywhere else a coloured cell holds a word, except the blank cells of a section's heading band.
    const bands = new Set(Object.values(layout.sections).map((row) => row - 1));
    layout.backgrounds.forEach((row, r) => {
      row.forEach((fill, c) => {
        if (fill === '#ffffff' || bands.has(r)) return;
        expect(String(shown(layout.values[r]?.[c] as string)).trim()).not.toBe('');
      });
    });
  });

  test('dates are real dates, formatted as dates', () => {
    const r = rowOf('Week of (Monday)') + 1;
    expect(layout.values[r]?.[0]).toBe(dateSerial(figures.weeks[0]?.weekOf as string));
    expect(layout.numberFormats[r]?.[0]).toBe('yyyy-mm-dd');
    expect(dateSerial('1899-12-31')).toBe(1);
    expect(dateSerial('2026-09-01')).toBe(46266);
  });

  test('the chart covers the weekly table, and its section keeps room so it covers nothing else', () => {
    const chart = layout.chart;
    expect(chart).not.toBeNull();
    if (!chart) return;
    expect(shown(layout.values[chart.row - 1]?.[0] as string)).toBe('Week of (Monday)');
    expect(chart.numRows).toBe(figures.weeks.length + 1);
    const next = layout.sections[SECTION.followUps] as number;
    expect(next - (layout.sections[SECTION.weekly] as number)).toBeGreaterThanOrEqual(CHART_ROWS);
    // Nothing is written to the right of the weekly table, where the chart sits.
    for (let r = (layout.sections[SECTION.weekly] as number) + 1; r < next; r++) {
      expect(layout.values[r - 1]?.slice(chart.anchorColumn - 1).every((v) => v === '')).toBe(true);
    }
  });

  test('long lists come last, and the headline says where they start', () => {
    const order = Object.values(SECTION).map((title) => layout.sections[title] as number);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const note = shown(layout.values[rowOf('Families with no attempt yet')]?.[4] as string);
    expect(note).toBe(`listed from row ${layout.sections[SECTION.noAttempt]}`);
    expect(layout.notes[0]?.[0]).toMatch(/replaced at the next rebuild/);
  });
});
