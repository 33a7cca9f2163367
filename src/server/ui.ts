/** HtmlService adapters: the sidebar and dialogs are all one page (dist/Sidebar.html) in a chosen view. */
import type { View } from '../common/rpc';

export const ADDON_TITLE = 'Relationship Calls';

export function serveSidebar(): void {
  const page = HtmlService.createTemplateFromFile('Sidebar');
  page.view = 'log' satisfies View;
  const html = page.evaluate().setTitle(ADDON_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * Opens a modal dialog showing one view of the client bundle (roster import, new school...). The view
 * is typed: src/client/main.ts must start every View, so a dialog cannot name a view the page lacks.
 */
export function serveDialog(view: View, title: string, width = 640, height = 560): void {
  const page = HtmlService.createTemplateFromFile('Sidebar');
  page.view = view;
  const html = page.evaluate().setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, title);
}
