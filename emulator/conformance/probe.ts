/**
 * The conformance kit's probes: small plain Apps Script functions, each asking Sheets one question
 * the emulator answers too. They run in the emulator (`npm run conformance`, and
 * emulator/test/sheets-formulas.test.ts pins each answer) and, pushed with clasp, in a real scratch
 * spreadsheet (emulator/conformance/README.md), so the same code checks both.
 *
 * This file and probes/ are Apps Script code: no Node, no DOM (type-checked with the server config).
 */

export interface Probe {
  /** Stable id, `formula.*` or `api.*`, used as the key of sheets-results.json. */
  id: string;
  /** Google's reference page for the behaviour, or the best public evidence where Google is silent. */
  cite: string;
  /** Runs on a scratch sheet cleared before each probe; returns a JSON-able answer. */
  run(sheet: GoogleAppsScript.Spreadsheet.Sheet, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): unknown;
}

export interface ProbeResult {
  id: string;
  cite: string;
  /** The answer, or the message of what the probe threw. */
  value?: unknown;
  error?: string;
}

/** Dates become ISO strings so an answer compares the same from the emulator and from Sheets. */
function jsonable(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  if (Array.isArray(value)) return value.map(jsonable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonable(v);
    return out;
  }
  return value;
}

export const SCRATCH_SHEET = 'Conformance scratch';

/** Runs every probe on a fresh scratch sheet of `ss`, which is removed afterwards. */
export function runProbes(
  probes: readonly Probe[],
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): ProbeResult[] {
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const old = ss.getSheetByName(SCRATCH_SHEET);
    if (old) ss.deleteSheet(old);
    const sheet = ss.insertSheet(SCRATCH_SHEET);
    try {
      const value = probe.run(sheet, ss);
      results.push({ id: probe.id, cite: probe.cite, value: jsonable(value) });
    } catch (error) {
      results.push({
        id: probe.id,
        cite: probe.cite,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const last = ss.getSheetByName(SCRATCH_SHEET);
  if (last) ss.deleteSheet(last);
  return results;
}
