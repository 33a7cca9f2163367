/**
 * The add-on's public surface. Every export here becomes a top-level Apps Script function (the build
 * adds one stub per export), so it is a menu callback or a google.script.run target. Nothing else in
 * src/ may become global: keep helpers in other modules and export only entry points here.
 */
import { buildMenu } from './menu';
import { serveSidebar } from './ui';

/** Simple trigger: runs when the spreadsheet opens. Works in AuthMode.NONE (touches no document). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

/** Runs when a user installs the add-on; the spreadsheet is already open, so build the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Extensions > Relationship Calls > Log a call. */
export function showSidebar(): void {
  serveSidebar();
}
