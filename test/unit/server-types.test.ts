/**
 * Apps Script has no setTimeout, fetch or process: the server's tsconfig must make code that uses them
 * fail to type-check, while the Apps Script services do type-check.
 */
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

function diagnosticsFor(source: string): string[] {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const file = join(root, 'src/server/__probe__.ts');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], parsed.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('server type-checking', () => {
  test('setTimeout, fetch and process do not type-check on the server', () => {
    expect(diagnosticsFor('export const a = () => setTimeout(() => 0, 1);').join()).toMatch(/setTimeout/);
    expect(diagnosticsFor('export const b = () => fetch("https://example.org");').join()).toMatch(/fetch/);
    expect(diagnosticsFor('export const c = () => process.env.HOME;').join()).toMatch(/process/);
  });

  test('Apps Script services type-check on the server', () => {
    expect(
      diagnosticsFor(
        'export const d = () => SpreadsheetApp.getActive().getName() + Session.getActiveUser().getEmail();',
      ),
    ).toEqual([]);
  });
});
