/**
 * dist/Code.js must load in Apps Script as a classic script whose only globals are the entry points
 * of src/server/index.ts (plus the bundle's namespace): every global is callable from the client.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { assertClassicScript, BuildError, NAMESPACE, root } from '../../scripts/build';

const code = readFileSync(join(root, 'dist/Code.js'), 'utf8');

/** The exported function names of src/server/index.ts, read from its source by the TS parser. */
function declaredEntryPoints(): string[] {
  const file = join(root, 'src/server/index.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  source.forEachChild((node) => {
    const exported =
      ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(node) && node.name) names.push(node.name.text);
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const el of node.exportClause.elements) names.push(el.name.text);
    }
  });
  return names.sort();
}

/** Loads a script into an empty context, as Apps Script does before any service is authorized. */
function globalsOf(script: string): string[] {
  const context = vm.createContext({});
  vm.runInContext(script, context, { filename: 'Code.js' });
  return Object.keys(context).sort();
}

function expectOnlyEntryPoints(script: string): void {
  expect(globalsOf(script)).toEqual([NAMESPACE, ...declaredEntryPoints()].sort());
}

describe('dist/Code.js', () => {
  test('loads as a classic script into an empty context: top-level code calls no service', () => {
    expect(() => globalsOf(code)).not.toThrow();
    expect(() => assertClassicScript(code, 'dist/Code.js')).not.toThrow();
  });

  test('defines exactly the exports of src/server/index.ts as global functions', () => {
    expect(declaredEntryPoints()).toEqual(expect.arrayContaining(['onInstall', 'onOpen', 'showSidebar']));
    expectOnlyEntryPoints(code);
    const context = vm.createContext({});
    vm.runInContext(code, context);
    for (const name of declaredEntryPoints()) expect(typeof context[name]).toBe('function');
  });

  test('the globals check fails when an internal helper leaks into the global scope', () => {
    expect(() => expectOnlyEntryPoints(`${code}\nfunction buildMenu() {}\n`)).toThrow();
    expect(() => expectOnlyEntryPoints(`${code}\nvar MENU_ITEMS = [];\n`)).toThrow();
  });

  test('the build refuses a bundle that still holds import/export statements or require()', () => {
    expect(() => assertClassicScript(`${code}\nexport function logCall() {}\n`, 'dist/Code.js')).toThrow(
      BuildError,
    );
    expect(() => assertClassicScript(`import { x } from './x';\n${code}`, 'dist/Code.js')).toThrow(
      /import\/export/,
    );
    expect(() => assertClassicScript(`${code}\nconst fs = require('fs');\n`, 'dist/Code.js')).toThrow(
      /require/,
    );
  });

  test('dist/ holds exactly Code.js, Sidebar.html, Phone.html and appsscript.json', () => {
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    expect(readdirSync(join(root, 'dist')).sort()).toEqual([
      'Code.js',
      'Phone.html',
      'Sidebar.html',
      'appsscript.json',
    ]);
  });
});
