/**
 * The Record a check-in dialog: pick a teacher from Teachers, write what is working and the next
 * step, keep or change the date, and Save: one server call, one Check-ins row. Beside the form, the
 * teachers due a check-in (none in the last N days, N from Settings), for whoever opened the dialog
 * only: that list never goes on the shared Summary tab. Names render as text (textContent).
 */
import type { CheckInContext } from '../../common/rpc';
import { el, replaceChildren } from '../dom';
import { callServer } from '../server';

function dueList(context: CheckInContext, pick: (email: string) => void): HTMLElement {
  const due = context.teachers.filter((t) => context.due.includes(t.email));
  const list = el('ul', { id: 'checkin-due' });
  for (const t of due) {
    const button = el('button', { type: 'button', class: 'plain' }, t.name);
    button.addEventListener('click', () => pick(t.email));
    list.append(el('li', {}, button, ` (${t.lastCheckIn ? `last ${t.lastCheckIn}` : 'no check-in yet'})`));
  }
  return el(
    'section',
    { 'aria-labelledby': 'checkin-due-title' },
    el('h2', { id: 'checkin-due-title' }, `Due a check-in (none in ${context.days} days)`),
    due.length ? list : el('p', { class: 'hint' }, 'Nobody: every teacher had a check-in recently.'),
  );
}

export function start(root: HTMLElement): void {
  root.style.maxWidth = 'none';
  const teacher = el('select', { id: 'checkin-teacher', required: true }) as HTMLSelectElement;
  const date = el('input', { id: 'checkin-date', type: 'date', required: true }) as HTMLInputElement;
  const working = el('textarea', { id: 'checkin-working', rows: 3, maxlength: 2000 }) as HTMLTextAreaElement;
  const nextStep = el('textarea', { id: 'checkin-next', rows: 3, maxlength: 2000 }) as HTMLTextAreaElement;
  const save = el('button', { type: 'button', class: 'action' }, 'Save check-in');
  const message = el('div', { class: 'message', role: 'status' });
  const due = el('div');
  const show = (kind: 'error' | 'notice' | '', sentence: string) => {
    message.className = kind ? `message ${kind}` : 'message';
    message.textContent = kind === 'error' ? `Error: ${sentence}` : sentence;
  };
  const render = (context: CheckInContext) => {
    const chosen = teacher.value;
    replaceChildren(teacher, el('option', { value: '' }, 'Choose a teacher…'));
    for (const t of context.teachers) teacher.append(el('option', { value: t.email }, t.name));
    teacher.value = context.teachers.some((t) => t.email === chosen) ? chosen : '';
    date.max = context.today;
    if (!date.value) date.value = context.today;
    replaceChildren(
      due,
      dueList(context, (email) => {
        teacher.value = email;
        working.focus();
      }),
    );
  };
  replaceChildren(
    root,
    el('h1', {}, 'Record a check-in'),
    el(
      'p',
      { class: 'hint' },
      'Saved as one row on the Check-ins tab; the Summary shows each teacher’s last check-in.',
    ),
    el('div', { class: 'field' }, el('label', { for: 'checkin-teacher' }, 'Teacher (required)'), teacher),
    el('div', { class: 'field' }, el('label', { for: 'checkin-date' }, 'Date (required)'), date),
    el('div', { class: 'field' }, el('label', { for: 'checkin-working' }, 'What is working'), working),
    el('div', { class: 'field' }, el('label', { for: 'checkin-next' }, 'Next step'), nextStep),
    save,
    message,
    due,
  );
  show('', 'Loading the teachers…');
  callServer('getCheckInContext')
    .then((context) => {
      render(context);
      show('', '');
    })
    .catch((error: Error) => show('error', error.message));
  save.addEventListener('click', () => {
    save.disabled = true;
    save.textContent = 'Saving…';
    callServer('recordCheckIn', {
      teacherEmail: teacher.value,
      date: date.value,
      working: working.value,
      nextStep: nextStep.value,
    })
      .then((done) => {
        working.value = '';
        nextStep.value = '';
        render(done.context);
        show('notice', done.message);
        // The Summary's "Last check-in" column catches up; a failure here leaves the check-in saved.
        return callServer('refreshSummary').catch(() => undefined);
      })
      .catch((error: Error) => show('error', error.message))
      .finally(() => {
        save.disabled = false;
        save.textContent = 'Save check-in';
      });
  });
}
