/**
 * The engine keeps work between recalculations (emulator/spreadsheet/engine.ts): each Call Log
 * column's index is updated for the rows a write changed, criteria and folded texts are built once,
 * and sub-formulas every row computes alike are worked out once per recalculation. None of that may
 * show: after every append, edit, insertion, deletion and sort made through SpreadsheetApp, the
 * formulas must read exactly what a workbook freshly loaded with the same cells computes from scratch.
 * The formulas have the shape of the add-on's goal formulas (one per row, COUNTIFS, MAXIFS,
 * COUNTUNIQUEIFS and SUMIFS over whole Call Log columns, the window read from Settings by label), and
 * the log holds what a real one does: emails in mixed case and with accents, ids as text and numbers,
 * dates typed as text, blanks. Sorting: https://developers.google.com/apps-script/reference/spreadsheet/range#sortsortspecobj
 */
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const TEACHERS = ['ana@maple.example', 'ben@maple.example', 'cé@maple.example', 'dee@maple.example'];
const LOG_TEACHERS = [...TEACHERS, 'ANA@maple.example', 'ce@maple.example', 'Ben@Maple.example', ''];
const STUDENTS: unknown[] = ['S1', 's1', 'S2', 'S3', 'S4', 42, 'S5', ''];
const OUTCOMES = ['Reached', 'reached', 'No answer', 'Left message', ''];

function callRow(rnd: () => number): unknown[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const day = 1 + Math.floor(rnd() * 60);
  // One call in ten has its date typed as text, which date criteria must not count.
  const date = rnd() < 0.1 ? `2026-09-${String(1 + (day % 28)).padStart(2, '0')}` : new Date(2026, 8, day);
  return [pick(LOG_TEACHERS), date, pick(STUDENTS), pick(OUTCOMES), Math.round(rnd() * 30) / 10];
}

const WINDOW = (label: string, fallback: string) =>
  `IF(ISNUMBER(IFERROR(INDEX(Settings!$B:$B,MATCH("${label}",Settings!$A:$A,0)),"")),IFERROR(INDEX(Settings!$B:$B,MATCH("${label}",Settings!$A:$A,0)),""),${fallback})`;
const IN_WINDOW = `Log!$B:$B,">="&${WINDOW('Window start', '1')},Log!$B:$B,"<="&${WINDOW('Window end', '2958465')}`;

function teacherRow(email: string, r: number): string[] {
  const me = `$A${r}`;
  const perRow = (body: string) => `=IF(${me}="","",${body})`;
  return [
    email,
    perRow(`COUNTIFS(Log!$A:$A,${me},${IN_WINDOW})`),
    perRow(`COUNTIFS(Log!$A:$A,${me},Log!$D:$D,"Reached",${IN_WINDOW})`),
    perRow(`COUNTUNIQUEIFS(Log!$C:$C,Log!$A:$A,${me},Log!$D:$D,"Reached",Log!$C:$C,"<>",${IN_WINDOW})`),
    `=IF(IFERROR($B${r}=0,TRUE),"",MAXIFS(Log!$B:$B,Log!$A:$A,${me},${IN_WINDOW}))`,
    perRow(`SUMIFS(Log!$E:$E,Log!$A:$A,${me})`),
    perRow(`COUNTIFS(Log!$D:$D,"reach*",Log!$A:$A,${me})`),
    perRow(`$C${r}/IFERROR(INDEX(Settings!$B:$B,MATCH("Goal",Settings!$A:$A,0)),10)`),
    // A criterion given as a one-cell range: read through the range, not as a cell reference.
    `=COUNTIFS(Log!$A:$A,$A${r}:$A${r})`,
  ];
}

function familyRow(id: string, r: number): string[] {
  return [
    id,
    `=IF($A${r}="","",COUNTIFS(Log!$C:$C,$A${r},${IN_WINDOW}))`,
    `=IF($A${r}="","",IF(COUNTIFS(Log!$C:$C,$A${r},Log!$D:$D,"Reached",${IN_WINDOW})>0,"Yes","No"))`,
    `=IF($B${r}=0,"",MAXIFS(Log!$B:$B,Log!$C:$C,$A${r},${IN_WINDOW}))`,
  ];
}

const SCRIPT = `
function op(kind, a, b, c) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var log = ss.getSheetByName('Log');
  if (kind === 'append') log.appendRow(a);
  if (kind === 'appendMany') log.getRange(log.getLastRow() + 1, 1, a.length, a[0].length).setValues(a);
  if (kind === 'set') ss.getSheetByName(a).getRange(b).setValue(c);
  if (kind === 'delete') log.deleteRows(a, b);
  if (kind === 'insert') { log.insertRowsAfter(a, 1); log.getRange(a + 1, 1, 1, b.length).setValues([b]); }
  if (kind === 'sort') ss.getSheetByName(a).getRange(b).sort(c);
}`;

