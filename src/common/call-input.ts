/**
 * The ONE validation of a logged call, run by the sidebar before it sends (so a teacher sees every
 * problem at once, next to its field) and again by the server before it writes (so nothing the
 * client skipped or forged reaches the sheet). Each problem is a sentence that says what to do.
 *
 * Text is kept exactly as typed (no trimming): a note that starts with a tab or "=" must read back
 * the same. Only a text made of blanks alone counts as empty. Lengths are String.length, which is
 * also what the sidebar's counters count (the textareas have no maxlength on purpose: a pasted note
 * longer than the limit is kept whole for the teacher to shorten, never cut silently).
 */
import { isIsoDate } from './iso-date';
import type { CallInput, IsoDate } from './rpc';
import {
  CALL_BOOLEAN_FIELDS,
  CALL_FIELD_LABELS,
  CALL_FORM_COLUMNS,
  CALL_NOTE_FIELDS,
  CALL_REACHED_ONLY_COLUMNS,
  CALL_TEXT_FIELDS,
  type CallField,
  headerKey,
  MAX_NOTE_LENGTH,
  MAX_TEXT_LENGTH,
  type PickListKey,
  REACHED,
} from './schema';

export { CALL_FIELD_LABELS, type CallField };

export interface FieldProblem {
  field: CallField;
  message: string;
}

/** What validation needs to know about the school and the day, the same on both sides. */
export interface CallRules {
  /** Today in the spreadsheet's time zone (from the server, never the browser's clock). */
  today: IsoDate;
  pickLists: Record<PickListKey, readonly string[]>;
  maxNoteLength?: number;
}

export interface CheckedCall {
  /** The input with every field of the right type ('' or false where it was missing). */
  input: CallInput;
  /** Empty when the call may be saved. In form order, so the first is the first field to fix. */
  problems: FieldProblem[];
}

/** Fields that only make sense once the family was reached; the sidebar shows them only then. */
export const REACHED_ONLY_FIELDS: readonly CallField[] = [...CALL_REACHED_ONLY_COLUMNS, 'saveToFamily'];

/** Made by the sidebar (a UUID); bounded so a forged one cannot fill a cell. */
const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** True for an id the sidebar could have made: what edit and delete accept to find a row by. */
export function isSubmissionId(text: unknown): text is string {
  return typeof text === 'string' && SUBMISSION_ID.test(text);
}

export function isReachedOutcome(outcome: string): boolean {
  return headerKey(outcome) === headerKey(REACHED);
}

const isBlank = (text: string) => text.trim() === '';

/** Every field of the form with the right type ('' or false where it was missing or not text). */
function typedInput(
  source: Record<string, unknown>,
  add: (field: CallField, message: string) => void,
): CallInput {
  const input = {} as CallInput;
  for (const field of CALL_TEXT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') input[field] = isBlank(value) ? '' : value;
    else {
      input[field] = '';
      if (value !== undefined && value !== null)
        add(field, `${CALL_FIELD_LABELS[field]} must be text. Reload the sidebar and try again.`);
    }
  }
  for (const field of CALL_BOOLEAN_FIELDS) input[field] = source[field] === true;
  return input;
}

/** Checks a call as typed; see CheckedCall. Accepts anything (the server receives untrusted JSON). */
export function checkCallInput(raw: unknown, rules: CallRules): CheckedCall {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const add = (field: CallField, message: string) => problems.push({ field, message });

  const input = typedInput(source, add);

  const maxNote = rules.maxNoteLength ?? MAX_NOTE_LENGTH;
  const reached = isReachedOutcome(input.outcome);
  const list = (key: PickListKey) => rules.pickLists[key];
  const choose = (field: CallField, key: PickListKey, required: boolean) => {
    const value = input[field] as string;
    if (!value) {
      if (required) add(field, `Choose the ${CALL_FIELD_LABELS[field].toLowerCase()}.`);
    } else if (!list(key).includes(value)) {
      add(
        field,
        `"${value}" is not on the ${CALL_FIELD_LABELS[field].toLowerCase()} list in Settings. Choose one of: ${list(key).join(', ')}.`,
      );
    }
  };

  if (!SUBMISSION_ID.test(input.submissionId))
    add('submissionId', 'This form has no valid submission id. Reload the sidebar and try again.');

  if (!input.studentId) add('studentId', 'Choose the family you called: type a name or student id.');
  else if (input.studentId.length > MAX_TEXT_LENGTH)
    add('studentId', 'That student id is too long. Choose the family from the list.');

  if (!input.callDate) add('callDate', 'Enter the date of the call.');
  else if (!isIsoDate(input.callDate))
    add('callDate', `"${input.callDate}" is not a date. Enter the date of the call, such as ${rules.today}.`);
  else if (input.callDate > rules.today)
    add('callDate', `The call date ${input.callDate} is in the future. Log a call once it has happened.`);

  for (const c of CALL_FORM_COLUMNS)
    if (c.pickList && !c.form.reachedOnly) choose(c.field, c.pickList, c.form.required === true);

  for (const c of CALL_FORM_COLUMNS) {
    const shown = reached || !c.form.reachedOnly;
    if (shown && c.type === 'text' && (input[c.field] as string).length > MAX_TEXT_LENGTH)
      add(c.field, `Keep "${c.form.label}" under ${MAX_TEXT_LENGTH} characters.`);
    if (reached && c.pickList && c.form.reachedOnly) choose(c.field, c.pickList, c.form.required === true);
  }
  if (!reached && input.outcome) {
    // The sidebar hides these unless the family was reached; refuse rather than store a note the
    // teacher cannot see on the form.
    for (const field of CALL_REACHED_ONLY_COLUMNS) {
      if (input[field])
        add(
          field,
          `"${CALL_FIELD_LABELS[field]}" is only for a call where you reached the family. Choose ${REACHED}, or clear it.`,
        );
    }
    input.saveToFamily = false;
  }

  for (const field of CALL_NOTE_FIELDS) {
    const length = input[field].length;
    if (length > maxNote)
      add(
        field,
        `"${CALL_FIELD_LABELS[field]}" is ${length.toLocaleString('en-US')} characters; the limit is ${maxNote.toLocaleString('en-US')}. Shorten it and save again.`,
      );
  }

  if (input.followUpBy) {
    if (!isIsoDate(input.followUpBy))
      add('followUpBy', `"${input.followUpBy}" is not a date. Enter when the follow-up is due, or clear it.`);
    else if (!input.followUp) add('followUp', 'Say what the follow-up is, or clear the follow-up date.');
    else if (input.callDate && input.followUpBy < input.callDate)
      add('followUpBy', 'The follow-up date is before the call. Enter a later date.');
  }

  if (input.saveToFamily && !input.strengths && !input.hopes) input.saveToFamily = false;

  const order = Object.keys(CALL_FIELD_LABELS);
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { input, problems };
}

/** A warning (not a refusal) when the call is dated outside the school's call window. */
export function callWindowWarning(
  callDate: IsoDate,
  window: { start: IsoDate | ''; end: IsoDate | '' },
): string {
  if (!isIsoDate(callDate)) return '';
  if (window.start && callDate < window.start)
    return `This call is dated before the call window starts (${window.start}), so it does not count toward goals.`;
  if (window.end && callDate > window.end)
    return `This call is dated after the call window ended (${window.end}), so it does not count toward goals.`;
  return '';
}
