/**
 * Every function the add-on writes into a workbook is listed in emulator/SHEETS-BEHAVIOUR.md with
 * Google's source and a pinning test. The formulas are read from a school the bundle set up, with a
 * teacher, a family and a logged call, after a Summary rebuild: whatever src/ writes is here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_LOG, FAMILIES, TAB, TEACHERS } from '../../src/common/schema';
import { emulatorFor, newWorkbook, PRINCIPAL, rowsOf, setUp } from './workbook-helpers';

const REGISTER = readFileSync(join(__dirname, '..', '..', 'emulator', 'SHEETS-BEHAVIOUR.md'), 'utf8');

/** The functions of the register's first table: rows starting `| \`NAME\` |`. */
function registered(): Set<string> {
  const section = REGISTER.split('## Functions the add-on writes')[1]?.split('\n## ')[0] ?? '';
  return new Set([...section.matchAll(/^\| `([A-Z][A-Z0-9.]*)` \|/gm)].map((m) => m[1] as string));
}

/** Function names called in a formula, outside string literals. */
function functionsIn(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, 'S!');
  return [...code.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1] as string);
}

test('every function in every formula the add-on writes is in the register', () => {
  const workbook = newWorkbook();
  const emu = emulatorFor(workbook);
  setUp(emu);
  workbook.appendRows(
    TAB.teachers,
    rowsOf(TEACHERS, [{ Name: 'Ines Vale', Email: 'ines.v@school.example' }]),
  );
  workbook.appendRows(TAB.families, rowsOf(FAMILIES, [{ 'Student ID': 'F100', Student: 'Remy Ostrow' }]));
  workbook.appendRows(
    TAB.callLog,
    rowsOf(CALL_LOG, [
      { 'Teacher Email': 'ines.v@school.example', 'Student ID': 'F100', Outcome: 'Reached' },
    ]),
  );
  expect(
    emu.run('rebuildPrincipalSummary', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] }).error,
  ).toBeUndefined();

  const used = new Set<string>();
  for (const name of workbook.sheetNames())
    for (const row of workbook.formulas(name))
      for (const f of row) for (const fn of functionsIn(f)) used.add(fn);
  expect(used.size).toBeGreaterThanOrEqual(5);
  const listed = registered();
  expect([...used].filter((fn) => !listed.has(fn))).toEqual([]);
});
