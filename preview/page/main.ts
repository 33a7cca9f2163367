/**
 * The preview's spreadsheet window. It draws what the server reads from the workbook (tabs, a grid of
 * computed values, the selected cell's formula), the menus the add-on's onOpen added, and the
 * add-on's own sidebar and dialogs in sandboxed frames whose google.script.run calls come here as
 * messages. All data is drawn with textContent: cell text is untrusted.
 */
import type { GridView } from '../grid';
import type { RunOutcome } from '../host';
import { drawChart } from './chart';
import { BRIDGE_SOURCE, type FromAddon, type ToAddon } from './messages';

interface MenuItem {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuItem[];
}
interface Person {
  name: string;
  email: string;
  role: string;
}
interface State {
  title: string;
  file: string;
  user: Person;
  people: Person[];
  tabs: { name: string; color: string | null }[];
  activeSheet: string;
  menus: { path: string[]; addon: boolean; items: MenuItem[] }[];
}

const ROWS_STEP = 200;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state: State | undefined;
let currentTab = '';
let rowsShown = ROWS_STEP;
let grid: GridView | undefined;
let selected: { r: number; c: number } | undefined;
const frames = new Map<Window, HTMLIFrameElement>();
const alerts: { title: string; prompt: string }[] = [];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function status(text: string): void {
  $('status').textContent = text;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const value = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(value.error ?? `The preview answered ${response.status}.`);
  return value;
}

// ---- title, people, menus, tabs ---------------------------------------------------------------

function renderState(next: State, followActive = false): void {
  state = next;
  document.title = `${next.title} - Relationship Calls preview`;
  $('doc-title').textContent = next.title;
  $('doc-file').textContent = `Saved to ${next.file}`;
  const who = $<HTMLSelectElement>('signed-in-as');
  who.replaceChildren(
    ...next.people.map((p) => {
      const option = el('option', `${p.name} (${p.role})`);
      option.value = p.role;
      option.selected = p.role === next.user.role;
      return option;
    }),
  );
  renderMenus(next.menus);
  if (followActive || !next.tabs.some((t) => t.name === currentTab)) {
    if (currentTab !== next.activeSheet) {
      rowsShown = ROWS_STEP;
      selected = undefined;
    }
    currentTab = next.activeSheet;
  }
  renderTabs();
}

function closeMenus(): void {
  for (const list of document.querySelectorAll<HTMLElement>('#menubar .menu-list')) list.hidden = true;
  for (const b of document.querySelectorAll('#menubar [aria-expanded]'))
    b.setAttribute('aria-expanded', 'false');
}

function menuList(items: MenuItem[]): HTMLUListElement {
  const list = el('ul', undefined, 'menu-list');
  list.hidden = true;
  for (const item of items) {
    const li = el('li');
    if (item.kind === 'separator') {
      li.className = 'separator';
      li.setAttribute('role', 'separator');
    } else if (item.kind === 'submenu') {
      li.className = 'submenu';
      li.append(toggle(item.caption ?? '', menuList(item.items ?? []), li, 'menu-item'));
    } else {
      const button = el('button', item.caption ?? '', 'menu-item');
      button.type = 'button';
      button.addEventListener('click', () => {
        closeMenus();
        void run(item.functionName ?? '', []);
      });
      li.append(button);
    }
    list.append(li);
  }
  return list;
}

/** A button that opens `list` (appended to `holder`) and closes its siblings. */
function toggle(caption: string, list: HTMLUListElement, holder: HTMLElement, className: string) {
  const button = el('button', caption, className);
  button.type = 'button';
  button.setAttribute('aria-haspopup', 'true');
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    const open = list.hidden;
    for (const sibling of holder.parentElement?.querySelectorAll<HTMLElement>(':scope > * > .menu-list') ??
      [])
      sibling.hidden = true;
    if (holder.parentElement?.id === 'menubar') closeMenus();
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) list.querySelector('button')?.focus();
  });
  holder.append(list);
  return button;
}

