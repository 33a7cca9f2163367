/**
 * The one client bundle behind the sidebar and every dialog: the server picks the view through the
 * Sidebar.html template (`<body data-view="...">`), and this file starts it. Each view lives in
 * views/<name>.ts and exports `start(root: HTMLElement)`.
 */
import { start as startCheckIn } from './views/checkin';
import { start as startImport } from './views/import';
import { start as startLog } from './views/log';
import { start as startNewSchool } from './views/new-school';

const views: Record<string, (root: HTMLElement) => void> = {
  log: startLog,
  import: startImport,
  'new-school': startNewSchool,
  checkin: startCheckIn,
};

const root = document.getElementById('app');
if (root) {
  const view = views[document.body.dataset.view ?? 'log'] ?? startLog;
  view(root);
}
