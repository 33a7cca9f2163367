/**
 * The phone page: doGet serves the sidebar's own client (dist/Phone.html, the same bundle as
 * Sidebar.html under a phone stylesheet), which then calls the same server functions as the sidebar
 * (getSidebarContext, getFamilyKnowledge, logCall, editCall, deleteCall). One server, two shells.
 *
 * The page itself carries no data: the school's name goes only into the title (HtmlOutput.setTitle,
 * which Google puts on the outer page), and everything about the teacher and the families arrives
 * through getSidebarContext, which reads the signed-in account from Session as the sidebar does.
 *
 * The viewport goes through HtmlOutput.addMetaTag because Google serves a web app's HTML inside an
 * iframe of its own page: a meta tag in the file would sit in the iframe, where a phone ignores it
 * (developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String)).
 */
import { readSettings } from './sidebar';

export const PHONE_FILE = 'Phone';
export const PHONE_TITLE = 'Log a call';
export const PHONE_VIEWPORT = 'width=device-width, initial-scale=1';

/** What a web app of a project with no spreadsheet (the Marketplace add-on's own project) says. */
export const NO_WORKBOOK_MESSAGE =
  "This phone page has no school workbook to write to. It works only when it is deployed from the school workbook's own script (in the workbook: Extensions > Apps Script > Deploy > New deployment > Web app). Ask whoever set up Relationship Calls for your school for the right link.";

/** "Log a call · Maple Grove Elementary", or just "Log a call" when Settings cannot say the name. */
function titleOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  try {
    const name = readSettings(spreadsheet, spreadsheet.getSpreadsheetTimeZone()).settings.schoolName;
    return name ? `${PHONE_TITLE} · ${name}` : PHONE_TITLE;
  } catch {
    // A workbook not set up yet still gets its page; getSidebarContext then says what to fix.
    return PHONE_TITLE;
  }
}

function phoneOutput(
  output: GoogleAppsScript.HTML.HtmlOutput,
  title: string,
): GoogleAppsScript.HTML.HtmlOutput {
  return (
    output
      .setTitle(title)
      .addMetaTag('viewport', PHONE_VIEWPORT)
      // DEFAULT: Google sends X-Frame-Options, so no other site can frame the page and trick a
      // teacher into tapping Log call (ALLOWALL would let any page embed it).
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT)
  );
}

export function servePhonePage(_e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  // In a bound script's web app the active spreadsheet is the container; elsewhere it is null.
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) {
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><main><h1>${PHONE_TITLE}</h1><p>${NO_WORKBOOK_MESSAGE.replace(/>/g, '&gt;')}</p></main></body></html>`;
    return phoneOutput(HtmlService.createHtmlOutput(page), PHONE_TITLE);
  }
  // A file, not a template: nothing is evaluated into the page, so no data can reach its HTML.
  return phoneOutput(HtmlService.createHtmlOutputFromFile(PHONE_FILE), titleOf(spreadsheet));
}
