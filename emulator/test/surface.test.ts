/**
 * The emulated classes are checked against @types/google-apps-script: at compile time (Surface, the
 * `@ts-expect-error` cases below fail `npm run typecheck` if a wrong signature ever compiles) and at
 * run time (the enums and members the emulator reads from the declarations match what the
 * TypeScript compiler itself reads from them).
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { apiMembers } from '../services/declarations';
import { SpreadsheetEnums } from '../spreadsheet/enums';
import type { Surface } from '../spreadsheet/surface';

type GasRange = GoogleAppsScript.Spreadsheet.Range;

/** Accepts only an object whose methods conform to Apps Script's class G (as `implements Surface` does). */
function conforming<G>() {
  return <I extends Surface<G, I>>(impl: I): I => impl;
}

test('a wrongly typed method does not compile (checked by npm run typecheck)', () => {
  const range = conforming<GasRange>();
  const right = range({ getA1Notation: () => 'A1', getFormulas: () => [['=A1']] });
  // @ts-expect-error getA1Notation returns a string in Apps Script
  range({ getA1Notation: () => 1 });
  // @ts-expect-error setValues takes a grid (any[][]), not a string
  range({ setValues: (_values: string) => null });
  // @ts-expect-error getFormulas returns string[][], not string[]
  range({ getFormulas: () => ['=A1'] });
  expect(right.getA1Notation()).toBe('A1');
});

/** The enums and interfaces of a declaration file, as the TypeScript compiler parses them. */
function compilerView(file: string) {
  const dir = dirname(require.resolve('@types/google-apps-script/package.json'));
  const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.ES2020);
  const enums = new Map<string, string[]>();
  const interfaces = new Map<string, string[]>();
  const visit = (node: ts.Node) => {
    if (ts.isEnumDeclaration(node))
      enums.set(
        node.name.text,
        node.members.map((m) => m.name.getText(source)),
      );
    if (ts.isInterfaceDeclaration(node))
      interfaces.set(
        node.name.text,
        node.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : [])),
      );
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { enums, interfaces };
}

describe('checked against @types/google-apps-script', () => {
  const spreadsheet = compilerView('google-apps-script.spreadsheet.d.ts');
  const base = compilerView('google-apps-script.base.d.ts');

  test('every enum SpreadsheetApp declares is there with every declared value, in order', () => {
    const declared = (spreadsheet.interfaces.get('SpreadsheetApp') ?? []).filter((m) => /^[A-Z]/.test(m));
    expect(declared.length).toBeGreaterThanOrEqual(28);
    for (const name of declared) {
      const values = spreadsheet.enums.get(name) ?? base.enums.get(name);
      const ours = SpreadsheetEnums[name] ?? {};
      expect([name, Object.keys(ours)]).toEqual([name, values]);
      expect(Object.values(ours).map((v) => v.ordinal())).toEqual(values?.map((_, i) => i));
    }
  });

  test("the members the emulator knows for a class are the compiler's", () => {
    for (const name of [
      'Range',
      'Sheet',
      'Spreadsheet',
      'DataValidationBuilder',
      'TextFinder',
      'RangeList',
    ]) {
      expect([name, [...apiMembers(name)].sort()]).toEqual([
        name,
        [...new Set(spreadsheet.interfaces.get(name))].sort(),
      ]);
    }
  });
});
