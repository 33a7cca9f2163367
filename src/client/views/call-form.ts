/**
 * The fields of one call, in the order a call goes: family, outcome, who was reached and what they
 * said, what I learned; the date, method and language (already right for most calls) and the
 * follow-up sit in sections that open when wanted, their summary line saying what they hold. Errors
 * show next to their field (opening its section) and clear as soon as the field changes.
 */
import {
  CALL_FIELD_LABELS,
  type CallField,
  callWindowWarning,
  type FieldProblem,
  isReachedOutcome,
} from '../../common/call-input';
import type { CallInput, Caregiver, FamilyOption, LoggedCall, SidebarContext } from '../../common/rpc';
import { CALL_FORM_COLUMNS, CALL_NOTE_FIELDS, CALL_REACHED_ONLY_COLUMNS } from '../../common/schema';
import { count, el, replaceChildren } from '../dom';
import type { FamilyPicker } from '../family-picker';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type ControlField = Exclude<CallField, 'studentId' | 'submissionId'>;

/** The notes of the form (the schema's longtext call fields). */
const NOTE_FIELDS = CALL_NOTE_FIELDS as readonly Extract<ControlField, (typeof CALL_NOTE_FIELDS)[number]>[];
/** Fields only a conversation has: hidden, and sent blank, unless the outcome is Reached. */
export const REACHED_ONLY = CALL_REACHED_ONLY_COLUMNS;
/** A note's counter shows once three quarters of the limit are used (below that it is noise). */
const COUNTER_FROM = 0.75;

export class CallForm {
  readonly element = el('form', { novalidate: true, 'aria-labelledby': 'form-title' });
  /** Called when the teacher answers "Save without notes?" with yes. */
  onConfirmNotes: () => void = () => undefined;

  private readonly controls = {} as Record<ControlField, Control>;
  private readonly errors = new Map<CallField, HTMLElement>();
  private readonly windowNote = el('p', { id: 'callDate-window', class: 'hint warning-text' });
  private readonly alert = el('div', { id: 'alert', class: 'message error', role: 'alert', tabindex: -1 });
  private readonly notesQuestion = el('div', { class: 'message notice confirm', hidden: true });
  private readonly caregivers = el('fieldset', { class: 'caregivers', hidden: true });
  private readonly basicsSummary = el('summary', {});
  private readonly followUpSummary = el('summary', {});
  private readonly familyField: HTMLElement;

  constructor(
    private readonly context: SidebarContext,
    private readonly picker: FamilyPicker,
  ) {
    this.familyField = this.field(
      'studentId',
      picker.element,
      'Your own families are listed first; type to search every family.',
      true,
    );
    this.build();
  }

  /** Places the family box and the one-tap attempts right under the family field. */
  insertAfterFamily(...nodes: HTMLElement[]): void {
    this.familyField.after(...nodes);
  }

  private field(name: CallField, control: HTMLElement, hint = '', required = false): HTMLElement {
    const error = el('p', { id: `${name}-error`, class: 'error-text', hidden: true });
    this.errors.set(name, error);
    return el(
      'div',
      { class: 'field', 'data-field': name },
      el(
        'label',
        { for: name },
        CALL_FIELD_LABELS[name],
        required ? el('span', { class: 'required' }, ' (required)') : null,
      ),
      control,
      hint ? el('p', { id: `${name}-hint`, class: 'hint' }, hint) : null,
      error,
    );
  }

  private select(name: ControlField, options: readonly string[]): HTMLSelectElement {
    const select = el('select', { id: name, name, 'aria-describedby': `${name}-error` });
    select.append(el('option', { value: '' }, 'Choose…'));
    for (const option of options) select.append(el('option', { value: option }, option));
    this.controls[name] = select;
    return select;
  }

  private input(name: ControlField, type: string, attrs: Record<string, string> = {}): HTMLInputElement {
    const input = el('input', { id: name, name, type, 'aria-describedby': `${name}-error`, ...attrs });
    this.controls[name] = input;
    return input;
  }