function school() {
  const rnd = random(7);
  const workbook = new Workbook({ timeZone: 'America/New_York' });
  workbook.setSheet('Settings', [
    ['Setting', 'Value'],
    ['Window start', new Date(2026, 8, 5)],
    ['Window end', new Date(2026, 9, 20)],
    ['Goal', 4],
  ]);
  const calls = Array.from({ length: 240 }, () => callRow(rnd));
  workbook.setSheet('Log', [['Teacher Email', 'Call Date', 'Student ID', 'Outcome', 'Minutes'], ...calls]);
  // Blank rows below the roster carry formulas too, as set-up writes them.
  const emails = [...TEACHERS, '', ''];
  workbook.setSheet('Teachers', [
    ['Email', 'Calls', 'Conversations', 'Families', 'Last Call', 'Minutes', 'Reach*', 'Of Goal', 'Any'],
    ...emails.map((email, i) => teacherRow(email, i + 2)),
  ]);
  const ids = ['S1', 'S2', 'S3', 'S4', 'S5', ''];
  workbook.setSheet('Families', [
    ['Student ID', 'Attempts', 'Reached', 'Last Contact'],
    ...ids.map((id, i) => familyRow(id, i + 2)),
  ]);
  const emu = new Emulator({ code: SCRIPT, workbook });
  return { workbook, rnd, op: (...args: unknown[]) => emu.run('op', args, { user: 'ana@maple.example' }) };
}

const TABS = ['Teachers', 'Families'];
const results = (workbook: Workbook) => TABS.map((tab) => workbook.values(tab));

describe('the engine’s kept work never shows: results equal a fresh recalculation', () => {
  test('after appends, edits, insertions, deletions and sorts of the Call Log, Settings and Teachers', () => {
    const { workbook, rnd, op } = school();
    const seen: unknown[] = [];
    const step = (...args: unknown[]) => {
      const run = op(...args);
      expect(run.error).toBeUndefined();
      const fresh = workbook.clone();
      expect(results(workbook)).toEqual(results(fresh));
      seen.push(JSON.stringify(results(workbook)));
    };
    seen.push(JSON.stringify(results(workbook)));
    // A call of a teacher, then the same teacher in capitals with an accent-free spelling of another.
    step('append', ['ana@maple.example', new Date(2026, 8, 10), 'S1', 'Reached', 1.5]);
    step('append', ['CE@maple.example', new Date(2026, 8, 11), 'S2', 'reached', 0.1]);
    step('append', callRow(rnd));
    // A teacher's email edited: every figure of that row, the one-cell-range criterion too.
    step('set', 'Teachers', 'A3', 'dee@maple.example');
    // Edits: a call moves to another teacher, becomes Reached, loses its student, gets a text date.
    step('set', 'Log', 'A6', 'dee@maple.example');
    step('set', 'Log', 'D11', 'Reached');
    step('set', 'Log', 'C12', '');
    step('set', 'Log', 'B13', '2026-09-15');
    // The window every row reads changes: the shared Settings look-ups must be read again.
    step('set', 'Settings', 'B2', new Date(2026, 8, 20));
    step('set', 'Settings', 'B4', 2);
    step('delete', 8, 1);
    step('delete', 20, 3);
    step('insert', 30, ['ben@maple.example', new Date(2026, 8, 25), 'S3', 'Reached', 2.2]);
    // Many rows at once (more than the engine re-indexes row by row), then sorts that move them all.
    step(
      'appendMany',
      Array.from({ length: 60 }, () => callRow(rnd)),
    );
    step('sort', 'Log', 'A2:E305', [{ column: 2, ascending: false }]);
    step('sort', 'Log', 'A2:E305', 1);
    step('sort', 'Teachers', 'A2:I7', { column: 1, ascending: false });
    step('set', 'Teachers', 'A7', 'cé@maple.example');
    step('append', ['ana@maple.example', new Date(2026, 9, 1), 'S4', 'Reached', 0.2]);

    // Not trivial: the figures count calls, and most steps changed some of them.
    const [teachers] = results(workbook);
    expect(teachers?.[1]?.[1]).toBeGreaterThan(15);
    expect(new Set(seen).size).toBeGreaterThan(12);
  });
});
