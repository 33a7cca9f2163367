/** HtmlService adapters: the sidebar and dialogs are all one page (dist/Sidebar.html) in a chosen view. */
export const ADDON_TITLE = 'Relationship Calls';

export function serveSidebar(): void {
  const page = HtmlService.createTemplateFromFile('Sidebar');
  page.view = 'log';
  const html = page.evaluate().setTitle(ADDON_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
