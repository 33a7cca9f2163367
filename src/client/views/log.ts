/**
 * The "Log a call" sidebar: one getSidebarContext on open, one logCall per call logged.
 *
 * Nothing typed is lost: a refused or failed save keeps every field and shows the server's sentence;
 * the submission id stays the same until a save succeeds, so pressing Log call again after a timeout
 * can never log the call twice. The shared checkCallInput runs here first so a teacher sees every
 * problem next to its field, and again on the server.
 */
import {
  CALL_FIELD_LABELS,
  type CallField,
  callWindowWarning,
  checkCallInput,
  isReachedOutcome,
  REACHED_ONLY_FIELDS,
} from '../../common/call-input';
import type { CallInput, FamilyKnowledge, FamilyOption, Progress, SidebarContext } from '../../common/rpc';
import { count, el, replaceChildren } from '../dom';
import { type FamilyPicker, familyPicker } from '../family-picker';
import { callServer } from '../server';

export function start(root: HTMLElement): void {
  const load = () => {
    replaceChildren(root, el('p', { class: 'loading' }, 'Loading your families…'));
    callServer('getSidebarContext')
      .then((context) => new LogCallView(root, context))
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

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const NOTE_FIELDS = ['strengths', 'hopes', 'learned', 'followUp'] as const;

class LogCallView {
  private families: FamilyOption[];
  private submissionId = newSubmissionId();
  private saving = false;
  private knowledgeFor = '';

  private readonly status = el('div', { id: 'status', class: 'message', role: 'status' });
  private readonly alert = el('div', { id: 'alert', class: 'message error', role: 'alert', tabindex: -1 });
  private readonly progressBox = el('section', { class: 'progress', 'aria-labelledby': 'progress-title' });
  private readonly familyInfo = el('section', { id: 'family-info', class: 'family-info', hidden: true });
  private readonly form = el('form', { novalidate: true, 'aria-labelledby': 'form-title' });
  private readonly submit = el('button', { type: 'submit', class: 'action' }, 'Log call');
  private readonly picker: FamilyPicker;
  private readonly controls = {} as Record<Exclude<CallField, 'studentId' | 'submissionId'>, Control>;
  private readonly errors = new Map<CallField, HTMLElement>();
  private readonly windowNote = el('p', { id: 'callDate-window', class: 'hint warning-text' });

  constructor(
    private readonly root: HTMLElement,
    private readonly context: SidebarContext,
  ) {
    this.families = context.families;
    this.picker = familyPicker('studentId', this.families, 'studentId-hint studentId-error', (f) =>
      this.onFamily(f),
    );
    this.render();
  }

  private render(): void {
    const { context } = this;
    const settingsNotice = context.settingsProblems.length
      ? el(
          'div',
          { class: 'message notice' },
          el('strong', {}, 'Note for your principal: '),
          `Settings need fixing (${context.settingsProblems.join(' ')}) Calls are still saved.`,
        )
      : null;
    this.renderProgress(context.progress);
    this.buildForm();
    replaceChildren(
      this.root,
      el('h1', { id: 'form-title' }, 'Log a call'),
      el('p', { class: 'who' }, `Signed in as ${context.teacher.name || context.teacher.email}`),
      settingsNotice,
      this.progressBox,
      this.status,
      this.form,
    );
    this.updateReached();
    this.updateWindowNote();
  }

  private renderProgress(p: Progress): void {
    const unit = p.counts === 'Attempts' ? 'calls' : 'conversations';
    replaceChildren(
      this.progressBox,
      el('h2', { id: 'progress-title' }, 'Your progress'),
      el(
        'p',
        { id: 'progress-text', class: 'progress-figure' },
        `${count(p.done)} of ${count(p.goal)} ${unit}`,
      ),
      el('progress', {
        max: Math.max(p.goal, 1),
        value: Math.min(p.done, Math.max(p.goal, 1)),
        'aria-labelledby': 'progress-text',
      }),
      el('p', { class: 'hint' }, `Status: ${p.status}.`),
      el(
        'p',
        { id: 'own-not-reached', class: 'hint' },
        p.ownFamilies
          ? `${count(p.ownFamiliesNotReached)} of your ${count(p.ownFamilies)} families not reached yet.`
          : 'No families list you as their homeroom teacher.',
      ),
    );
  }

  /** A labelled field: label, control, optional hint, and an error line tied to the control. */
  private field(name: CallField, control: Control | HTMLElement, hint = '', required = false): HTMLElement {
    const error = el('p', { id: `${name}-error`, class: 'error-text', hidden: true });
    this.errors.set(name, error);
    const label = el(
      'label',
      { for: name },
      CALL_FIELD_LABELS[name],
      required ? el('span', { class: 'required' }, ' (required)') : null,
    );
    return el(
      'div',
      { class: 'field', 'data-field': name },
      label,
      control,
      hint ? el('p', { id: `${name}-hint`, class: 'hint' }, hint) : null,
      error,
    );
  }

  private select(name: CallField, options: readonly string[], placeholder: string): HTMLSelectElement {
    const select = el('select', { id: name, name, 'aria-describedby': `${name}-error` });
    select.append(el('option', { value: '' }, placeholder));
    for (const option of options) select.append(el('option', { value: option }, option));
    return select;
  }

  private note(name: (typeof NOTE_FIELDS)[number]): HTMLElement {
    const max = this.context.maxNoteLength;
    const area = el('textarea', {
      id: name,
      name,
      rows: 3,
      'aria-describedby': `${name}-count ${name}-error`,
    });
    const counter = el('p', { id: `${name}-count`, class: 'counter' });
    const update = () => {
      const n = area.value.length;
      counter.textContent =
        n > max
          ? `${count(n)} of ${count(max)} characters: ${count(n - max)} too many`
          : `${count(n)} of ${count(max)} characters`;
      counter.classList.toggle('over', n > max);
    };
    area.addEventListener('input', update);
    update();
    this.controls[name] = area;
    const error = el('p', { id: `${name}-error`, class: 'error-text', hidden: true });
    this.errors.set(name, error);
    return el(
      'div',
      { class: 'field', 'data-field': name },
      el('label', { for: name }, CALL_FIELD_LABELS[name]),
      area,
      counter,
      error,
    );
  }

  private buildForm(): void {
    const { context, controls } = this;
    const lists = context.pickLists;

    const callDate = el('input', {
      id: 'callDate',
      name: 'callDate',
      type: 'date',
      max: context.today,
      value: context.today,
      'aria-describedby': 'callDate-window callDate-error',
    });
    callDate.addEventListener('input', () => this.updateWindowNote());
    controls.callDate = callDate;
    controls.method = this.select('method', lists.methods, 'Choose…');
    (controls.method as HTMLSelectElement).value = lists.methods[0] ?? '';
    controls.outcome = this.select('outcome', lists.outcomes, 'Choose…');
    controls.outcome.addEventListener('change', () => this.updateReached());
    controls.personReached = el('input', {
      id: 'personReached',
      name: 'personReached',
      type: 'text',
      autocomplete: 'off',
      'aria-describedby': 'personReached-error',
    });
    controls.relationship = this.select('relationship', lists.relationships, 'Choose…');
    controls.language = this.select('language', lists.languages, 'Choose…');
    controls.interpreterUsed = el('input', {
      id: 'interpreterUsed',
      name: 'interpreterUsed',
      type: 'checkbox',
    });
    controls.followUpBy = el('input', {
      id: 'followUpBy',
      name: 'followUpBy',
      type: 'date',
      min: context.today,
      'aria-describedby': 'followUpBy-error',
    });
    controls.saveToFamily = el('input', {
      id: 'saveToFamily',
      name: 'saveToFamily',
      type: 'checkbox',
      checked: true,
    });

    const studentIdField = this.field(
      'studentId',
      this.picker.element,
      'Your own families are listed first; type to search every family.',
      true,
    );
    this.errors.get('studentId')?.setAttribute('id', 'studentId-error');

    const checkbox = (name: 'interpreterUsed' | 'saveToFamily') => {
      const error = el('p', { id: `${name}-error`, class: 'error-text', hidden: true });
      this.errors.set(name, error);
      return el(
        'div',
        { class: 'field checkbox', 'data-field': name },
        controls[name],
        el('label', { for: name }, CALL_FIELD_LABELS[name]),
        error,
      );
    };

    const reachedOnly = (...nodes: HTMLElement[]) => {
      for (const node of nodes) node.classList.add('reached-only');
      return nodes;
    };

    this.form.append(
      el('h2', {}, 'The call'),
      studentIdField,
      this.familyInfo,
      this.field('callDate', callDate, '', true),
      this.windowNote,
      this.field('method', controls.method, '', true),
      this.field(
        'outcome',
        controls.outcome,
        'Who you spoke with and what they said appear once you choose Reached.',
        true,
      ),
      ...reachedOnly(
        this.field('personReached', controls.personReached),
        this.field('relationship', controls.relationship),
      ),
      this.field('language', controls.language),
      checkbox('interpreterUsed'),
      ...reachedOnly(this.note('strengths'), this.note('hopes')),
      this.note('learned'),
      this.note('followUp'),
      this.field('followUpBy', controls.followUpBy),
      ...reachedOnly(checkbox('saveToFamily')),
      this.alert,
      this.submit,
    );
    this.alert.hidden = true;
    // An error stays next to its field only until the teacher changes that field: "Choose the
    // outcome" under an outcome that is chosen would say the opposite of what the form shows.
    for (const [name, control] of Object.entries(controls) as [CallField, Control][]) {
      const clear = () => {
        if (control.getAttribute('aria-invalid') === 'true') this.showError(name, '');
      };
      control.addEventListener('input', clear);
      control.addEventListener('change', clear);
    }
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
  }

  private isReached(): boolean {
    return isReachedOutcome(this.controls.outcome.value);
  }

  private updateReached(): void {
    const reached = this.isReached();
    for (const node of Array.from(this.form.querySelectorAll<HTMLElement>('.reached-only')))
      node.hidden = !reached;
  }

  private updateWindowNote(): void {
    const warning = callWindowWarning(this.controls.callDate.value, this.context.callWindow);
    this.windowNote.textContent = warning ? `Note: ${warning}` : '';
    this.windowNote.hidden = !warning;
  }

  private onFamily(family: FamilyOption | null): void {
    this.showError('studentId', '');
    if (!family) {
      this.familyInfo.hidden = true;
      this.knowledgeFor = '';
      return;
    }
    const { language, interpreterUsed } = this.controls;
    if (this.context.pickLists.languages.includes(family.preferredLanguage))
      language.value = family.preferredLanguage;
    (interpreterUsed as HTMLInputElement).checked = family.interpreterNeeded;
    this.renderFamily(family, null);
    this.knowledgeFor = family.studentId;
    callServer('getFamilyKnowledge', family.studentId)
      .then((knowledge) => {
        if (this.knowledgeFor === family.studentId) this.renderFamily(family, knowledge);
      })
      .catch(() => {
        if (this.knowledgeFor === family.studentId) this.renderFamily(family, 'failed');
      });
  }

  /** What the school knows, and the prompts for what it does not: the teacher's crib for the call. */
  private renderFamily(family: FamilyOption, knowledge: FamilyKnowledge | 'failed' | null): void {
    const facts = [
      family.caregivers ? `Caregivers: ${family.caregivers}` : '',
      family.preferredLanguage ? `Language: ${family.preferredLanguage}` : '',
      family.interpreterNeeded ? 'Asks for an interpreter' : '',
      family.reached
        ? 'Already reached by someone at school'
        : family.attempts
          ? `${family.attempts} attempt${family.attempts === 1 ? '' : 's'}, not reached yet`
          : 'No call logged yet',
    ].filter(Boolean);
    let body: (HTMLElement | string)[] = [];
    if (knowledge === null) body = [el('p', { class: 'hint' }, 'Loading what we know about this family…')];
    else if (knowledge === 'failed')
      body = [
        el(
          'p',
          { class: 'hint' },
          'Could not load what we know about this family. You can still log the call.',
        ),
      ];
    else {
      const known = Object.entries(knowledge.known).filter(([, text]) => text);
      body = [
        knowledge.lastContact ? el('p', { class: 'hint' }, `Last contact: ${knowledge.lastContact}`) : '',
        knowledge.prompts.length
          ? el(
              'div',
              {},
              el('h3', {}, 'Ask about'),
              el('ul', { class: 'prompts' }, ...knowledge.prompts.map((p) => el('li', {}, p))),
            )
          : '',
        knowledge.unknown.length
          ? el('p', { class: 'hint' }, `Still unknown: ${knowledge.unknown.join('; ')}.`)
          : el('p', { class: 'hint' }, 'The family record has something in every field.'),
        known.length
          ? el(
              'details',
              {},
              el('summary', {}, `What the school knows (${known.length})`),
              el('dl', {}, ...known.flatMap(([header, text]) => [el('dt', {}, header), el('dd', {}, text)])),
            )
          : '',
      ];
    }
    replaceChildren(
      this.familyInfo,
      el('h3', { class: 'family-name' }, family.studentName || family.studentId),
      el('ul', { class: 'facts' }, ...facts.map((f) => el('li', {}, f))),
      ...body,
    );
    this.familyInfo.setAttribute('aria-label', `About ${family.studentName || family.studentId}`);
    this.familyInfo.hidden = false;
  }

  private readInput(): CallInput {
    const c = this.controls;
    const reached = this.isReached();
    const text = (name: keyof typeof c) =>
      reached || !REACHED_ONLY_FIELDS.includes(name) ? (c[name] as HTMLInputElement).value : '';
    return {
      submissionId: this.submissionId,
      studentId: this.picker.selected()?.studentId ?? '',
      callDate: text('callDate'),
      personReached: text('personReached'),
      relationship: text('relationship'),
      method: text('method'),
      outcome: text('outcome'),
      language: text('language'),
      interpreterUsed: (c.interpreterUsed as HTMLInputElement).checked,
      strengths: text('strengths'),
      hopes: text('hopes'),
      learned: text('learned'),
      followUp: text('followUp'),
      followUpBy: text('followUpBy'),
      saveToFamily: reached && (c.saveToFamily as HTMLInputElement).checked,
    };
  }

  private controlOf(field: CallField): HTMLElement | null {
    if (field === 'studentId') return this.picker.input;
    if (field === 'submissionId') return null;
    return this.controls[field];
  }

  private showError(field: CallField, message: string): void {
    const error = this.errors.get(field);
    const control = this.controlOf(field);
    if (error) {
      error.textContent = message ? `Error: ${message}` : '';
      error.hidden = !message;
    }
    if (control) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      if (
        field === 'studentId' ||
        (control.getAttribute('aria-describedby') ?? '').includes(`${field}-error`)
      )
        return;
      control.setAttribute(
        'aria-describedby',
        `${control.getAttribute('aria-describedby') ?? ''} ${field}-error`.trim(),
      );
    }
  }

  private clearMessages(): void {
    for (const field of this.errors.keys()) this.showError(field, '');
    this.alert.hidden = true;
    this.alert.textContent = '';
  }

  private showAlert(message: string): void {
    this.alert.textContent = message;
    this.alert.hidden = false;
    this.alert.focus();
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    this.clearMessages();
    this.status.textContent = '';
    const input = this.readInput();
    const { problems } = checkCallInput(input, {
      today: this.context.today,
      pickLists: this.context.pickLists,
      maxNoteLength: this.context.maxNoteLength,
    });
    if (problems.length) {
      const fieldProblems = problems.filter((p) => this.errors.has(p.field));
      for (const p of fieldProblems) this.showError(p.field, p.message);
      const first = fieldProblems[0];
      if (first) this.controlOf(first.field)?.focus();
      else this.showAlert(problems.map((p) => p.message).join(' '));
      return;
    }

    this.saving = true;
    this.submit.disabled = true;
    this.submit.textContent = 'Saving…';
    try {
      const result = await callServer('logCall', input);
      this.status.textContent = '';
      this.status.append(
        el('p', {}, result.message),
        result.warning ? el('p', {}, `Note: ${result.warning}`) : '',
      );
      this.renderProgress(result.progress);
      this.markLogged(input);
      this.reset();
      // Keep the principal's Summary fresh without making the teacher wait; its failure is not theirs.
      callServer('refreshSummary').catch(() => undefined);
    } catch (error) {
      this.showAlert(`Not saved. ${(error as Error).message}`);
    } finally {
      this.saving = false;
      this.submit.disabled = false;
      this.submit.textContent = 'Log call';
    }
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

  /** Ready for the next family: a blank form, today's date and a new submission id. */
  private reset(): void {
    this.form.reset();
    const c = this.controls;
    c.callDate.value = this.context.today;
    c.method.value = this.context.pickLists.methods[0] ?? '';
    (c.saveToFamily as HTMLInputElement).checked = true;
    for (const name of NOTE_FIELDS) c[name].dispatchEvent(new Event('input'));
    this.picker.select(null);
    this.submissionId = newSubmissionId();
    this.updateReached();
    this.updateWindowNote();
    this.picker.input.focus();
  }
}
