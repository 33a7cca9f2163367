/**
 * The Workbook's engine (emulator/spreadsheet/engine.ts) answers COUNTIFS, SUMIFS, MAXIFS... from an
 * index and refuses non-dates early. Its results must be HyperFormula's own: here the same sheets go
 * into a stock engine and ours, with messy values (case and accents, numbers as text, dates, booleans,
 * blanks, errors) and every kind of criterion, and must read the same after each edit, append, row
 * insertion and deletion.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { engineConfig, trackPasses } from '../spreadsheet/engine';
import { SHEETS_FUNCTION_PLUGINS } from '../spreadsheet/sheets-functions';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const TEXTS = [
  'Reached',
  'reached',
  'RÉACHED',
  'No answer',
  'ana@maple.example',
  'ANA@maple.example',
  'S1001',
];
const CELLS: RawCellContent[] = [
  ...TEXTS,
  '007',
  '7',
  7,
  7.5,
  0,
  -3,
  true,
  false,
  null,
  '',
  '2026-09-14',
  '=1/0',
];

function dataRow(rnd: () => number): RawCellContent[] {
  const pick = () => CELLS[Math.floor(rnd() * CELLS.length)] as RawCellContent;
  return [pick(), pick(), Math.floor(rnd() * 100), pick()];
}

const CRITERIA = [
  '"Reached"',
  '"reached"',
  '"Réached"',
  '"Reach*"',
  '"?eached"',
  '"<>Reached"',
  '">=5"',
  '"<7"',
  '"7"',
  '"007"',
  '7',
  'TRUE',
  '""',
  '"<>"',
  '"2026-09-14"',
  '">=2026-01-01"',
  '"ana@maple.example"',
  'A2',
];

function formulas(rows: number): RawCellContent[][] {
  const d = (c: string) => `Data!$${c}$2:$${c}$${rows + 1}`;
  const out: RawCellContent[][] = [];
  for (const criterion of CRITERIA) {
    out.push([
      `=COUNTIF(Data!A:A,${criterion})`,
      `=COUNTIFS(Data!A:A,${criterion},Data!B:B,"<>")`,
      `=SUMIFS(Data!C:C,Data!A:A,${criterion})`,
      `=SUMIF(${d('B')},${criterion},${d('C')})`,
      `=MAXIFS(Data!C:C,Data!A:A,${criterion},Data!D:D,"<>Reached")`,
      `=MINIFS(Data!C:C,Data!B:B,${criterion})`,
      `=IFERROR(AVERAGEIF(Data!A:A,${criterion},Data!C:C),"none")`,
    ]);
  }
  out.push(['=COUNTIFS(Data!E:E,">=100")', '=SUMIFS(Data!C:C,Data!E:E,"<50",Data!A:A,"Reached")']);
  // Whole columns read by many formulas (shared once per recalculation), as per-row formulas do.
  for (const key of ['"Reached"', 'A2', '"S1001"']) {
    out.push([
      `=IFERROR(COUNTUNIQUE(FILTER(Data!C:C,Data!A:A=${key},Data!E:E>=10)),0)`,
      `=SUM(Data!C:C)+COUNTA(Data!A:A)`,
      `=IFERROR(INDEX(Data!D:D,MATCH(${key},Data!A:A,0)),"none")`,
    ]);
  }
  // IF, which the engine evaluates lazily: blank keys, errors in the branch not taken, one branch.
  for (const row of [2, 3, 4, 5]) {
    out.push([
      `=IF(Data!A${row}="","",COUNTIFS(Data!A:A,Data!A${row}))`,
      `=IF(Data!C${row}>50,1/0,Data!C${row})`,
      `=IF(Data!B${row},"yes")`,
      `=IF(Data!A${row}="Reached",,"other")`,
      `=IFERROR(IF(Data!D${row},Data!C${row}*2,Data!C${row}),"err")`,
    ]);
  }
  // One array formula whose criteria are a range, as the add-on writes them.
  out.push(['=ARRAYFORMULA(COUNTIFS(Data!A:A,Data!$A$2:$A$30,Data!C:C,">=10"))']);
  // Mismatched sizes: an error either way.
  out.push(['=COUNTIFS(Data!A1:A5,"x",Data!B1:B6,"y")', '=COUNTIFS(Data!A:A,"<>x",{1;2},"y")']);
  return out;
}

function engines(rows: number) {
  const rnd = random(42);
  // Column E is computed, so a range of formula results changes during a recalculation too.
  const data = [
    ['Key', 'Other', 'Amount', 'Outcome', 'Double'],
    ...Array.from({ length: rows }, (_, i) => [...dataRow(rnd), `=IFERROR(C${i + 2}*2,0)`]),
  ];
  const sheets = { Data: data, Totals: formulas(rows) };
  // Stock: the same settings and Sheets' own functions, without the two speed-ups.
  const { functionPlugins: _plugins, parseDateTime: _parse, ...settings } = engineConfig();
  const functionPlugins = [...HyperFormula.getAllFunctionPlugins(), ...SHEETS_FUNCTION_PLUGINS];
  const stock = HyperFormula.buildFromSheets(sheets, { ...settings, functionPlugins });
  const ours = HyperFormula.buildFromSheets(sheets, engineConfig());
  trackPasses(ours);
  return { stock, ours, rnd };
}

describe('the emulator engine gives HyperFormula’s own results, faster', () => {
  test('conditional aggregations agree with stock HyperFormula through edits, appends, inserts and deletes', () => {
    const { stock, ours, rnd } = engines(400);
    const totals = (hf: HyperFormula) => hf.getSheetValues(hf.getSheetId('Totals') as number);
    expect(totals(ours)).toEqual(totals(stock));
    // Not a trivial sheet: the criteria find rows.
    expect((totals(stock)[0] as unknown[])[0]).toBeGreaterThan(0);

    const both = (change: (hf: HyperFormula, data: number) => void) => {
      for (const hf of [stock, ours]) change(hf, hf.getSheetId('Data') as number);
      expect(totals(ours)).toEqual(totals(stock));
    };
    for (let step = 0; step < 12; step++) {
      const row = dataRow(rnd);
      const at = 1 + Math.floor(rnd() * 400);
      both((hf, data) => hf.setCellContents({ sheet: data, row: at, col: 0 }, [row]));
      both((hf, data) =>
        hf.setCellContents({ sheet: data, row: hf.getSheetDimensions(data).height, col: 0 }, [row]),
      );
    }
    both((hf, data) => hf.addRows(data, [5, 3]));
    both((hf, data) =>
      hf.setCellContents({ sheet: data, row: 6, col: 0 }, [['Reached', 'x', 50, 'No answer']]),
    );
    both((hf, data) => hf.removeRows(data, [10, 4]));
    both((hf, data) => hf.setCellContents({ sheet: data, row: 1, col: 0 }, [['reached']]));
  });

  test('a text that cannot be a date is still compared as text, and date texts still compare as dates', () => {
    const { stock, ours } = engines(10);
    const check = (formula: string) => {
      const values = [stock, ours].map((hf) => hf.calculateFormula(formula, hf.getSheetId('Data') as number));
      expect(values[1]).toEqual(values[0]);
      return values[1];
    };
    expect(check('="2026-09-14"=DATE(2026,9,14)')).toBe(true);
    expect(check('="9/14/2026 10:00 pm">DATE(2026,9,14)')).toBe(true);
    expect(check('="ana@maple.example"="ANA@maple.example"')).toBe(true);
    expect(check('="Reached"="Reached "')).toBe(false);
  });
});
