/**
 * The Import roster dialog: paste CSV or TSV (or choose a .csv file), press Preview to see what would
 * be added, updated and rejected (nothing is written), then Import to write it in one batch. Every
 * pasted value is shown as text (textContent): a name like <b>x</b> or =HYPERLINK() stays text.
 */
import type { RosterPreview } from '../../common/rpc';
import { count, el, replaceChildren } from '../dom';
import { callServer, closeHost } from '../server';

/** Rows shown in each preview table; the counts above say how many there are in all. */
const SHOWN = 200;

/** The dialog's controls; the handlers below share them. */
interface ImportForm {
  text: HTMLTextAreaElement;
  file: HTMLInputElement;
  previewButton: HTMLButtonElement;
  importButton: HTMLButtonElement;
  message: HTMLDivElement;
  result: HTMLDivElement;
}

/** What the dialog remembers between Preview and Import, and the status line it writes to. */
interface ImportState {
  /** The exact text last previewed: Import sends this, so what is written is what was shown. */
  previewed: string | null;
  show(kind: 'error' | 'notice' | '', sentence: string): void;
  /** Any edit to the roster makes the last preview stale, so Import waits for a new one. */
  invalidate(): void;
}

export function start(root: HTMLElement): void {
  const form = renderForm(root);
  const { text, file, importButton, message } = form;
  const state: ImportState = {
    previewed: null,
    show(kind, sentence) {
      message.className = kind ? `message ${kind}` : 'message';
      message.textContent = kind === 'error' ? `Error: ${sentence}` : sentence;
    },
    invalidate() {
      state.previewed = null;
      importButton.disabled = true;
    },
  };
  text.addEventListener('input', state.invalidate);
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    chosen.text().then((content) => {
      text.value = content;
      state.invalidate();
    });
  });
  form.previewButton.addEventListener('click', () => previewRoster(form, state));
  importButton.addEventListener('click', () => importRoster(form, state));
}

/** Builds the dialog's controls into root. */
function renderForm(root: HTMLElement): ImportForm {
  const text = el('textarea', {
    id: 'roster-text',
    rows: 10,
    spellcheck: 'false',
    'aria-describedby': 'roster-hint',
  }) as HTMLTextAreaElement;
  const file = el('input', {
    id: 'roster-file',
    type: 'file',
    accept: '.csv,.tsv,.txt,text/csv',
  }) as HTMLInputElement;
  const previewButton = el('button', { type: 'button', class: 'action' }, 'Preview');
  const importButton = el('button', { type: 'button', disabled: true }, 'Import');
  const message = el('div', { class: 'message', role: 'status' });
  const result = el('div', { id: 'roster-preview' });

  replaceChildren(
    root,
    el('h1', {}, 'Import roster'),
    el(
      'p',
      { id: 'roster-hint', class: 'hint' },
      'Paste teachers (Name, Email, Goal) or families (Student ID, Student Name, Grade, Homeroom Teacher Email, ...) with a header line, from a spreadsheet or a CSV file. Nothing is saved until you press Import.',
    ),
    el('div', { class: 'field' }, el('label', { for: 'roster-text' }, 'Roster'), text),
    el('div', { class: 'field' }, el('label', { for: 'roster-file' }, 'Or choose a CSV file'), file),
    el('div', { class: 'actions' }, previewButton, importButton),
    message,
    result,
  );
  // The main view is 300 px for the sidebar; a dialog may use its width.
  root.style.maxWidth = 'none';
  return { text, file, previewButton, importButton, message, result };
}

/** Preview: asks the server what the pasted text would add, update and reject; writes nothing. */
function previewRoster(form: ImportForm, state: ImportState): void {
  const { text, previewButton, importButton, result } = form;
  const pasted = text.value;
  previewButton.disabled = true;
  state.show('', 'Reading the roster…');
  callServer('previewRoster', pasted)
    .then((preview) => {
      state.previewed = pasted;
      renderPreview(result, preview);
      const writes = preview.add.length + preview.update.length;
      importButton.disabled = writes === 0;
      importButton.textContent = `Import ${count(writes)} row${writes === 1 ? '' : 's'}`;
      state.show('', writes ? 'Check the preview, then press Import.' : 'Nothing to import.');
    })
    .catch((error: Error) => {
      replaceChildren(result);
      state.show('error', error.message);
    })
    .finally(() => {
      previewButton.disabled = false;
    });
}

/** Import: writes the previewed text, then offers a Close button above the preview. */
function importRoster(form: ImportForm, state: ImportState): void {
  const { previewButton, importButton, result } = form;
  if (state.previewed === null) return;
  importButton.disabled = true;
  previewButton.disabled = true;
  state.show('', 'Importing…');
  callServer('importRoster', state.previewed)
    .then((done) => {
      state.show('notice', done.message);
      const close = el('button', { type: 'button' }, 'Close');
      close.addEventListener('click', closeHost);
      result.prepend(close);
      state.invalidate();
    })
    .catch((error: Error) => {
      state.show('error', error.message);
      importButton.disabled = false;
    })
    .finally(() => {
      previewButton.disabled = false;
    });
}

function table(headers: string[], rows: string[][]): HTMLTableElement {
  const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)));
  const body = rows.slice(0, SHOWN).map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))));
  return el('table', { class: 'preview' }, el('thead', {}, head), el('tbody', {}, ...body));
}

function renderPreview(root: HTMLElement, p: RosterPreview): void {
  const what = p.kind === 'teachers' ? 'teachers' : 'families';
  const parts: (HTMLElement | string)[] = [
    el(
      'p',
      { class: 'summary' },
      `Read as ${what}: ${count(p.add.length)} to add, ${count(p.update.length)} to update, ${count(p.unchanged)} already up to date, ${count(p.rejected.length)} rejected.`,
    ),
  ];
  if (p.ignoredHeaders.length)
    parts.push(el('p', { class: 'hint' }, `Columns not imported: ${p.ignoredHeaders.join(', ')}.`));
  if (p.rejected.length) {
    parts.push(el('h2', {}, `Rejected (${count(p.rejected.length)})`));
    parts.push(
      table(
        ['Line', 'Why'],
        p.rejected.map((r) => [String(r.line), r.reason]),
      ),
    );
  }
  if (p.add.length) {
    const headers = [...new Set(p.add.flatMap((r) => Object.keys(r.cells)))];
    parts.push(el('h2', {}, `To add (${count(p.add.length)})`));
    parts.push(
      table(
        ['Line', ...headers],
        p.add.map((r) => [String(r.line), ...headers.map((h) => r.cells[h] ?? '')]),
      ),
    );
  }
  if (p.update.length) {
    parts.push(el('h2', {}, `To update (${count(p.update.length)})`));
    parts.push(
      table(
        ['Line', p.kind === 'teachers' ? 'Email' : 'Student ID', 'Changes'],
        p.update.map((u) => [
          String(u.line),
          u.key,
          u.changes.map((c) => `${c.header}: "${c.from}" → "${c.to}"`).join('; '),
        ]),
      ),
    );
  }
  if (p.add.length > SHOWN || p.update.length > SHOWN || p.rejected.length > SHOWN)
    parts.push(el('p', { class: 'hint' }, `Each list shows its first ${SHOWN} rows.`));
  replaceChildren(root, ...parts);
}
