/**
 * The Extensions > Relationship Calls menu. createAddonMenu() is one of the few calls allowed in
 * AuthMode.NONE, so this must not read the spreadsheet: onOpen runs before the user authorizes.
 * Each item names an export of index.ts (EntryPoint), so renaming one without its item fails to compile.
 */
import type { EntryPoint } from './entry-points';

export const MENU_ITEMS: ReadonlyArray<readonly [caption: string, functionName: EntryPoint]> = [
  ['Log a call', 'showSidebar'],
  ['Rebuild principal summary', 'rebuildPrincipalSummary'],
  ['Turn on daily summary refresh', 'turnOnDailySummaryRefresh'],
  ['Turn off daily summary refresh', 'turnOffDailySummaryRefresh'],
  ['Record a check-in…', 'showCheckIn'],
  ['Turn on weekly reminders', 'turnOnReminders'],
  ['Turn off weekly reminders', 'turnOffReminders'],
  ['Send weekly reminders now', 'sendRemindersNow'],
  ['Set up this school', 'setUpSchool'],
  ["Show the phone page's QR code", 'showPhonePageQrCode'],
  ['Import roster…', 'showRosterImport'],
  ['New school from this template…', 'showNewSchool'],
  ['Rebuild district roll-up', 'rebuildDistrictRollUp'],
  ['Set up as a district workbook', 'setUpDistrict'],
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [caption, fn] of MENU_ITEMS) menu.addItem(caption, fn);
  menu.addToUi();
}
