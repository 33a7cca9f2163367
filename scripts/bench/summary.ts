/**
 * The Summary rebuild's compute part in Node: the tables' values (as one getValues each would return
 * them) to typed records, every figure, and the whole tab's block of cells. Apps Script stops a run
 * after 6 minutes; the target here is under 2 s at 50,000 call rows.
 */
import { CALL_LOG, CHECK_INS, FAMILIES, headerKey, type TableSpec, TEACHERS } from '../../src/common/schema';
import { readCalls, readCheckIns, readFamilies, readTeachers, type TableLike } from '../../src/core/records';
import type { SchoolSettings } from '../../src/core/settings';
import { computeSummary } from '../../src/core/summary';
import { layoutSummary } from '../../src/core/summary-layout';
import { type DemoValue, dataHeaders, generateDemoSchool, toRows } from '../demo-data';
import { benchCase } from './case';

const TZ = 'America/New_York';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rows as getValues returns them: date cells are Date objects (midnight in the sheet's time zone). */
function table(spec: TableSpec, rows: DemoValue[][]): TableLike {
  const headers = dataHeaders(spec).map(headerKey);
  const dated = rows.map((row) =>
    row.map((v) => (typeof v === 'string' && ISO_DATE.test(v) ? new Date(`${v}T05:00:00Z`) : v)),
  );
  return { rows: dated, column: (h) => headers.indexOf(headerKey(h)) };
}

function computeCase(calls: number, teachers: number, families: number) {
  return benchCase({
    name: 'summary: compute every figure and the tab block (records -> figures -> layout)',
    size: `${teachers} teachers x ${families} families x ${calls} calls`,
    runs: 5,
    setup: () => {
      const school = generateDemoSchool({ teachers, families, calls, days: 120, messy: true, languages: 5 });
      const settings: SchoolSettings = {
        schoolName: String(school.settings.schoolName),
        schoolYear: String(school.settings.schoolYear),
        windowStart: school.window.start,
        windowEnd: school.window.end,
        defaultGoal: 10,
        goalCounts: 'Conversations',
        schoolGoal: 0.6,
      };
      return {
        settings,
        tables: {
          teachers: table(TEACHERS, toRows(TEACHERS, school.teachers)),
          families: table(FAMILIES, toRows(FAMILIES, school.families)),
          calls: table(CALL_LOG, toRows(CALL_LOG, school.calls)),
          checkIns: table(CHECK_INS, toRows(CHECK_INS, school.checkIns)),
        },
        today: school.window.end,
      };
    },
    measure: ({ settings, tables, today }) => {
      const figures = computeSummary({
        settings,
        teachers: readTeachers(tables.teachers, TZ),
        families: readFamilies(tables.families, TZ),
        calls: readCalls(tables.calls, TZ),
        checkIns: readCheckIns(tables.checkIns, TZ),
        today,
      });
      const layout = layoutSummary(figures, { rebuiltAt: `${today} 06:00`, timeZone: TZ });
      if (!layout.height) throw new Error('empty summary');
      return undefined;
    },
  });
}

export const summaryCases = [computeCase(5_000, 100, 1_500), computeCase(50_000, 120, 1_500)];
