// Builds the add-on into dist/: exactly Code.js, Sidebar.html, Phone.html (the web app's page) and
// appsscript.json.
//
// Code.js is src/server/index.ts bundled as an IIFE (`var __app = ...`) followed by one top-level
// function per export that forwards to the bundle, because Apps Script only sees top-level function
// declarations as menu callbacks and google.script.run targets. Only index.ts exports become
// globals: every global can be called from the client, so nothing else may leak.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

export const root = join(__dirname, '..');
const dist = join(root, 'dist');
/** The district deployment (README: District roll-up): the same Code.js under the district manifest. */
const distDistrict = join(root, 'dist-district');
export const NAMESPACE = '__app';

export class BuildError extends Error {}

/** One self-contained IIFE script from a TypeScript entry (relative to the repo, or absolute). */
export async function bundle(entry: string, options: esbuild.BuildOptions = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    ...options,
  });
  const [output] = result.outputFiles ?? [];
  if (!output) throw new BuildError(`esbuild produced nothing for ${entry}`);
  return output.text;
}

/**
 * Runs the IIFE in an empty context: no SpreadsheetApp, no Session, nothing. If top-level code calls
 * a service it throws here, as it would break in Apps Script when the file loads in AuthMode.NONE.
 */
export function exportsOf(iife: string): string[] {
  const context = vm.createContext({});
  try {
    vm.runInContext(iife, context, { filename: 'Code.js', timeout: 5000 });
  } catch (error) {
    throw new BuildError(
      `Top-level code in src/server must not call Apps Script services or fail on load: ${(error as Error).message}`,
    );
  }
  const app = context[NAMESPACE] as Record<string, unknown>;
  return Object.keys(app).filter((name) => typeof app[name] === 'function');
}

export function assertClassicScript(code: string, file: string): void {
  const problems: string[] = [];
  if (/^\s*(import|export)\b[\s{*]/m.test(code)) problems.push('an import/export statement');
  // A CommonJS require('x') call; not a method named require (Table.require) nor its definition.
  if (/(?<![.\w$])require\s*\(\s*['"`]/.test(code)) problems.push('a require( call');
  if (problems.length) {
    throw new BuildError(
      `${file} must be a classic script for Apps Script, but it contains ${problems.join(' and ')}. ` +
        'Import only bundled modules from src/ (no Node built-ins or CommonJS packages).',
    );
  }
}

export async function buildServer(entry = 'src/server/index.ts'): Promise<string> {
  const iife = await bundle(entry, { globalName: NAMESPACE, platform: 'neutral' });
  const names = exportsOf(iife);
  if (!names.length) throw new BuildError(`${entry} exports no function: nothing would be callable.`);
  const entryPoints = names
    .map((name) => `function ${name}() { return ${NAMESPACE}.${name}.apply(this, arguments); }`)
    .join('\n');
  const code = `${iife}\n// Apps Script entry points: one forwarding function per export of src/server/index.ts.\n${entryPoints}\n`;
  assertClassicScript(code, 'dist/Code.js');
  return code;
}

/**
 * One page of the client: a shell template (src/client/Sidebar.html or Phone.html) with the one
 * client bundle and the stylesheets inlined, in order (the phone's rules come after the sidebar's).
 */
export async function buildPage(templateFile: string, cssFiles: readonly string[]): Promise<string> {
  const js = await bundle('src/client/main.ts', { platform: 'browser' });
  const css = (await Promise.all(cssFiles.map((f) => readFile(join(root, f), 'utf8')))).join('\n');
  const template = await readFile(join(root, templateFile), 'utf8');
  // HtmlService parses <? ?> scriptlets anywhere in the file, including inlined code.
  for (const [name, text] of [
    ['client script', js],
    ['client styles', css],
  ]) {
    if (text.includes('<?'))
      throw new BuildError(`The ${name} contains "<?", which HtmlService would run as a scriptlet.`);
  }
  const safeJs = js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  const safeCss = css.replace(/<\/style/gi, '<\\/style');
  if (!template.includes('/* inline:js */') || !template.includes('/* inline:css */')) {
    throw new BuildError(`${templateFile} lost its /* inline:js */ or /* inline:css */ marker.`);
  }
  return template.replace('/* inline:css */', () => safeCss).replace('/* inline:js */', () => safeJs);
}

export function buildSidebar(): Promise<string> {
  return buildPage('src/client/Sidebar.html', ['src/client/styles.css']);
}

/** The phone page doGet serves: the same client, the sidebar's stylesheet, then the phone's. */
export function buildPhone(): Promise<string> {
  return buildPage('src/client/Phone.html', ['src/client/styles.css', 'src/client/phone.css']);
}

export async function build(): Promise<void> {
  const [code, sidebar, phone, manifest] = await Promise.all([
    buildServer(),
    buildSidebar(),
    buildPhone(),
    readFile(join(root, 'appsscript.json'), 'utf8'),
  ]);
  const district = districtManifest(manifest);
  await Promise.all([
    rm(dist, { recursive: true, force: true }),
    rm(distDistrict, { recursive: true, force: true }),
  ]);
  await Promise.all([mkdir(dist, { recursive: true }), mkdir(distDistrict, { recursive: true })]);
  await Promise.all([
    writeFile(join(dist, 'Code.js'), code),
    writeFile(join(dist, 'Sidebar.html'), sidebar),
    writeFile(join(dist, 'Phone.html'), phone),
    writeFile(join(dist, 'appsscript.json'), manifest),
    writeFile(join(distDistrict, 'Code.js'), code),
    writeFile(join(distDistrict, 'Sidebar.html'), sidebar),
    writeFile(join(distDistrict, 'appsscript.json'), district),
  ]);
  console.log(
    `Built dist/Code.js (${code.length} B), dist/Sidebar.html (${sidebar.length} B), dist/Phone.html (${phone.length} B), dist/appsscript.json, and dist-district/ (the same code, the district manifest)`,
  );
}

/**
 * The district deployment: the same code under its own manifest, so school installs keep
 * spreadsheets.currentonly. It adds spreadsheets.readonly (to open the listed school workbooks and
 * read them, never write them) and drops script.send_mail (a district workbook sends no reminders).
 */
export const DISTRICT_SCOPES = {
  add: ['https://www.googleapis.com/auth/spreadsheets.readonly'],
  drop: ['https://www.googleapis.com/auth/script.send_mail'],
} as const;

export function districtManifest(schoolManifest: string): string {
  // The phone page's web app section stays with the school: a district workbook logs no calls.
  const { webapp: _webapp, ...parsed } = JSON.parse(schoolManifest) as {
    oauthScopes: string[];
    webapp?: unknown;
  };
  const kept = parsed.oauthScopes.filter((s) => !(DISTRICT_SCOPES.drop as readonly string[]).includes(s));
  return `${JSON.stringify({ ...parsed, oauthScopes: [...kept, ...DISTRICT_SCOPES.add] }, null, 2)}\n`;
}

if (require.main === module) {
  build().catch((error) => {
    console.error(error instanceof BuildError ? `Build failed: ${error.message}` : error);
    process.exit(1);
  });
}
