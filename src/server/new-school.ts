/**
 * New school from this template (for coaches): a copy of this workbook for a named school, with every
 * data row removed (no teachers, families, calls or check-ins), the Summary emptied, tabs that are not
 * part of the workbook contract deleted (they may hold personal data), and the settings back to their
 * initial values with the new school's name. Pick-lists and prompts stay: they are the district's
 * wording, not personal data. Set-up then runs on the copy, so its formulas, dropdowns and protections
 * are intact. Returns the link to open it.
 *
 * Scope: Spreadsheet.copy(name) and every call made on the copy are documented to work with
 * spreadsheets.currentonly, so no new scope is asked for (README: New school from template).
 */
import type { NewSchoolResult } from '../common/rpc';
import { headerKey, SETTINGS, SETTINGS_HEADERS, TAB } from '../common/schema';
import { encodeText } from '../core/cell-encoding';
import { UserError } from '../core/errors';
import { inspectWorkbook, setUpWorkbook } from './setup';

const MAX_NAME = 100;

export function copyName(schoolName: string): string {
  return `${schoolName} - Relationship Calls`;
}

export function newSchoolFromTemplate(schoolName: string): NewSchoolResult {
  const name = String(schoolName ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) throw new UserError('Type the new school’s name first.');
  if (name.length > MAX_NAME) throw new UserError(`Keep the school’s name under ${MAX_NAME} characters.`);

  const template = SpreadsheetApp.getActiveSpreadsheet();
  // Refuse before copying if this workbook cannot be read as a template (renamed tabs, edited headers).
  const settingsSheet = template.getSheetByName(TAB.settings);
  if (!settingsSheet)
    throw new UserError(
      `This workbook has no "${TAB.settings}" tab. Run Set up this school here first, then make the copy.`,
    );
  // A renamed tab or an edited header would stop set-up on the copy half-way: say so before copying.
  inspectWorkbook(template);

  const copy = template.copy(copyName(name));
  const contract = new Set<string>(Object.values(TAB));
  for (const sheet of copy.getSheets()) {
    const tab = sheet.getName();
    if (!contract.has(tab)) {
      copy.deleteSheet(sheet);
      continue;
    }
    if (tab === TAB.settings) continue;
    if (tab === TAB.summary) {
      for (const chart of sheet.getCharts()) sheet.removeChart(chart);
      sheet.clear();
      continue;
    }
    const rows = sheet.getMaxRows() - 1;
    if (rows > 0) sheet.getRange(2, 1, rows, sheet.getMaxColumns()).clearContent().clearNote();
  }

  const settings = copy.getSheetByName(TAB.settings);
  if (settings) resetSettings(settings, name);
  setUpWorkbook(copy);
  return {
    name: copy.getName(),
    url: copy.getUrl(),
    message: `Made "${copy.getName()}" with no teachers, families, calls or check-ins. Open it, import its roster, and share it only with the school's staff.`,
  };
}

/** Every setting back to its initial value (the school's name set), in one write of the Value column. */
function resetSettings(sheet: GoogleAppsScript.Spreadsheet.Sheet, schoolName: string): void {
  const values = sheet.getDataRange().getValues();
  if (values.length < 2) return;
  const header = values[0] ?? [];
  const labelAt = Math.max(
    0,
    header.findIndex((h) => headerKey(h) === headerKey(SETTINGS_HEADERS[0])),
  );
  const valueAt = header.findIndex((h) => headerKey(h) === headerKey(SETTINGS_HEADERS[1]));
  const column = valueAt >= 0 ? valueAt : labelAt + 1;
  const out = values.slice(1).map((row) => {
    const spec = SETTINGS.find((s) => headerKey(s.label) === headerKey(row[labelAt]));
    const current = row[column] ?? '';
    // A row of the principal's own stays as it was (text re-encoded so it stays text).
    if (!spec) return [typeof current === 'string' ? encodeText(current) : current];
    if (spec.key === 'schoolName') return [encodeText(schoolName)];
    return [spec.initial];
  });
  sheet.getRange(2, column + 1, out.length, 1).setValues(out);
}
