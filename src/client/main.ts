/**
 * The one client bundle behind the sidebar and every dialog: the server picks the view through the
 * Sidebar.html template (`<body data-view="...">`), and this file starts it. Each view lives in
 * views/<name>.ts and exports `start(root: HTMLElement)`.
 */
import type { View } from '../common/rpc';
import { start as startCheckIn } from './views/checkin';
import { start as startImport } from './views/import';
import { start as startLog } from './views/log';
import { start as startNewSchool } from './views/new-school';

type Start = (root: HTMLElement) => void;

// Every View the server may open (src/common/rpc.ts) must start here, or this does not compile.
const views: Record<View, Start> & Partial<Record<string, Start>> = {
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
