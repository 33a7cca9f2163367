/**
 * The conformance kit as an Apps Script project (`npm run build:conformance` bundles this file to
 * dist-conformance/Code.js). In a scratch spreadsheet, run `runConformance` from the script editor:
 * it runs every probe, logs one JSON line per probe, and writes the whole answer, the content of
 * emulator/conformance/sheets-results.json, to cell A1 of a "Conformance results" sheet.
 */
import { type ProbeResult, runProbes } from './probe';
import { apiProbes } from './probes/api';
import { formulaProbes } from './probes/formulas';

export const PROBES = [...formulaProbes, ...apiProbes];

/** sheets-results.json: each probe's answer by id. */
export type ResultsFile = Record<string, Omit<ProbeResult, 'id'>>;

export function runConformance(): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const results = runProbes(PROBES, ss);
  for (const result of results) console.log(JSON.stringify(result));
  const file: ResultsFile = {};
  for (const { id, ...rest } of results) file[id] = rest;
  const json = JSON.stringify(file, null, 2);
  const out = ss.getSheetByName('Conformance results') ?? ss.insertSheet('Conformance results');
  out.clear();
  out.getRange('A1').setNumberFormat('@').setValue(json);
  return json;
}