function renderMenus(menus: State['menus']): void {
  const bar = $('menubar');
  bar.replaceChildren();
  // Sheets' own menus, shown for the look; only the add-on's menus do anything here.
  for (const caption of ['File', 'Edit', 'View', 'Insert', 'Format', 'Data', 'Tools']) {
    const holder = el('div', undefined, 'menu');
    const button = el('button', caption, 'menu-top');
    button.disabled = true;
    holder.append(button);
    bar.append(holder);
  }
  const extensions: MenuItem[] = menus
    .filter((m) => m.addon)
    .map((m) => ({ kind: 'submenu', caption: m.path[m.path.length - 1], items: m.items }));
  const own = menus.filter((m) => !m.addon).map((m) => ({ caption: m.path[0] ?? '', items: m.items }));
  for (const menu of [{ caption: 'Extensions', items: extensions }, ...own]) {
    const holder = el('div', undefined, 'menu');
    holder.prepend(toggle(menu.caption, menuList(menu.items), holder, 'menu-top'));
    bar.append(holder);
  }
}

function renderTabs(): void {
  const tabs = $('tabs');
  tabs.replaceChildren(
    ...(state?.tabs ?? []).map((tab) => {
      const button = el('button', tab.name);
      button.type = 'button';
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(tab.name === currentTab));
      if (tab.color) button.style.setProperty('--tab-color', tab.color);
      button.addEventListener('click', () => {
        if (tab.name === currentTab) return;
        currentTab = tab.name;
        rowsShown = ROWS_STEP;
        selected = undefined;
        renderTabs();
        void loadGrid();
      });
      return button;
    }),
  );
}

// ---- the grid ---------------------------------------------------------------------------------

/**
 * As Sheets does: text longer than its cell spills over the empty cells to its right and stops at
 * the next cell that holds anything (or the last column). Numbers and wrapped cells stay inside.
 */
function overflowText(
  view: GridView,
  body: HTMLElement,
  visible: { width?: number; i: number }[],
  wrapped: ReadonlySet<string>,
): void {
  view.values.forEach((line, r) => {
    visible.forEach((c, k) => {
      const text = line[c.i] ?? '';
      if (!text || NUMBER.test(text) || wrapped.has(`${r}:${c.i}`)) return;
      let room = c.width ?? 100;
      for (let next = k + 1; next < visible.length; next++) {
        const n = visible[next] as { width?: number; i: number };
        if (line[n.i]) break;
        room += n.width ?? 100;
      }
      if (room === (c.width ?? 100)) return;
      const td = body.querySelector<HTMLElement>(`td[data-r="${r}"][data-c="${c.i}"]`);
      if (!td) return;
      const span = el('span', text, 'spill');
      span.style.setProperty('max-width', `${room - 8}px`);
      td.replaceChildren(span);
      td.classList.add('overflow');
    });
  });
}

/** Each chart of the tab as an SVG over the grid, its top-left corner at its anchor cell. */
function drawCharts(view: GridView, table: HTMLTableElement): void {
  const area = $('grid-area');
  for (const old of area.querySelectorAll('.chart-layer')) old.remove();
  for (const chart of view.charts) {
    const anchor = table.querySelector<HTMLElement>(`td[data-r="${chart.row}"][data-c="${chart.column}"]`);
    if (!anchor) continue;
    const layer = el('div', undefined, 'chart-layer');
    layer.style.setProperty('left', `${anchor.offsetLeft + chart.offsetX}px`);
    layer.style.setProperty('top', `${anchor.offsetTop + chart.offsetY}px`);
    layer.append(drawChart(chart));
    area.append(layer);
  }
}

async function loadGrid(): Promise<void> {
  if (!currentTab) return;
  const tab = currentTab;
  const view = await api<GridView>(`/api/sheet?name=${encodeURIComponent(tab)}&rows=${rowsShown}`);
  if (tab !== currentTab) return;
  grid = view;
  renderGrid();
}

const NUMBER = /^-?[\d,]*\.?\d+%?$/;
/** The row numbers' column, as in Sheets. */
const ROW_HEADER_PX = 46;

