/**
 * The emulator's formula engine follows Google Sheets (emulator/spreadsheet/sheets-rules.ts and
 * sheets-functions.ts). Each probe of the conformance kit (emulator/conformance/probes/formulas.ts)
 * runs here through dist-like bundle code in the emulator, and its answer is pinned to what Google's
 * reference says Sheets answers (the page is cited beside each probe and in SHEETS-BEHAVIOUR.md).
 * Shapes the emulator cannot vouch for are refused with a "Not emulated:" error, never guessed.
 * When emulator/conformance/sheets-results.json (answers from a real sheet) exists, every probe's
 * emulator answer must equal it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulateProbes, sheetsResults } from '../conformance/emulate';
import { PROBES } from '../conformance/index';
import type { ProbeResult } from '../conformance/probe';
import { Workbook } from '../spreadsheet';

jest.setTimeout(60_000);

let results: Map<string, ProbeResult>;
beforeAll(async () => {
  results = new Map((await emulateProbes()).map((r) => [r.id, r]));
});
const answer = (id: string) => {
  const result = results.get(id);
  if (!result) throw new Error(`no probe ${id}`);
  if (result.error) throw new Error(`${id} threw: ${result.error}`);
  return result.value;
};

/** The message of the error a formula computes to, in a fresh workbook with Sheets' rules. */
function errorMessage(setup: (string | number | null)[][], formula: string): string {
  const workbook = new Workbook({ timeZone: 'UTC' });
  workbook.setSheet('S', setup);
  const sheet = workbook.hf.getSheetId('S') as number;
  workbook.hf.setCellContents({ sheet, row: 0, col: 5 }, [[formula]]);
  const value = workbook.hf.getCellValue({ sheet, row: 0, col: 5 }) as { message?: string } | null;
  return value?.message ?? String(value);
}

describe('numbers and text', () => {
  test('numbers keep every digit of a double (HyperFormula rounded to 10 significant digits)', () => {
    expect(answer('formula.numbers-are-doubles')).toEqual([
      [1.2345678901234567, 1.2345678901234567],
      [1796159777214, 1796159777214],
    ]);
  });

  test('a plain-text ("@") column keeps ids as typed: "0042" stays "0042"', () => {
    expect(answer('formula.plain-text-keeps-ids')).toEqual([['0042'], ['1001']]);
  });

  test('text never equals a number in `=`, and date-like text is not a date in a comparison', () => {
    expect(answer('formula.equals-text-and-number-differ')).toEqual([[false], [false]]);
    expect(answer('formula.date-like-text-is-not-a-date-in-comparisons')).toEqual([[false]]);
  });
});

describe('criteria (COUNTIF: support.google.com/docs/answer/3093480)', () => {
  test('a number criterion matches numbers only; text "1001" is not the number 1001', () => {
    expect(answer('formula.countif-number-criterion-matches-numbers-only')).toEqual([[1]]);
  });

  test('a criterion "1001" (a string containing a number) matches the number and the same text', () => {
    expect(answer('formula.countif-numeric-text-criterion-matches-number-and-text')).toEqual([[2]]);
  });

  test('a text id from a cell matches the same id in any case, and no other', () => {
    expect(answer('formula.countif-text-id-criterion-from-a-cell')).toEqual([[2]]);
    expect(answer('formula.countifs-criteria-ignore-case')).toEqual([[2]]);
  });

  test('a date criterion counts date cells, not text that looks like a date', () => {
    expect(answer('formula.countif-date-criterion-skips-date-like-text')).toEqual([[1]]);
  });

  test('a text that equals a numeric criterion only as a number is refused, not guessed', () => {
    const message = errorMessage([["'0042"], ['x']], '=COUNTIF(A1:A2,"42")');
    expect(message).toMatch(/^Not emulated: a criterion "42" against the text "0042"/);
  });

  test('a whole-column range counts a row appended under it at once', () => {
    expect(answer('formula.whole-column-counts-appended-rows')).toEqual([[2]]);
  });
});

