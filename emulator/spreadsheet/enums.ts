/**
 * Every enum SpreadsheetApp has (SpreadsheetApp.Dimension.ROWS, .WrapStrategy.WRAP...), built from
 * @types/google-apps-script's declarations of the SpreadsheetApp interface, so none is missing and
 * each value has its declared name and ordinal. Values print as their name (`String(e) === 'ROWS'`).
 */

import { apiMembers, declarations, declaredEnum } from '../services/declarations';
import type { EnumValue } from '../services/host-object';

function buildEnums(): Record<string, Readonly<Record<string, EnumValue>>> {
  const out: Record<string, Readonly<Record<string, EnumValue>>> = {};
  for (const name of apiMembers('SpreadsheetApp')) {
    if (!/^[A-Z]/.test(name)) continue;
    // ColorType is Base's; the rest are the spreadsheet file's own.
    const file = declarations('spreadsheet').enums.has(name) ? 'spreadsheet' : 'base';
    out[name] = declaredEnum(file, name);
  }
  return out;
}

export const SpreadsheetEnums = buildEnums();

/** The Charts global's enums (Charts.ChartType.LINE...). */
export function chartsEnums(): Record<string, Readonly<Record<string, EnumValue>>> {
  const out: Record<string, Readonly<Record<string, EnumValue>>> = {};
  for (const name of declarations('charts').enums.keys()) out[name] = declaredEnum('charts', name);
  return out;
}