function renderGrid(): void {
  const table = $<HTMLTableElement>('grid');
  if (!grid) return;
  const view = grid;
  const visible = view.columns.map((c, i) => ({ ...c, i })).filter((c) => !c.hidden);
  const colgroup = el('colgroup');
  const rowHeader = el('col');
  rowHeader.style.width = `${ROW_HEADER_PX}px`;
  colgroup.append(rowHeader);
  for (const c of visible) {
    const col = el('col');
    col.style.width = `${c.width ?? 100}px`;
    colgroup.append(col);
  }
  // A fixed layout needs the table's own width: then every column is exactly the sheet's width.
  table.style.width = `${visible.reduce((sum, c) => sum + (c.width ?? 100), ROW_HEADER_PX)}px`;
  const head = el('thead');
  const headRow = el('tr');
  const corner = el('th', undefined, 'corner');
  corner.append(el('span', 'Row', 'visually-hidden'));
  headRow.append(corner);
  for (const c of visible) headRow.append(el('th', c.letter));
  head.append(headRow);
  const body = el('tbody');
  view.values.forEach((line, r) => {
    const tr = el('tr');
    if (r < view.frozenRows) tr.className = 'frozen';
    tr.append(el('th', String(r + 1), 'row'));
    for (const c of visible) {
      const text = line[c.i] ?? '';
      const td = el('td', text);
      td.dataset.r = String(r);
      td.dataset.c = String(c.i);
      if (text && NUMBER.test(text)) td.classList.add('number');
      if (text.length > 30) td.title = text;
      if (selected?.r === r && selected.c === c.i) td.classList.add('selected');
      tr.append(td);
    }
    body.append(tr);
  });
  const wrapped = new Set<string>();
  for (const style of view.styles) {
    const td = body.querySelector<HTMLElement>(`td[data-r="${style.r}"][data-c="${style.c}"]`);
    if (!td) continue;
    // setProperty takes one value for one property: a colour from the sheet cannot add other CSS.
    if (style.bold) td.style.setProperty('font-weight', 'bold');
    if (style.background) td.style.setProperty('background-color', style.background);
    if (style.color) td.style.setProperty('color', style.color);
    if (style.align) td.style.setProperty('text-align', style.align);
    if (style.wrap) {
      td.classList.add('wrap');
      wrapped.add(`${style.r}:${style.c}`);
    }
  }
  overflowText(view, body, visible, wrapped);
  table.replaceChildren(colgroup, head, body);
  drawCharts(view, table);
  table.setAttribute('aria-label', `${view.name}: ${view.totalRows} rows`);
  const note = $('grid-note');
  if (view.totalRows > view.values.length) {
    note.hidden = false;
    const more = el(
      'button',
      `Show ${Math.min(ROWS_STEP, view.totalRows - view.values.length)} more`,
      'plain',
    );
    more.type = 'button';
    more.addEventListener('click', () => {
      rowsShown += ROWS_STEP;
      void loadGrid();
    });
    note.replaceChildren(`Showing rows 1–${view.values.length} of ${view.totalRows}. `, more);
  } else {
    note.hidden = true;
    note.replaceChildren();
  }
  showSelection();
}

function showSelection(): void {
  if (!grid || !selected) {
    $('cell-ref').textContent = '';
    $('formula').textContent = '';
    return;
  }
  const { r, c } = selected;
  $('cell-ref').textContent = `${grid.columns[c]?.letter ?? ''}${r + 1}`;
  $('formula').textContent = grid.formulas[r]?.[c] || grid.values[r]?.[c] || '';
}

function select(r: number, c: number): void {
  if (!grid) return;
  const rows = grid.values.length;
  const cols = grid.columns.length;
  if (r < 0 || c < 0 || r >= rows || c >= cols) return;
  for (const old of document.querySelectorAll('#grid td.selected')) old.classList.remove('selected');
  selected = { r, c };
  const cell = document.querySelector<HTMLElement>(`#grid td[data-r="${r}"][data-c="${c}"]`);
  cell?.classList.add('selected');
  cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  showSelection();
}

