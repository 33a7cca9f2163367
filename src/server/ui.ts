/** HtmlService adapters: the sidebar and dialogs are all one page (dist/Sidebar.html) in a chosen view. */
export const ADDON_TITLE = 'Relationship Calls';

export function serveSidebar(): void {
  const page = HtmlService.createTemplateFromFile('Sidebar');
  page.view = 'log';
  const html = page.evaluate().setTitle(ADDON_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Opens a modal dialog showing one view of the client bundle (roster import, new school...). */
export function serveDialog(view: string, title: string, width = 640, height = 560): void {
  const page = HtmlService.createTemplateFromFile('Sidebar');
  page.view = view;
  const html = page.evaluate().setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(html, title);
}
