/**
 * The "Log a call" sidebar: one getSidebarContext on open, one logCall per call logged (editCall or
 * deleteCall for a call of My recent calls).
 *
 * Nothing typed is lost: a refused or failed save keeps every field and shows the server's sentence;
 * the submission id stays the same until a save succeeds, so pressing Log call again after a timeout
 * can never log the call twice. The shared checkCallInput runs here first so a teacher sees every
 * problem next to its field, and again on the server. Enter in a one-line field never saves (a half
 * filled call used to go out that way); Ctrl+Enter or Cmd+Enter does, from any field, as in Google's
 * own forms. The form is short: what a call needs is on show, the rest opens when wanted, and Log
 * call stays at the bottom of the sidebar.
 *
 * On the phone (Phone.html, `data-shell="phone"`) the same view keeps each call in the page's outbox
 * until the server has it and resends kept calls when the page opens (see ../outbox.ts), and lists
 * My recent calls after the form, so the family search comes first.
 */
import { checkCallInput, isReachedOutcome } from '../../common/call-input';
import type {
  CallInput,
  FamilyKnowledge,
  FamilyOption,
  LogCallResult,
  LoggedCall,
  Progress,
  SidebarContext,
} from '../../common/rpc';
import { headerKey } from '../../common/schema';
import { count, el, replaceChildren } from '../dom';
import { type FamilyPicker, familyPicker } from '../family-picker';
import { type Outbox, openOutbox } from '../outbox';
import { callServer } from '../server';
import { CallForm, REACHED_ONLY } from './call-form';
import { familyBox } from './family-box';
import { RecentCalls } from './recent-calls';

export function start(root: HTMLElement): void {
  const load = () => {
    replaceChildren(root, el('p', { class: 'loading' }, 'Loading your families…'));
    callServer('getSidebarContext')
      .then((context) => {
        if ('notOnTeachers' in context) {
          replaceChildren(
            root,
            el('h1', {}, 'Log a call'),
            el('p', { class: 'message notice' }, context.message),
          );
          return;
        }
        new LogCallView(root, context);
      })
      .catch((error: Error) => {
        const retry = el('button', { type: 'button' }, 'Try again');
        retry.addEventListener('click', load);
        const alert = el('div', { class: 'message error', role: 'alert', tabindex: -1 }, error.message);
        replaceChildren(root, el('h1', {}, 'Log a call'), alert, retry);
        alert.focus();
      });
  };
  load();
}

/** A random id for one submission (kept across retries of the same call). */
export function newSubmissionId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The attempts a teacher saves with one tap, as the default outcomes name them (Settings may not). */
const ONE_TAP_OUTCOMES = ['No answer', 'Left a message', 'Wrong or disconnected number'].map(headerKey);

export function progressLine(p: Progress): string {
  const unit = p.counts === 'Attempts' ? 'calls' : 'conversations';
  const own = p.ownFamilies ? ` · ${count(p.ownFamiliesNotReached)} of your families not yet reached` : '';
  return `${count(p.done)} of ${count(p.goal)} ${unit}${own}`;
}

class LogCallView {
  private families: FamilyOption[];
  private submissionId = newSubmissionId();
  private saving = false;
  private knowledgeFor = '';
  /** The call of My recent calls being edited, or null when the form logs a new call. */
  private editing: LoggedCall | null = null;
  /** "Save without notes?" is asked once per call. */
  private notesAsked = false;

  private readonly status = el('div', { id: 'status', class: 'message', role: 'status' });
  private readonly progressText = el('p', { id: 'progress-text', class: 'progress-line' });
  private readonly familyInfo = el('section', { id: 'family-info', class: 'family-info', hidden: true });
  private readonly attempts = el('div', {
    class: 'attempts',
    role: 'group',
    'aria-label': 'How the call went',
    hidden: true,
  });
  private readonly formTitle = el('h2', { id: 'form-title', tabindex: -1 }, 'The call');
  private readonly submit = el('button', { type: 'submit', class: 'action' }, 'Log call');
  private readonly cancelEdit = el('button', { type: 'button', hidden: true }, 'Cancel edit');
  private readonly picker: FamilyPicker;
  private readonly form: CallForm;
  private readonly recent: RecentCalls;
  /** Phone only: calls kept on the device until the server has them. */
  private readonly outbox: Outbox | null;
  private readonly phone = document.body.dataset.shell === 'phone';

  constructor(
    private readonly root: HTMLElement,
    private readonly context: SidebarContext,
  ) {
    this.families = context.families;
    this.picker = familyPicker('studentId', this.families, 'studentId-hint studentId-error', (f) =>
      this.onFamily(f),
    );
    this.form = new CallForm(context, this.picker);
    this.recent = new RecentCalls({
      edit: (call) => this.startEdit(call),
      remove: (call) => this.remove(call),
    });
    this.outbox = this.phone ? openOutbox(context.teacher.email) : null;
    this.render();
    void this.sendKept();
  }