$('grid').addEventListener('click', (event) => {
  const cell = (event.target as HTMLElement).closest('td');
  if (cell?.dataset.r) select(Number(cell.dataset.r), Number(cell.dataset.c));
});
$('grid-area').tabIndex = 0;
$('grid-area').addEventListener('keydown', (event) => {
  if (!selected || !grid) return;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  let c = selected.c + move[1];
  while (grid.columns[c]?.hidden) c += move[1];
  select(selected.r + move[0], c);
});

// ---- running the add-on -----------------------------------------------------------------------

/** Runs an add-on function as the signed-in person, then shows what it opened, said and changed. */
async function run(fn: string, args: unknown[]): Promise<RunOutcome> {
  const outcome = await call(fn, args);
  await show(fn, outcome);
  return outcome;
}

const NOT_RUN = {
  shown: [],
  alerts: [],
  toasts: [],
  changed: false,
  activated: false,
  activeSheet: '',
  ms: 0,
};

/** Runs an add-on function as the signed-in person. */
async function call(fn: string, args: unknown[]): Promise<RunOutcome> {
  status(`Running ${fn}…`);
  try {
    return await api<RunOutcome>('/api/run', { fn, args });
  } catch (error) {
    const message = (error as Error).message;
    status(message);
    return { ok: false, message, ...NOT_RUN };
  }
}

/** Opens the sidebars and dialogs a run opened, shows its alerts, and redraws what it changed. */
async function show(fn: string, outcome: RunOutcome): Promise<void> {
  if (!outcome.ok && !outcome.ms) return; // the request itself failed; the status line says why
  for (const page of outcome.shown) {
    if (page.kind === 'sidebar') openSidebar(page.id, page.title);
    else openDialog(page.id, page.title, page.width, page.height);
  }
  if (!outcome.ok && !frames.size) showMessage('Relationship Calls', outcome.message ?? 'The add-on failed.');
  for (const alert of outcome.alerts) showMessage(alert.title, alert.prompt);
  for (const toast of outcome.toasts) showToast(toast.title, toast.message);
  if (outcome.changed || outcome.activated) {
    // A run that activates a sheet shows that tab, as Sheets does; otherwise the page stays put.
    renderState(await api<State>('/api/state'), outcome.activated);
    await loadGrid();
  }
  // Said last, once the grid shows what the run changed.
  const saving = outcome.changed ? '; saving the workbook' : '';
  status(`${fn} ${outcome.ok ? 'ran' : 'failed'} in ${outcome.ms} ms${saving}`);
}

function frame(id: string, title: string): HTMLIFrameElement {
  const iframe = el('iframe');
  // Sandboxed without same-origin, as Sheets serves add-on pages: the frame cannot reach this window.
  iframe.setAttribute('sandbox', 'allow-scripts allow-forms allow-modals allow-popups allow-downloads');
  iframe.title = title;
  iframe.src = `/addon/${id}`;
  return iframe;
}

function forget(iframe: HTMLIFrameElement | null | undefined): void {
  for (const [win, f] of frames) if (f === iframe) frames.delete(win);
  iframe?.remove();
}

function openSidebar(id: string, title: string): void {
  const aside = $('sidebar');
  forget(aside.querySelector('iframe'));
  $('sidebar-title').textContent = title;
  const iframe = frame(id, title);
  aside.append(iframe);
  aside.hidden = false;
  if (iframe.contentWindow) frames.set(iframe.contentWindow, iframe);
}

function closeSidebar(): void {
  const aside = $('sidebar');
  forget(aside.querySelector('iframe'));
  aside.hidden = true;
}