describe('ARRAYFORMULA (support.google.com/docs/answer/3093275)', () => {
  test('COUNTIF expands over an array of criteria, one count per row', () => {
    expect(answer('formula.arrayformula-countif-expands-over-criteria')).toEqual([[2], [1], [2]]);
  });

  test('MAXIFS over an array of criteria is refused: Sheets does not expand it', () => {
    expect(answer('formula.arrayformula-maxifs-does-not-expand')).toEqual([['#N/A'], ['#N/A'], ['#N/A']]);
    expect(errorMessage([['x', 1]], '=ARRAYFORMULA(MAXIFS(B1:B2,A1:A2,A1:A2))')).toMatch(
      /^Not emulated: MAXIFS over an array inside ARRAYFORMULA/,
    );
  });

  test('ROW over a range is refused (Sheets gives one row number per row; HyperFormula gave the first)', () => {
    expect((answer('formula.arrayformula-row-over-a-range') as unknown[][])[0]).toEqual(['#N/A']);
    expect(errorMessage([], '=ARRAYFORMULA(ROW(A2:A5))')).toMatch(/^Not emulated: ROW over a range/);
  });

  test('a blocked array result is #REF! and expands again once the blocking cell is cleared', () => {
    expect(answer('formula.blocked-array-is-ref-and-expands-when-cleared')).toEqual({
      blocked: '#REF!',
      cleared: [[2], [4], [6]],
    });
  });

  test('an array literal holding ranges recalculates when they change (HyperFormula kept its first values)', () => {
    expect(answer('formula.array-literal-with-ranges-recalculates')).toEqual([['Header'], ['z!'], ['b!']]);
  });

  test('constant array literals still work', () => {
    const workbook = new Workbook({ timeZone: 'UTC' });
    workbook.setSheet('S', [['={1,2;3,4}']]);
    expect(workbook.values('S')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('functions Sheets defines differently', () => {
  test('MAXIFS with no match is 0 (answer/7013817)', () => {
    expect(answer('formula.maxifs-no-match-is-zero')).toEqual([[0]]);
  });

  test('FILTER with no match is #N/A, and COUNTUNIQUE of it is the error, not 1 (answer/3093197)', () => {
    expect(answer('formula.filter-no-match-is-na')).toEqual([['#N/A']]);
    expect(answer('formula.countunique-of-no-match-is-an-error')).toEqual([['#N/A'], [0]]);
  });

  test('COUNTUNIQUE does not count blanks (answer/3093405)', () => {
    expect(answer('formula.countunique-skips-blanks')).toEqual([[2]]);
  });

  test('COUNTUNIQUEIFS counts distinct values under criteria, 0 when none match (answer/9584429)', () => {
    expect(answer('formula.countuniqueifs-distinct-under-criteria')).toEqual([[2], [0]]);
  });

  test("SORT takes Sheets' is_ascending TRUE/FALSE (answer/3093150)", () => {
    expect(answer('formula.sort-takes-is-ascending')).toEqual([
      ['c', 3],
      ['b', 2],
      ['a', 1],
    ]);
  });

  test('IF with a blank key gives empty text, as every per-row goal formula relies on', () => {
    expect(answer('formula.if-blank-key-gives-empty-text')).toEqual([[''], [1]]);
  });
});

describe('the conformance kit', () => {
  test('every formula probe ran and is pinned above', () => {
    const source = readFileSync(__filename, 'utf8');
    const formulaIds = PROBES.map((p) => p.id).filter((id) => id.startsWith('formula.'));
    expect(formulaIds.length).toBeGreaterThanOrEqual(20);
    for (const id of formulaIds) {
      expect(results.get(id)?.error).toBeUndefined();
      expect(source).toContain(`'${id}'`);
    }
  });

  test("answers from a real sheet, once committed, equal the emulator's; until then the README says so", () => {
    const real = sheetsResults();
    if (real) {
      for (const [id, result] of results) expect({ id, ...real[id] }).toEqual(result);
    } else {
      const readme = readFileSync(join(__dirname, '..', 'conformance', 'README.md'), 'utf8');
      expect(readme).toMatch(/checked against documentation only/);
    }
  });
});
