/**
 * The family type-ahead: an ARIA 1.2 combobox (a text input with a listbox popup). Typing filters
 * every family of the school by student name, caregiver or student id; an empty box lists the
 * teacher's own families first. Arrow keys move through the list, Enter or a click picks, Escape
 * closes (an empty box opens on Arrow Down or a click). A picked family is the only way to set the student id: no typo can reach the Call Log.
 */
import type { FamilyOption } from '../common/rpc';
import { el, replaceChildren } from './dom';

const MAX_SHOWN = 40;

/** Case- and accent-insensitive text for matching ("José" matches "jose"). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function familyLabel(f: FamilyOption): string {
  return `${f.studentName || '(no name)'} (${f.studentId})`;
}

export function matchFamilies(families: readonly FamilyOption[], query: string): FamilyOption[] {
  const q = fold(query.trim());
  if (!q) return families.filter((f) => f.own).slice(0, MAX_SHOWN);
  const hits = families.filter(
    (f) => fold(f.studentName).includes(q) || fold(f.studentId).includes(q) || fold(f.caregivers).includes(q),
  );
  return hits.slice(0, MAX_SHOWN);
}

export interface FamilyPicker {
  /** The wrapper to place in the form. */
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  selected(): FamilyOption | null;
  select(family: FamilyOption | null): void;
  setFamilies(families: FamilyOption[]): void;
}

/** What the picker knows between events. */
interface PickerState {
  families: FamilyOption[];
  /** The picked family: the only source of the student id. */
  current: FamilyOption | null;
  /** The families listed in the open popup. */
  shown: FamilyOption[];
  /** Index into shown of the highlighted option; -1 is none. */
  active: number;
}

/** The combobox's parts: the input, its listbox popup and the wrapper holding both. */
interface PickerParts {
  input: HTMLInputElement;
  list: HTMLUListElement;
  element: HTMLDivElement;
  optionId(i: number): string;
}

/** The actions the event handlers and the public API share. */
interface PickerActions {
  open(): void;
  close(): void;
  render(): void;
  set(family: FamilyOption | null): void;
  pick(family: FamilyOption): void;
}

export function familyPicker(
  id: string,
  initial: FamilyOption[],
  describedBy: string,
  onChange: (family: FamilyOption | null) => void,
): FamilyPicker {
  const state: PickerState = { families: initial, current: null, shown: [], active: -1 };
  const parts = pickerParts(id, describedBy);
  const actions = pickerActions(parts, state, onChange);
  listenToInput(parts, state, actions);
  const { input, element } = parts;
  return {
    element,
    input,
    selected: () => state.current,
    select(family) {
      actions.set(family);
      if (!family) input.value = '';
      actions.close();
    },
    setFamilies(next) {
      state.families = next;
      if (state.current) state.current = next.find((f) => f.studentId === state.current?.studentId) ?? null;
    },
  };
}

function pickerParts(id: string, describedBy: string): PickerParts {
  const listId = `${id}-list`;
  const input = el('input', {
    id,
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': describedBy,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Type a name or student id',
  });
  const list = el('ul', { id: listId, role: 'listbox', 'aria-label': 'Matching families', hidden: true });
  const element = el('div', { class: 'combobox' }, input, list);
  return { input, list, element, optionId: (i: number) => `${id}-option-${i}` };
}

/** The second line of an option: grade, whether it is the teacher's own family, and call status. */
function optionDetail(f: FamilyOption): string {
  const status = f.reached ? 'reached' : f.attempts ? `${f.attempts} tried, not reached` : 'not reached yet';
  return [f.grade ? `grade ${f.grade}` : '', f.own ? 'your family' : '', status].filter(Boolean).join(' · ');
}

function pickerActions(
  parts: PickerParts,
  state: PickerState,
  onChange: (family: FamilyOption | null) => void,
): PickerActions {
  const { input, list, optionId } = parts;

  function render(): void {
    const items = state.shown.map((f, i) => {
      const item = el(
        'li',
        { id: optionId(i), role: 'option', 'aria-selected': i === state.active ? 'true' : 'false' },
        el('span', { class: 'option-name' }, familyLabel(f)),
        el('span', { class: 'option-detail' }, optionDetail(f)),
      );
      // mousedown, not click: keeps focus in the input so the list does not close first.
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(f);
      });
      return item;
    });
    if (!items.length)
      items.push(
        el('li', { class: 'no-match', role: 'option', 'aria-disabled': 'true' }, 'No family matches.'),
      );
    replaceChildren(list, ...items);
    if (state.active >= 0) {
      input.setAttribute('aria-activedescendant', optionId(state.active));
      document.getElementById(optionId(state.active))?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function open(): void {
    const { current } = state;
    // A box still showing the picked family's label lists the teacher's own families, not that one.
    state.shown = matchFamilies(
      state.families,
      current && input.value === familyLabel(current) ? '' : input.value,
    );
    state.active = -1;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    render();
  }

  function close(): void {
    list.hidden = true;
    state.active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function set(family: FamilyOption | null): void {
    const changed = family?.studentId !== state.current?.studentId;
    state.current = family;
    if (family) input.value = familyLabel(family);
    if (changed) onChange(family);
  }

  function pick(family: FamilyOption): void {
    set(family);
    close();
  }

  return { open, close, render, set, pick };
}

function listenToInput(parts: PickerParts, state: PickerState, actions: PickerActions): void {
  const { input, list } = parts;
  input.addEventListener('input', () => {
    if (state.current && input.value !== familyLabel(state.current)) actions.set(null);
    actions.open();
  });
  // The list opens on typing, a click or Arrow Down, not on focus: focus also comes from "fix this
  // field first" and from the reset after a save, where a popup would cover the message.
  input.addEventListener('click', () => {
    if (list.hidden) actions.open();
  });
  input.addEventListener('blur', () => {
    // A typed student id (or label) that matches exactly one family picks it.
    if (!state.current && input.value.trim()) {
      const q = input.value.trim();
      const exact = state.families.filter((f) => f.studentId === q || familyLabel(f) === q);
      if (exact.length === 1 && exact[0]) actions.set(exact[0]);
    }
    actions.close();
  });
  input.addEventListener('keydown', (event) => onKey(event, !list.hidden, state, actions));
}

/** Arrows move the highlight (opening the list first), Enter picks, Escape closes. */
function onKey(event: KeyboardEvent, openNow: boolean, state: PickerState, actions: PickerActions): void {
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (!openNow) actions.open();
    const { shown, active } = state;
    if (!shown.length) return;
    const step = event.key === 'ArrowDown' ? 1 : -1;
    state.active =
      active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length;
    actions.render();
  } else if (event.key === 'Enter' && openNow) {
    // Enter picks the highlighted family (or the only match) instead of submitting the form.
    const { shown, active } = state;
    const choice = shown[active] ?? (shown.length === 1 ? shown[0] : undefined);
    if (choice) {
      event.preventDefault();
      actions.pick(choice);
    }
  } else if (event.key === 'Escape' && openNow) {
    event.preventDefault();
    actions.close();
  }
}
