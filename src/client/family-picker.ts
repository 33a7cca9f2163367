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

export function familyPicker(
  id: string,
  initial: FamilyOption[],
  describedBy: string,
  onChange: (family: FamilyOption | null) => void,
): FamilyPicker {
  let families = initial;
  let current: FamilyOption | null = null;
  let shown: FamilyOption[] = [];
  let active = -1;

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

  const optionId = (i: number) => `${id}-option-${i}`;

  function render(): void {
    const items = shown.map((f, i) => {
      const status = f.reached
        ? 'reached'
        : f.attempts
          ? `${f.attempts} tried, not reached`
          : 'not reached yet';
      const detail = [f.grade ? `grade ${f.grade}` : '', f.own ? 'your family' : '', status]
        .filter(Boolean)
        .join(' · ');
      const item = el(
        'li',
        { id: optionId(i), role: 'option', 'aria-selected': i === active ? 'true' : 'false' },
        el('span', { class: 'option-name' }, familyLabel(f)),
        el('span', { class: 'option-detail' }, detail),
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
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', optionId(active));
      document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function open(): void {
    shown = matchFamilies(families, current && input.value === familyLabel(current) ? '' : input.value);
    active = -1;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    render();
  }

  function close(): void {
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function set(family: FamilyOption | null): void {
    const changed = family?.studentId !== current?.studentId;
    current = family;
    if (family) input.value = familyLabel(family);
    if (changed) onChange(family);
  }

  function pick(family: FamilyOption): void {
    set(family);
    close();
  }

  input.addEventListener('input', () => {
    if (current && input.value !== familyLabel(current)) set(null);
    open();
  });
  // The list opens on typing, a click or Arrow Down, not on focus: focus also comes from "fix this
  // field first" and from the reset after a save, where a popup would cover the message.
  input.addEventListener('click', () => {
    if (list.hidden) open();
  });
  input.addEventListener('blur', () => {
    // A typed student id (or label) that matches exactly one family picks it.
    if (!current && input.value.trim()) {
      const q = input.value.trim();
      const exact = families.filter((f) => f.studentId === q || familyLabel(f) === q);
      if (exact.length === 1 && exact[0]) set(exact[0]);
    }
    close();
  });
  input.addEventListener('keydown', (event) => {
    const openNow = !list.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!openNow) open();
      if (!shown.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length;
      render();
    } else if (event.key === 'Enter' && openNow) {
      // Enter picks the highlighted family (or the only match) instead of submitting the form.
      const choice = shown[active] ?? (shown.length === 1 ? shown[0] : undefined);
      if (choice) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === 'Escape' && openNow) {
      event.preventDefault();
      close();
    }
  });

  return {
    element,
    input,
    selected: () => current,
    select(family) {
      set(family);
      if (!family) input.value = '';
      close();
    },
    setFamilies(next) {
      families = next;
      if (current) current = next.find((f) => f.studentId === current?.studentId) ?? null;
    },
  };
}