  private note(name: (typeof NOTE_FIELDS)[number]): HTMLElement {
    const max = this.context.maxNoteLength;
    const area = el('textarea', {
      id: name,
      name,
      rows: 2,
      'aria-describedby': `${name}-count ${name}-error`,
    });
    const counter = el('p', { id: `${name}-count`, class: 'counter' });
    area.addEventListener('input', () => {
      const n = area.value.length;
      counter.textContent =
        n > max
          ? `${count(n)} of ${count(max)} characters: ${count(n - max)} too many`
          : `${count(n)} of ${count(max)} characters`;
      counter.classList.toggle('over', n > max);
      counter.hidden = n < max * COUNTER_FROM;
    });
    counter.hidden = true;
    this.controls[name] = area;
    const field = this.field(name, area);
    field.insertBefore(counter, this.errors.get(name) ?? null);
    return field;
  }

  private checkbox(name: 'interpreterUsed' | 'saveToFamily'): HTMLElement {
    const error = el('p', { id: `${name}-error`, class: 'error-text', hidden: true });
    this.errors.set(name, error);
    return el(
      'div',
      { class: 'field checkbox', 'data-field': name },
      this.input(name, 'checkbox'),
      el('label', { for: name }, CALL_FIELD_LABELS[name]),
      error,
    );
  }

  private build(): void {
    const { context, controls } = this;
    const lists = context.pickLists;
    this.input('callDate', 'date', {
      max: context.today,
      'aria-describedby': 'callDate-window callDate-error',
    });
    this.select('method', lists.methods);
    this.select('outcome', lists.outcomes);
    this.input('personReached', 'text', { autocomplete: 'off' });
    this.select('relationship', lists.relationships);
    this.select('language', lists.languages);
    this.input('followUpBy', 'date', { min: context.today });
    const reachedOnly = (...nodes: HTMLElement[]) => {
      for (const node of nodes) node.classList.add('reached-only');
      return nodes;
    };
    const basics = el(
      'details',
      { class: 'section' },
      this.basicsSummary,
      this.field('callDate', controls.callDate, '', true),
      this.windowNote,
      this.field('method', controls.method, '', true),
      this.field('language', controls.language),
      this.checkbox('interpreterUsed'),
    );
    const followUp = el(
      'details',
      { class: 'section' },
      this.followUpSummary,
      this.note('followUp'),
      this.field('followUpBy', controls.followUpBy),
    );
    this.element.append(
      this.familyField,
      this.field(
        'outcome',
        controls.outcome,
        'Choose Reached to note who you spoke with and what they said.',
        true,
      ),
      ...reachedOnly(
        this.caregivers,
        this.field('personReached', controls.personReached),
        this.field('relationship', controls.relationship),
        this.note('strengths'),
        this.note('hopes'),
      ),
      this.note('learned'),
      basics,
      followUp,
      ...reachedOnly(this.checkbox('saveToFamily')),
      this.notesQuestion,
      this.alert,
    );
    this.alert.hidden = true;
    this.wire();
    this.reset();
  }

  private wire(): void {
    const { controls } = this;
    controls.outcome.addEventListener('change', () => this.updateReached());
    for (const [name, control] of Object.entries(controls) as [ControlField, Control][]) {
      const changed = () => {
        // An error stays next to its field only until the teacher changes that field.
        if (control.getAttribute('aria-invalid') === 'true') this.showError(name, '');
        this.updateSummaries();
      };
      control.addEventListener('input', changed);
      control.addEventListener('change', changed);
    }
  }

  private updateReached(): void {
    const reached = isReachedOutcome(this.controls.outcome.value);
    for (const node of Array.from(this.element.querySelectorAll<HTMLElement>('.reached-only')))
      node.hidden = !reached || (node === this.caregivers && !this.caregivers.querySelector('input'));
  }

