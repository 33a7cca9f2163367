/**
 * Runs the conformance kit's bundle (the same code a person pushes to a real sheet) in the emulator,
 * on a fresh workbook, and returns each probe's answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { Emulator } from '../runtime/emulator';
import { Workbook } from '../spreadsheet';
import type { ResultsFile } from './index';
import type { ProbeResult } from './probe';

export const ENTRY = join(__dirname, 'index.ts');
export const SHEETS_RESULTS = join(__dirname, 'sheets-results.json');

/**
 * index.ts as an Apps Script file: one IIFE and a top-level `runConformance` forwarding to it (Apps
 * Script runs only top-level functions). Built here, not by scripts/build.ts, because nothing in
 * emulator/ may depend on scripts/ (DESIGN.md).
 */
export async function conformanceBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__conformance',
    target: 'es2020',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles?.[0]?.text;
  if (!code) throw new Error(`esbuild produced nothing for ${ENTRY}`);
  return `${code}\nfunction runConformance() { return __conformance.runConformance.apply(this, arguments); }\n`;
}

export async function emulateProbes(code?: string): Promise<ProbeResult[]> {
  const workbook = new Workbook({ name: 'Conformance', timeZone: 'America/New_York' });
  workbook.setSheet('Sheet1', []);
  const emu = new Emulator({ code: code ?? (await conformanceBundle()), workbook });
  const run = emu.run('runConformance', [], { user: 'probe@school.example' });
  if (run.error) throw run.error;
  const file = JSON.parse(String(run.result)) as ResultsFile;
  return Object.entries(file).map(([id, rest]) => ({ id, ...rest }));
}

/** The answers a real sheet gave, once a person has committed them; undefined until then. */
export function sheetsResults(): ResultsFile | undefined {
  return existsSync(SHEETS_RESULTS)
    ? (JSON.parse(readFileSync(SHEETS_RESULTS, 'utf8')) as ResultsFile)
    : undefined;
}
