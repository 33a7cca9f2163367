/**
 * The add-on's public surface. Every export here becomes a top-level Apps Script function (the build
 * adds one forwarding function per export), so it is a menu callback or a google.script.run target.
 * Nothing else in src/ may become global: keep helpers in other modules and export only entry points
 * here. Every entry point runs inside `guarded` (./guard.ts): a person sees a sentence, never a stack.
 * The google.script.run targets are checked against ServerApi (src/common/rpc.ts) in
 * ./entry-points.ts, and the names menus and triggers call are typed from these exports there too.
 */
import type {
  CallInput,
  CheckInContext,
  CheckInInput,
  CheckInResult,
  FamilyKnowledge,
  LogCallResult,
  NewSchoolResult,
  NotOnTeachers,
  RosterImportResult,
  RosterPreview,
  SidebarContext,
} from '../common/rpc';
import { getCheckInContext as checkInContext, recordCheckIn as recordCheckInNow } from './check-ins';
import { continueDistrict, rebuildDistrict, setUpDistrictWorkbook } from './district';
import { guarded } from './guard';
import { deleteCall as deleteCallNow, editCall as editCallNow, logCall as logCallNow } from './log-call';
import { buildMenu } from './menu';
import { newSchoolFromTemplate as newSchoolNow } from './new-school';
import { servePhonePage } from './phone';
import { showPhoneQrCode } from './phone-qr';
import { runWeeklyReminders, turnOffWeeklyReminders, turnOnWeeklyReminders } from './reminders';
import { importRoster as importRosterNow, previewRoster as previewRosterNow } from './roster-import';
import { setUpThisSchool } from './setup';
import { getFamilyKnowledge as familyKnowledgeOf, getSidebarContext as sidebarContext } from './sidebar';
import {
  rebuildSummaryFromMenu,
  refreshCollapsed,
  refreshSummary as refreshSummaryNow,
  turnOffDailyRefresh,
  turnOnDailyRefresh,
  withAlert,
} from './summary';
import { serveDialog, serveSidebar } from './ui';

/** Simple trigger: runs when the spreadsheet opens. Works in AuthMode.NONE (touches no document). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  guarded(() => buildMenu());
}

/** Runs when a user installs the add-on; the spreadsheet is already open, so build the menu now. */
export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall): void {
  guarded(() => buildMenu());
}

/** Extensions > Relationship Calls > Log a call. */
export function showSidebar(): void {
  guarded(() => serveSidebar());
}

/** The web app's page (its URL is what a principal shares): the sidebar's client in a phone layout. */
export function doGet(e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  return guarded(() => servePhonePage(e));
}

/** Menu: the phone page's URL and its QR code on the Settings tab, to show or print for staff. */
export function showPhonePageQrCode(): void {
  guarded(() => withAlert(showPhoneQrCode));
}

/** Sidebar: who is signed in, their families, pick-lists, progress and recent calls (or why not). */
export function getSidebarContext(): SidebarContext | NotOnTeachers {
  return guarded(() => sidebarContext());
}

/** Sidebar: what the school knows about one family, and prompts for what it does not. */
export function getFamilyKnowledge(studentId: string): FamilyKnowledge {
  return guarded(() => familyKnowledgeOf(studentId));
}

/**
 * Sidebar: log one call (one row, or nothing) and return the teacher's new progress. `familyRow`: where
 * the sidebar saw the family on Families, a hint the server checks (FamilyOption.row).
 */
export function logCall(input: CallInput, familyRow?: number | null): LogCallResult {
  return guarded(() => logCallNow(input, familyRow));
}

/** Sidebar, My recent calls > Edit: rewrite one of the caller's own calls (found by submission id). */
export function editCall(input: CallInput, familyRow?: number | null): LogCallResult {
  return guarded(() => editCallNow(input, familyRow));
}

/** Sidebar, My recent calls > Delete: remove one of the caller's own calls (found by submission id). */
export function deleteCall(submissionId: string): LogCallResult {
  return guarded(() => deleteCallNow(submissionId));
}

