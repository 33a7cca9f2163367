/**
 * My recent calls: the teacher's last five calls, each with Edit (the call goes back into the form)
 * and Delete (after a confirmation in place: the sidebar runs in a sandboxed frame where
 * window.confirm is not a dependable dialog). The server decides what a teacher may change; this
 * list only shows their own calls.
 */
import type { LoggedCall } from '../../common/rpc';
import { RECENT_CALLS_SHOWN } from '../../core/family-knowledge';
import { el, replaceChildren } from '../dom';

export interface RecentCallsHandlers {
  edit(call: LoggedCall): void;
  remove(call: LoggedCall): Promise<void>;
}

function title(call: LoggedCall): string {
  return `${call.callDate || 'undated'} to ${call.studentName || call.studentId}`;
}

export class RecentCalls {
  readonly element = el('details', { id: 'recent-calls', class: 'recent' });
  private readonly summary = el('summary', {});
  private readonly list = el('ol', { class: 'recent-list' });

  constructor(private readonly handlers: RecentCallsHandlers) {
    this.element.append(this.summary, this.list);
  }

  private shown: readonly LoggedCall[] = [];

  /**
   * Puts calls just saved at the top of the list shown, replacing the same calls further down:
   * logCall answers only the call it saved, not the whole list again.
   */
  putFirst(saved: readonly LoggedCall[]): void {
    const ids = new Set(saved.map((call) => call.submissionId));
    const rest = this.shown.filter((call) => !ids.has(call.submissionId));
    this.show([...saved, ...rest].slice(0, RECENT_CALLS_SHOWN));
  }

  show(calls: readonly LoggedCall[]): void {
    this.shown = calls;
    this.summary.textContent = `My recent calls (${calls.length})`;
    if (!calls.length) {
      replaceChildren(
        this.list,
        el('li', { class: 'hint' }, 'Calls you log appear here, to edit or delete.'),
      );
      return;
    }
    replaceChildren(this.list, ...calls.map((call) => this.item(call)));
  }

  private item(call: LoggedCall): HTMLElement {
    const line = [call.callDate || 'Undated', call.studentName || call.studentId, call.outcome]
      .filter(Boolean)
      .join(' · ');
    const actions = el('div', { class: 'row-actions' });
    const item = el(
      'li',
      {},
      el('span', { class: 'call-head' }, line),
      call.personReached ? el('span', { class: 'call-note' }, `Spoke with ${call.personReached}`) : null,
      call.edited ? el('span', { class: 'call-note' }, 'Edited') : null,
      actions,
    );
    const edit = el('button', { type: 'button', 'aria-label': `Edit the call of ${title(call)}` }, 'Edit');
    const remove = el(
      'button',
      { type: 'button', 'aria-label': `Delete the call of ${title(call)}` },
      'Delete',
    );
    edit.addEventListener('click', () => this.handlers.edit(call));
    remove.addEventListener('click', () => this.confirmDelete(call, actions, remove));
    actions.append(edit, remove);
    return item;
  }

  /** Replaces the buttons with the question and its two answers; Keep it puts them back. */
  private confirmDelete(call: LoggedCall, actions: HTMLElement, remove: HTMLButtonElement): void {
    const buttons = Array.from(actions.childNodes);
    const question = el(
      'p',
      { class: 'confirm-text', tabindex: -1 },
      `Delete the call of ${title(call)} from the Call Log?`,
    );
    const yes = el('button', { type: 'button', class: 'danger' }, 'Delete call');
    const no = el('button', { type: 'button' }, 'Keep it');
    const restore = () => {
      replaceChildren(actions, ...buttons);
      remove.focus();
    };
    no.addEventListener('click', restore);
    yes.addEventListener('click', () => {
      yes.disabled = true;
      no.disabled = true;
      yes.textContent = 'Deleting…';
      // On failure the server's sentence shows in the sidebar's alert and the call stays listed.
      this.handlers.remove(call).catch(() => {
        yes.disabled = false;
        no.disabled = false;
        yes.textContent = 'Delete call';
      });
    });
    replaceChildren(actions, question, el('div', { class: 'actions' }, yes, no));
    question.focus();
  }
}