  /** The collapsed sections say what they hold, so a teacher opens them only to change something. */
  private updateSummaries(): void {
    const c = this.controls;
    const date = c.callDate.value === this.context.today ? 'today' : c.callDate.value || 'no date';
    const interpreter = (c.interpreterUsed as HTMLInputElement).checked ? ', interpreter' : '';
    this.basicsSummary.textContent = `Date, method, language: ${date}, ${c.method.value || 'no method'}, ${c.language.value || 'no language'}${interpreter}`;
    this.followUpSummary.textContent = c.followUp.value.trim()
      ? `Follow-up: ${c.followUpBy.value ? `by ${c.followUpBy.value}` : 'no date'}`
      : 'Follow-up: none';
    const warning = callWindowWarning(c.callDate.value, this.context.callWindow);
    this.windowNote.textContent = warning ? `Note: ${warning}` : '';
    this.windowNote.hidden = !warning;
    if (warning) (this.windowNote.closest('details') as HTMLDetailsElement).open = true;
  }

  /** The family's caregivers as choices that fill name and relationship together, and Someone else. */
  setCaregivers(caregivers: readonly Caregiver[]): void {
    const c = this.controls;
    const choice = (label: string, value: string, onPick: () => void) => {
      const id = `caregiver-${value}`;
      const radio = el('input', { type: 'radio', id, name: 'caregiver', value });
      radio.addEventListener('change', onPick);
      return el('div', { class: 'checkbox' }, radio, el('label', { for: id }, label));
    };
    const set = (name: string, relationship: string) => {
      c.personReached.value = name;
      c.relationship.value = relationship;
      for (const control of [c.personReached, c.relationship]) control.dispatchEvent(new Event('change'));
    };
    replaceChildren(
      this.caregivers,
      el('legend', {}, "Caregivers on the family's record"),
      ...caregivers.map((who, i) =>
        choice(
          who.relationship ? `${who.name}, ${who.relationship.toLowerCase()}` : who.name,
          String(i),
          () => set(who.name, who.relationshipChoice),
        ),
      ),
      choice('Someone else', 'other', () => {
        set('', '');
        c.personReached.focus();
      }),
    );
    if (!caregivers.length) replaceChildren(this.caregivers);
    this.caregivers.hidden = true;
    this.updateReached();
  }

  /** Sets the outcome as if chosen from its list (the conversation's fields open for Reached). */
  chooseOutcome(outcome: string): void {
    this.controls.outcome.value = outcome;
    this.controls.outcome.dispatchEvent(new Event('change'));
  }

  /** Language and interpreter start from the family's record. */
  fillFromFamily(family: FamilyOption): void {
    const { language, interpreterUsed } = this.controls;
    if (this.context.pickLists.languages.includes(family.preferredLanguage))
      language.value = family.preferredLanguage;
    (interpreterUsed as HTMLInputElement).checked = family.interpreterNeeded;
    this.updateSummaries();
  }

  read(submissionId: string): CallInput {
    const c = this.controls;
    const reached = isReachedOutcome(c.outcome.value);
    const input: Record<string, string | boolean> = {
      submissionId,
      studentId: this.picker.selected()?.studentId ?? '',
    };
    // Every other field of the schema's call form has a control of its own name (built above).
    for (const { field, type, form } of CALL_FORM_COLUMNS) {
      if (field === 'submissionId' || field === 'studentId') continue;
      const control = c[field];
      if (type === 'boolean') input[field] = (control as HTMLInputElement).checked;
      else input[field] = reached || !form.reachedOnly ? control.value : '';
    }
    input.saveToFamily =
      reached && !this.saveToFamilyHidden() && (c.saveToFamily as HTMLInputElement).checked;
    return input as CallInput;
  }

  private saveToFamilyHidden(): boolean {
    return this.controls.saveToFamily.closest<HTMLElement>('.field')?.dataset.editing === 'yes';
  }