/** Sidebar, after logCall has returned: rebuild the Summary, collapsing with any rebuild under way. */
export function refreshSummary(): { rebuilt: boolean; message: string } {
  return guarded(() => refreshSummaryNow());
}

/** Extensions > Relationship Calls > Rebuild principal summary. */
export function rebuildPrincipalSummary(): void {
  guarded(() => rebuildSummaryFromMenu());
}

/** Extensions > Relationship Calls > Turn on daily summary refresh. */
export function turnOnDailySummaryRefresh(): void {
  guarded(() => withAlert(turnOnDailyRefresh));
}

/** Extensions > Relationship Calls > Turn off daily summary refresh. */
export function turnOffDailySummaryRefresh(): void {
  guarded(() => withAlert(turnOffDailyRefresh));
}

/** The daily time trigger's handler (installed by Turn on daily summary refresh). */
export function refreshSummaryDaily(_e?: GoogleAppsScript.Events.TimeDriven): void {
  guarded(() => {
    refreshCollapsed();
  });
}

/** Extensions > Relationship Calls > Set up this school: build or repair every tab, then say what changed. */
export function setUpSchool(): void {
  guarded(() => withAlert(() => setUpThisSchool().message));
}

/** Extensions > Relationship Calls > Import roster... */
export function showRosterImport(): void {
  guarded(() => serveDialog('import', 'Import roster'));
}

/** Import roster dialog: what the paste would add and update; writes nothing. */
export function previewRoster(text: string): RosterPreview {
  return guarded(() => previewRosterNow(text));
}

/** Import roster dialog, after the person confirms: plan again and write in one batch. */
export function importRoster(text: string): RosterImportResult {
  return guarded(() => importRosterNow(text));
}

/** Extensions > Relationship Calls > New school from this template... */
export function showNewSchool(): void {
  guarded(() => serveDialog('new-school', 'New school from this template', 480, 320));
}

/** New school dialog: a clean copy of this workbook for a named school, and the link to open it. */
export function newSchoolFromTemplate(schoolName: string): NewSchoolResult {
  return guarded(() => newSchoolNow(schoolName));
}

/** Extensions > Relationship Calls > Record a check-in… */
export function showCheckIn(): void {
  guarded(() => serveDialog('checkin', 'Record a check-in', 520, 600));
}

/** Record a check-in dialog: the teachers to pick from, and who is due a check-in. */
export function getCheckInContext(): CheckInContext {
  return guarded(() => checkInContext());
}

/** Record a check-in dialog: one Check-ins row, in one save. */
export function recordCheckIn(input: CheckInInput): CheckInResult {
  return guarded(() => recordCheckInNow(input));
}

/** Extensions > Relationship Calls > Turn on weekly reminders. */
export function turnOnReminders(): void {
  guarded(() => withAlert(turnOnWeeklyReminders));
}

/** Extensions > Relationship Calls > Turn off weekly reminders. */
export function turnOffReminders(): void {
  guarded(() => withAlert(turnOffWeeklyReminders));
}

/** Extensions > Relationship Calls > Send weekly reminders now (never twice in one week). */
export function sendRemindersNow(): void {
  guarded(() => withAlert(() => runWeeklyReminders().message));
}

/** The weekly time trigger's handler (installed by Turn on weekly reminders). */
export function sendWeeklyReminders(_e?: GoogleAppsScript.Events.TimeDriven): void {
  guarded(() => {
    runWeeklyReminders();
  });
}

/** Extensions > Relationship Calls > Set up as a district workbook: the Schools and District tabs. */
export function setUpDistrict(): void {
  guarded(() => withAlert(setUpDistrictWorkbook));
}

/** Extensions > Relationship Calls > Rebuild district roll-up: read every listed school from the first. */
export function rebuildDistrictRollUp(): void {
  guarded(() => withAlert(rebuildDistrict));
}

/** The one-off trigger a roll-up stopped at its time budget leaves behind: carry on where it got to. */
export function continueDistrictRollUp(_e?: GoogleAppsScript.Events.TimeDriven): void {
  guarded(() => {
    continueDistrict();
  });
}