  private render(): void {
    const { context, form } = this;
    const settingsNotice = context.settingsProblems.length
      ? el(
          'div',
          { class: 'message notice' },
          el('strong', {}, 'Note for your principal: '),
          `Settings need fixing (${context.settingsProblems.join(' ')}) Calls are still saved.`,
        )
      : null;
    this.progressText.textContent = progressLine(context.progress);
    this.recent.show(context.recentCalls);
    this.buildAttempts();
    form.element.prepend(this.formTitle);
    form.insertAfterFamily(this.familyInfo, this.attempts);
    form.element.append(el('div', { class: 'bar' }, this.submit, this.cancelEdit));
    form.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    form.element.addEventListener('keydown', (event) => this.onKey(event));
    form.onConfirmNotes = () => void this.save();
    this.cancelEdit.addEventListener('click', () => {
      this.reset();
      this.status.textContent = 'Edit cancelled; nothing was changed.';
    });
    replaceChildren(
      this.root,
      el(
        'header',
        { class: 'top' },
        el('h1', {}, 'Log a call'),
        el('p', { class: 'who' }, `Signed in as ${context.teacher.name || context.teacher.email}`),
        this.progressText,
      ),
      settingsNotice,
      this.status,
      ...(this.phone ? [form.element, this.recent.element] : [this.recent.element, form.element]),
    );
  }

  private buildAttempts(): void {
    const outcomes = this.context.pickLists.outcomes.filter((o) => ONE_TAP_OUTCOMES.includes(headerKey(o)));
    const reached = this.context.pickLists.outcomes.find((o) => isReachedOutcome(o));
    if (reached) {
      // One tap instead of opening the Outcome list: the conversation's fields open below.
      const button = el('button', { type: 'button', class: 'attempt reached' }, 'Reached them');
      button.addEventListener('click', () => this.form.chooseOutcome(reached));
      this.attempts.append(button);
    }
    if (!outcomes.length) return;
    this.attempts.append(
      el('p', { id: 'attempts-title', class: 'hint' }, 'Not reached? One tap saves the attempt:'),
    );
    for (const outcome of outcomes) {
      const button = el('button', { type: 'button', class: 'attempt' }, outcome);
      button.addEventListener('click', () => void this.save(outcome));
      this.attempts.append(button);
    }
  }

