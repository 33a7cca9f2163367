/**
 * The phone page's QR code, drawn on the Settings tab so a principal can show or print it for staff.
 * The encoder (qrcode-generator, MIT) is bundled into Code.js: the web app's address never leaves
 * Google (an IMAGE() of a QR service would send it to that service).
 *
 * The URL is ScriptApp.getService().getUrl(): the deployed web app's URL, or null when the script is
 * not deployed as a web app (developers.google.com/apps-script/reference/script/service#getUrl()).
 *
 * The block sits right of everything on the tab, under a "Phone page" header in row 1: Settings are
 * read by their label in the Setting column and pick-lists by their own headers, so neither reads it.
 */
import qrcode from 'qrcode-generator';
import { TAB } from '../common/schema';
import { columnLetter } from '../core/settings';
import { growingRange } from './sheet-size';
import { getSheetOrExplain } from './tables';

export const QR_HEADER = 'Phone page';
/** White cells around the code: scanners need a quiet zone to find it. */
export const QR_MARGIN = 4;
/** Rows 1-3 hold the header, the URL and how to print; the code starts below them. */
export const QR_FIRST_ROW = 5;
/**
 * Columns as wide as a row is high (21 px, Sheets' default row height and the emulator's), so each
 * module is square without touching row heights: the code's rows are the Settings rows and
 * pick-lists beside it, which must stay readable.
 */
const CELL_PX = 21;
const DARK = '#000000';
const LIGHT = '#ffffff';

export const NOT_DEPLOYED_MESSAGE =
  'The phone page is not deployed yet, so it has no address to put in a QR code. In this workbook: Extensions > Apps Script > Deploy > New deployment, type Web app, Execute as "User accessing the web app", Who has access "Anyone within your domain", then Deploy. Then choose Show the phone page\'s QR code again. Nothing was changed.';

/** The code's cells, margin included, as background colours (row by row). */
export function qrBackgrounds(url: string): string[][] {
  const code = qrcode(0, 'M');
  code.addData(url, 'Byte');
  code.make();
  const modules = code.getModuleCount();
  const size = modules + 2 * QR_MARGIN;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => {
      const row = r - QR_MARGIN;
      const col = c - QR_MARGIN;
      const inside = row >= 0 && col >= 0 && row < modules && col < modules;
      return inside && code.isDark(row, col) ? DARK : LIGHT;
    }),
  );
}

/** The block's column: the existing "Phone page" header's, else two right of the tab's last column. */
function blockColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  const last = sheet.getLastColumn();
  if (last > 0) {
    const header = sheet.getRange(1, 1, 1, last).getValues()[0] ?? [];
    const at = header.findIndex((h) => String(h).trim().toLowerCase() === QR_HEADER.toLowerCase());
    if (at >= 0) return at + 1;
  }
  return last + 2;
}

/** Draws the block and says where it is; a sentence and no change when the web app is not deployed. */
export function showPhoneQrCode(): string {
  const url = ScriptApp.getService().getUrl();
  if (!url) return NOT_DEPLOYED_MESSAGE;
  const sheet = getSheetOrExplain(SpreadsheetApp.getActiveSpreadsheet(), TAB.settings);
  const cells = qrBackgrounds(url);
  const size = cells.length;
  const column = blockColumn(sheet);
  const first = columnLetter(column);
  const area = `${first}${QR_FIRST_ROW}:${columnLetter(column + size - 1)}${QR_FIRST_ROW + size - 1}`;
  // The block first: a Settings tab narrower than it gets the columns it needs.
  const block = growingRange(sheet, QR_FIRST_ROW, column, size, size);
  sheet
    .getRange(1, column, 3, 1)
    .setValues([
      [QR_HEADER],
      [url],
      [
        `Staff scan this code with a phone's camera. To print it: select ${area}, then File > Print > Selected cells.`,
      ],
    ]);
  // Square cells: the block's columns as narrow as a row is high, set as one run.
  sheet.setColumnWidths(column, size, CELL_PX);
  block.setBackgrounds(cells);
  return `The phone page's QR code is on the ${TAB.settings} tab, in ${area}, with its address in ${first}2. Staff scan it with a phone's camera; to print it, select ${area} and choose File > Print > Selected cells.`;
}
