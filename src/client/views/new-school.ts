/**
 * The New school from this template dialog: a school name, one server call, and the link to the copy.
 * The link comes from Google (Spreadsheet.getUrl); it is used only if it is a Google Docs address.
 */
import { el, replaceChildren } from '../dom';
import { callServer } from '../server';

export function start(root: HTMLElement): void {
  const name = el('input', {
    id: 'school-name',
    type: 'text',
    maxlength: 100,
    autocomplete: 'off',
  }) as HTMLInputElement;
  const make = el('button', { type: 'button', class: 'action' }, 'Make the copy');
  const message = el('div', { class: 'message', role: 'status' });
  replaceChildren(
    root,
    el('h1', {}, 'New school from this template'),
    el(
      'p',
      { class: 'hint' },
      'Makes a copy of this workbook with no teachers, families, calls or check-ins, and the settings reset. Formulas, dropdowns and pick-lists stay.',
    ),
    el('div', { class: 'field' }, el('label', { for: 'school-name' }, 'New school’s name'), name),
    make,
    message,
  );
  make.addEventListener('click', () => {
    make.disabled = true;
    message.className = 'message';
    message.textContent = 'Making the copy…';
    callServer('newSchoolFromTemplate', name.value)
      .then((done) => {
        message.className = 'message notice';
        replaceChildren(message, done.message, ' ');
        if (/^https:\/\/docs\.google\.com\//.test(done.url)) {
          message.append(el('a', { href: done.url, target: '_blank', rel: 'noopener' }, `Open ${done.name}`));
        }
      })
      .catch((error: Error) => {
        message.className = 'message error';
        message.textContent = `Error: ${error.message}`;
      })
      .finally(() => {
        make.disabled = false;
      });
  });
}