  /** Enter in a one-line field does nothing (the browser would submit); Ctrl/Cmd+Enter saves. */
  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void this.save();
    } else if (event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  }

  private onFamily(family: FamilyOption | null): void {
    this.form.showError('studentId', '');
    this.form.setCaregivers([]);
    this.attempts.hidden = !family || this.editing !== null;
    if (!family) {
      this.familyInfo.hidden = true;
      this.knowledgeFor = '';
      return;
    }
    this.form.fillFromFamily(family);
    this.renderFamily(family, null);
    this.knowledgeFor = family.studentId;
    callServer('getFamilyKnowledge', family.studentId)
      .then((knowledge) => {
        if (this.knowledgeFor !== family.studentId) return;
        this.renderFamily(family, knowledge);
        this.form.setCaregivers(knowledge.caregivers);
      })
      .catch(() => {
        if (this.knowledgeFor === family.studentId) this.renderFamily(family, 'failed');
      });
  }

  private renderFamily(family: FamilyOption, knowledge: FamilyKnowledge | 'failed' | null): void {
    replaceChildren(this.familyInfo, ...familyBox(family, knowledge));
    this.familyInfo.setAttribute('aria-label', `About ${family.studentName || family.studentId}`);
    this.familyInfo.hidden = false;
  }

  private readInput(outcome?: string): CallInput {
    const input = this.form.read(this.submissionId);
    if (outcome === undefined) return input;
    // One tap: the attempt as the form stands (today and the teacher's method unless changed),
    // with nothing that belongs only to a conversation.
    for (const field of REACHED_ONLY) (input[field] as string) = '';
    return { ...input, outcome, saveToFamily: false };
  }

  private async save(outcome?: string): Promise<void> {
    if (this.saving) return;
    this.form.clearMessages();
    this.status.textContent = '';
    const input = this.readInput(outcome);
    const { problems } = checkCallInput(input, {
      today: this.context.today,
      pickLists: this.context.pickLists,
      maxNoteLength: this.context.maxNoteLength,
    });
    if (problems.length) {
      this.form.showProblems(problems);
      return;
    }
    if (isReachedOutcome(input.outcome) && !input.strengths && !input.hopes && !input.learned) {
      if (!this.notesAsked) {
        this.notesAsked = true;
        this.form.askNotes();
        return;
      }
    }
    const editing = this.editing;
    this.setSaving(true);
    // Kept before it is sent: if the page is closed while the call is on its way, it is not lost.
    if (!editing) this.outbox?.keep(input);
    try {
      const result = editing
        ? await callServer('editCall', input, this.familyRow(input.studentId))
        : await callServer('logCall', input, this.familyRow(input.studentId));
      this.outbox?.sent(input.submissionId);
      this.done(result);
      if (!editing) this.markLogged(input);
      this.reset();
      // Keep the principal's figures fresh without making the teacher wait; its failure is not theirs.
      callServer('refreshSummary').catch(() => undefined);
    } catch (error) {
      const kept =
        !editing && this.outbox ? ' It is kept on this phone and sent when you open this page again.' : '';
      this.form.showAlert(`Not saved. ${(error as Error).message}${kept}`);
    } finally {
      this.setSaving(false);
    }
  }

  /** Phone: calls kept from an earlier visit go out again, each with its own submission id. */
  private async sendKept(): Promise<void> {
    for (const input of this.outbox?.kept() ?? []) {
      try {
        const result = await callServer('logCall', input, this.familyRow(input.studentId));
        this.outbox?.sent(input.submissionId);
        this.done(result);
        if (result.written) this.markLogged(input);
        this.status.prepend(
          el(
            'p',
            {},
            result.written
              ? 'A call kept on this phone from earlier is now saved.'
              : 'A call kept on this phone from earlier had reached the sheet already.',
          ),
        );
      } catch (error) {
        // Back in the form, whatever went wrong: the teacher sees the call, can fix what the server
        // refused, and sends it with the same submission id. Later kept calls wait for the next visit.
        this.restore(input);
        this.form.showAlert(
          `A call kept on this phone is not saved yet. ${(error as Error).message} It is back in the form: press Log call to send it again.`,
        );
        return;
      }
    }
  }

  /** Puts a kept call back into the form as a new call, under its own submission id. */
  private restore(input: CallInput): void {
    const family = this.families.find((f) => f.studentId === input.studentId) ?? null;
    this.picker.select(family);
    this.form.fill({ ...input, studentName: family?.studentName ?? '', loggedOn: '', edited: false }, false);
    this.submissionId = input.submissionId;
  }

  private setSaving(saving: boolean): void {
    this.saving = saving;
    this.submit.disabled = saving;
    for (const button of Array.from(this.attempts.querySelectorAll('button'))) button.disabled = saving;
    this.submit.textContent = saving ? 'Saving…' : this.editing ? 'Save changes' : 'Log call';
  }

  /** Shows the server's sentence, the new progress and the refreshed list of recent calls. */
  private done(result: LogCallResult): void {
    replaceChildren(
      this.status,
      el('p', {}, result.message),
      result.warning ? el('p', {}, `Note: ${result.warning}`) : null,
    );
    this.progressText.textContent = progressLine(result.progress);
    if (result.savedCallOnly) this.recent.putFirst(result.recentCalls);
    else this.recent.show(result.recentCalls);
  }

  private async remove(call: LoggedCall): Promise<void> {
    this.status.textContent = '';
    try {
      const result = await callServer('deleteCall', call.submissionId);
      this.done(result);
      if (this.editing?.submissionId === call.submissionId) this.reset();
      // The question and its buttons are gone: focus goes back to the list's own line.
      this.recent.element.open = true;
      this.recent.element.querySelector('summary')?.focus();
      callServer('refreshSummary').catch(() => undefined);
    } catch (error) {
      this.form.showAlert(`Not deleted. ${(error as Error).message}`);
      throw error;
    }
  }

  /** Puts one of the teacher's calls back into the form; saving rewrites that row. */
  private startEdit(call: LoggedCall): void {
    this.reset();
    this.status.textContent = '';
    this.editing = call;
    this.submissionId = call.submissionId;
    const family = this.families.find((f) => f.studentId === call.studentId) ?? null;
    this.picker.select(family);
    this.form.fill(call);
    this.attempts.hidden = true;
    this.formTitle.textContent = `Editing your call of ${call.callDate || 'no date'} to ${call.studentName || call.studentId}`;
    this.submit.textContent = 'Save changes';
    this.cancelEdit.hidden = false;
    this.formTitle.focus();
  }

  /**
   * Where this page saw the family on Families: a hint for logCall and editCall, which check it
   * (FamilyOption.row). null, not undefined, when unknown: google.script.run passes primitives and null.
   */
  private familyRow(studentId: string): number | null {
    return this.families.find((f) => f.studentId === studentId)?.row ?? null;
  }

  /** Updates the family list so the next search shows the call just logged. */
  private markLogged(input: CallInput): void {
    this.families = this.families.map((f) =>
      f.studentId === input.studentId
        ? { ...f, attempts: f.attempts + 1, reached: f.reached || isReachedOutcome(input.outcome) }
        : f,
    );
    this.picker.setFamilies(this.families);
  }

  /** Ready for the next family: a blank form, today's date, the teacher's method, a new submission id. */
  private reset(): void {
    this.editing = null;
    this.notesAsked = false;
    this.form.reset();
    this.picker.select(null);
    this.submissionId = newSubmissionId();
    this.formTitle.textContent = 'The call';
    this.submit.textContent = 'Log call';
    this.cancelEdit.hidden = true;
    this.attempts.hidden = true;
    this.picker.input.focus();
  }
}
