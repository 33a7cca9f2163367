/**
 * The family box: the teacher's crib sheet for the call, shown once a family is picked. How to reach
 * them (phones, email, best way and time, language and interpreter), what happened on the last
 * calls by anyone, and the prompts for what the school does not know yet. Everything is plain text
 * from a sheet all staff can edit, so it goes in through el() as text nodes, never as markup.
 */
import type { FamilyCall, FamilyKnowledge, FamilyOption } from '../../common/rpc';
import { el } from '../dom';

function reachLine(family: FamilyOption): string {
  if (family.reached) return 'Already reached by someone at school.';
  if (family.attempts)
    return `${family.attempts} attempt${family.attempts === 1 ? '' : 's'}, not reached yet.`;
  return 'No call logged yet.';
}

function languageLine(language: string, interpreter: boolean): string {
  const said = language || 'not recorded';
  return interpreter ? `${said}; asks for an interpreter` : said;
}

/** One line per fact that is known, each a term and its text (plain text, so it copies as it reads). */
function facts(pairs: [string, string][]): HTMLElement | null {
  const shown = pairs.filter(([, text]) => text);
  if (!shown.length) return null;
  return el(
    'ul',
    { class: 'contact' },
    ...shown.map(([term, text]) => el('li', {}, el('strong', {}, `${term}: `), text)),
  );
}

function callLine(call: FamilyCall): HTMLElement {
  const head = [call.callDate || 'Undated', call.teacherName, call.outcome].filter(Boolean).join(' · ');
  const followUp = call.openFollowUp
    ? `Open follow-up: ${call.openFollowUp}${call.followUpBy ? ` (by ${call.followUpBy})` : ''}`
    : '';
  return el(
    'li',
    {},
    el('span', { class: 'call-head' }, head),
    call.learned ? el('span', { class: 'call-note' }, `Learned: ${call.learned}`) : null,
    followUp ? el('span', { class: 'call-note' }, followUp) : null,
  );
}

function knowledgeParts(knowledge: FamilyKnowledge): (HTMLElement | null)[] {
  const known = Object.entries(knowledge.known).filter(
    ([header, text]) => text && header !== 'Best Way and Time to Reach',
  );
  return [
    knowledge.lastCalls.length
      ? el(
          'div',
          {},
          el('h4', {}, `Last calls (${knowledge.lastCalls.length})`),
          el('ol', { class: 'last-calls' }, ...knowledge.lastCalls.map(callLine)),
        )
      : null,
    knowledge.prompts.length
      ? el(
          'details',
          {},
          el('summary', {}, `Ask about (${knowledge.prompts.length})`),
          el('ul', { class: 'prompts' }, ...knowledge.prompts.map((p) => el('li', {}, p))),
          knowledge.unknown.length
            ? el('p', { class: 'hint' }, `Still unknown: ${knowledge.unknown.join('; ')}.`)
            : null,
        )
      : null,
    known.length
      ? el(
          'details',
          {},
          el('summary', {}, `What the school knows (${known.length})`),
          el('dl', {}, ...known.flatMap(([header, text]) => [el('dt', {}, header), el('dd', {}, text)])),
        )
      : null,
  ];
}

/** The box's children for a family, before (null), after, or instead of ('failed') its knowledge. */
export function familyBox(family: FamilyOption, knowledge: FamilyKnowledge | 'failed' | null): HTMLElement[] {
  const contact = knowledge && knowledge !== 'failed' ? knowledge.contact : null;
  const parts: (HTMLElement | null)[] = [
    el('h3', { class: 'family-name' }, family.studentName || family.studentId),
    facts([
      ['Caregivers', family.caregivers],
      [contact && contact.phones.length > 1 ? 'Phones' : 'Phone', contact?.phones.join('; ') ?? ''],
      ['Email', contact?.email ?? ''],
      ['Best way and time', contact?.bestWayAndTime ?? ''],
      [
        'Language',
        languageLine(
          contact?.preferredLanguage ?? family.preferredLanguage,
          contact?.interpreterNeeded ?? family.interpreterNeeded,
        ),
      ],
    ]),
    el('p', { class: 'hint' }, reachLine(family)),
  ];
  if (knowledge === null)
    parts.push(el('p', { class: 'hint' }, 'Loading how to reach them and earlier calls…'));
  else if (knowledge === 'failed')
    parts.push(
      el(
        'p',
        { class: 'hint' },
        'Could not load the contact details and earlier calls. You can still log the call.',
      ),
    );
  else parts.push(...knowledgeParts(knowledge));
  return parts.filter((p): p is HTMLElement => p !== null);
}