  /** The form as a call of My recent calls left it; "save to the family's record" is for new calls. */
  fill(call: LoggedCall): void {
    const c = this.controls;
    for (const name of Object.keys(c) as ControlField[]) {
      const control = c[name];
      if (control instanceof HTMLInputElement && control.type === 'checkbox') continue;
      const value = String(call[name] ?? '');
      // A value typed on the sheet that the list lacks stays visible (the save then names the list).
      if (
        control instanceof HTMLSelectElement &&
        value &&
        !Array.from(control.options).some((o) => o.value === value)
      )
        control.append(el('option', { value }, value));
      control.value = value;
      control.dispatchEvent(new Event('input'));
    }
    (c.interpreterUsed as HTMLInputElement).checked = call.interpreterUsed;
    const save = c.saveToFamily.closest<HTMLElement>('.field');
    if (save) {
      save.dataset.editing = 'yes';
      save.classList.remove('reached-only');
      save.hidden = true;
    }
    this.updateReached();
    this.updateSummaries();
  }

  reset(): void {
    this.element.reset();
    const c = this.controls;
    c.callDate.value = this.context.today;
    c.method.value = this.context.defaults.method;
    (c.saveToFamily as HTMLInputElement).checked = true;
    const save = c.saveToFamily.closest<HTMLElement>('.field');
    if (save) {
      delete save.dataset.editing;
      save.classList.add('reached-only');
    }
    for (const name of NOTE_FIELDS) c[name].dispatchEvent(new Event('input'));
    for (const details of Array.from(this.element.querySelectorAll('details'))) details.open = false;
    this.clearMessages();
    this.updateReached();
    this.updateSummaries();
  }

  private controlOf(field: CallField): HTMLElement | null {
    if (field === 'studentId') return this.picker.input;
    if (field === 'submissionId') return null;
    return this.controls[field];
  }

  showError(field: CallField, message: string): void {
    const error = this.errors.get(field);
    const control = this.controlOf(field);
    if (error) {
      error.textContent = message ? `Error: ${message}` : '';
      error.hidden = !message;
    }
    if (!control) return;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
    const describedBy = control.getAttribute('aria-describedby') ?? '';
    if (field !== 'studentId' && !describedBy.includes(`${field}-error`))
      control.setAttribute('aria-describedby', `${describedBy} ${field}-error`.trim());
  }

  /** Every problem next to its field (its section opened), focus on the first. */
  showProblems(problems: readonly FieldProblem[]): void {
    const shown = problems.filter((p) => this.errors.has(p.field));
    for (const p of shown) {
      this.showError(p.field, p.message);
      const section = this.controlOf(p.field)?.closest('details');
      if (section) section.open = true;
    }
    const first = shown[0];
    if (first) this.controlOf(first.field)?.focus();
    else this.showAlert(problems.map((p) => p.message).join(' '));
  }

  clearMessages(): void {
    for (const field of this.errors.keys()) this.showError(field, '');
    this.alert.hidden = true;
    this.alert.textContent = '';
    this.notesQuestion.hidden = true;
  }

  showAlert(message: string): void {
    this.alert.textContent = message;
    this.alert.hidden = false;
    this.alert.focus();
  }

  /** "Save without notes?": a reached call with no strengths, hopes or learning is asked once. */
  askNotes(): void {
    const yes = el('button', { type: 'button', class: 'action' }, 'Save without notes');
    const no = el('button', { type: 'button' }, 'Add a note');
    yes.addEventListener('click', () => this.onConfirmNotes());
    no.addEventListener('click', () => {
      this.notesQuestion.hidden = true;
      this.controls.strengths.focus();
    });
    replaceChildren(
      this.notesQuestion,
      el(
        'p',
        { id: 'notes-question', role: 'alert' },
        'Save without notes? Nothing is filled in for strengths, hopes or what you learned.',
      ),
      el('div', { class: 'actions' }, yes, no),
    );
    this.notesQuestion.hidden = false;
    yes.focus();
  }
}