function openDialog(id: string, title: string, width = 640, height = 560): void {
  const dialog = $<HTMLDialogElement>('addon-dialog');
  forget(dialog.querySelector('iframe'));
  $('addon-dialog-title').textContent = title;
  const iframe = frame(id, title);
  iframe.style.width = `${width}px`;
  iframe.style.height = `${height}px`;
  dialog.append(iframe);
  if (!dialog.open) dialog.showModal();
  if (iframe.contentWindow) frames.set(iframe.contentWindow, iframe);
}

function closeDialog(): void {
  const dialog = $<HTMLDialogElement>('addon-dialog');
  forget(dialog.querySelector('iframe'));
  if (dialog.open) dialog.close();
}

function showMessage(title: string, prompt: string): void {
  alerts.push({ title, prompt });
  const dialog = $<HTMLDialogElement>('message');
  if (!dialog.open && !$<HTMLDialogElement>('addon-dialog').open) nextMessage();
}

let toastTimer: number | undefined;

/** A toast, as Sheets shows one: bottom right, gone after a few seconds or when closed. */
function showToast(title: string, message: string): void {
  $('toast-title').textContent = title;
  $('toast-text').textContent = message;
  $('toast').hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    $('toast').hidden = true;
  }, 8000);
}
$('toast-close').addEventListener('click', () => {
  $('toast').hidden = true;
});

function nextMessage(): void {
  const next = alerts.shift();
  if (!next) return;
  $('message-title').textContent = next.title || 'Relationship Calls';
  $('message-text').textContent = next.prompt;
  $<HTMLDialogElement>('message').showModal();
}
$('message').addEventListener('close', nextMessage);

window.addEventListener('message', (event: MessageEvent<FromAddon>) => {
  const source = event.source as Window | null;
  const iframe = source ? frames.get(source) : undefined;
  if (!iframe || !source || event.data?.source !== BRIDGE_SOURCE) return;
  const message = event.data;
  if (message.type === 'close') {
    if (iframe.closest('dialog')) closeDialog();
    else closeSidebar();
  } else if (message.type === 'resize') {
    if (message.width && iframe.closest('dialog')) iframe.style.width = `${message.width}px`;
    if (message.height && iframe.closest('dialog')) iframe.style.height = `${message.height}px`;
  } else if (message.type === 'run') {
    void call(message.fn, message.args).then((outcome) => {
      // The add-on's handler first, then the grid: the sidebar never waits for the page to redraw.
      const reply: ToAddon = { source: BRIDGE_SOURCE, id: message.id, ok: outcome.ok };
      if (outcome.ok) reply.value = outcome.value;
      else reply.message = outcome.message;
      source.postMessage(reply, '*');
      return show(message.fn, outcome);
    });
  }
});

$('sidebar-close').addEventListener('click', closeSidebar);
$('addon-dialog-close').addEventListener('click', closeDialog);
$('addon-dialog').addEventListener('close', () => {
  forget($('addon-dialog').querySelector('iframe'));
  nextMessage();
});
document.addEventListener('click', closeMenus);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeMenus();
});

$('signed-in-as').addEventListener('change', async () => {
  const role = $<HTMLSelectElement>('signed-in-as').value;
  closeSidebar();
  closeDialog();
  try {
    renderState(await api<State>('/api/sign-in', { role }));
    status(`Signed in as ${state?.user.name} (${state?.user.email})`);
  } catch (error) {
    status((error as Error).message);
  }
});

$('reset').addEventListener('click', async () => {
  if (!window.confirm('Put the demo school back as it was? Every change made in the preview is lost.'))
    return;
  closeSidebar();
  closeDialog();
  status('Putting the demo school back…');
  try {
    renderState(await api<State>('/api/reset', {}), true);
    rowsShown = ROWS_STEP;
    selected = undefined;
    await loadGrid();
    status('The demo school is back as it was.');
  } catch (error) {
    status((error as Error).message);
  }
});

async function start(): Promise<void> {
  try {
    renderState(await api<State>('/api/state'));
    await loadGrid();
    status(
      `Signed in as ${state?.user.name}. Extensions > Relationship Calls > Log a call opens the sidebar.`,
    );
  } catch (error) {
    status((error as Error).message);
  }
}
void start();
