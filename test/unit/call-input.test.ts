import { CALL_FIELD_LABELS, callWindowWarning, checkCallInput } from '../../src/common/call-input';
import type { CallInput } from '../../src/common/rpc';
import { DEFAULT_PICK_LISTS, MAX_NOTE_LENGTH } from '../../src/common/schema';

const rules = { today: '2026-10-15', pickLists: DEFAULT_PICK_LISTS };

function call(overrides: Partial<Record<keyof CallInput, unknown>> = {}): Record<string, unknown> {
  return {
    submissionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    studentId: '10234',
    callDate: '2026-10-14',
    personReached: 'Rosa',
    relationship: 'Mother',
    method: 'Phone',
    outcome: 'Reached',
    language: 'Spanish',
    interpreterUsed: false,
    strengths: 'Loves drawing',
    hopes: 'Read chapter books',
    learned: 'Prefers texts after 6 pm',
    followUp: '',
    followUpBy: '',
    saveToFamily: true,
    ...overrides,
  };
}

const fields = (raw: unknown) => checkCallInput(raw, rules).problems.map((p) => p.field);

describe('the shared call validation', () => {
  test('a complete reached call passes unchanged', () => {
    const { input, problems } = checkCallInput(call(), rules);
    expect(problems).toEqual([]);
    expect(input).toEqual(call());
  });

  test('text is kept exactly as typed, leading characters and all', () => {
    const strengths = '\t=HYPERLINK("http://x")  ';
    const { input } = checkCallInput(call({ strengths, learned: '  \n  ' }), rules);
    expect(input.strengths).toBe(strengths);
    expect(input.learned).toBe('');
  });

  test('missing family, date, method and outcome are each named, in form order', () => {
    expect(fields(call({ studentId: ' ', callDate: '', method: '', outcome: '' }))).toEqual([
      'studentId',
      'callDate',
      'method',
      'outcome',
    ]);
  });

  test('a future date is refused with a sentence; today is accepted', () => {
    const { problems } = checkCallInput(call({ callDate: '2026-10-16' }), rules);
    expect(problems).toEqual([{ field: 'callDate', message: expect.stringMatching(/in the future/) }]);
    expect(fields(call({ callDate: '2026-10-15' }))).toEqual([]);
    expect(fields(call({ callDate: '2026-02-30' }))).toEqual(['callDate']);
  });

  test('notes over the limit are refused with their length; at the limit they pass', () => {
    const { problems } = checkCallInput(call({ learned: 'x'.repeat(50_000) }), rules);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/50,000 characters; the limit is 2,000/);
    expect(fields(call({ learned: 'x'.repeat(MAX_NOTE_LENGTH) }))).toEqual([]);
  });

  test('choices must come from the Settings pick-lists', () => {
    const { problems } = checkCallInput(call({ method: 'Carrier pigeon' }), rules);
    expect(problems[0]?.message).toMatch(/not on the method list in Settings.*Phone, Video/);
  });

  test('reached-only fields on an unreached call are refused, and saving to the family is off', () => {
    const { input, problems } = checkCallInput(call({ outcome: 'No answer', personReached: '' }), rules);
    expect(problems.map((p) => p.field)).toEqual(['relationship', 'strengths', 'hopes']);
    expect(input.saveToFamily).toBe(false);
    const attempt = call({
      outcome: 'No answer',
      personReached: '',
      relationship: '',
      strengths: '',
      hopes: '',
    });
    expect(fields(attempt)).toEqual([]);
  });

  test('a follow-up date needs a follow-up, on or after the call', () => {
    expect(fields(call({ followUpBy: '2026-10-20' }))).toEqual(['followUp']);
    expect(fields(call({ followUp: 'Send book list', followUpBy: '2026-10-01' }))).toEqual(['followUpBy']);
    expect(fields(call({ followUp: 'Send book list', followUpBy: '2026-10-20' }))).toEqual([]);
  });

  test('forged input (wrong types, no submission id) is refused, never thrown', () => {
    expect(fields(null)).toEqual(['submissionId', 'studentId', 'callDate', 'method', 'outcome']);
    expect(fields(call({ submissionId: 'x' }))).toEqual(['submissionId']);
    expect(fields(call({ strengths: { toString: 'boom' } }))).toEqual(['strengths']);
    expect(checkCallInput(call({ interpreterUsed: 'yes' }), rules).input.interpreterUsed).toBe(false);
  });

  test('every problem names a labelled field', () => {
    for (const p of checkCallInput({}, rules).problems) expect(CALL_FIELD_LABELS[p.field]).toBeTruthy();
  });
});

describe('the call window warning', () => {
  const window = { start: '2026-09-01', end: '2026-10-31' };
  test('warns outside the window, not inside or when the window is open', () => {
    expect(callWindowWarning('2026-08-31', window)).toMatch(/before the call window starts \(2026-09-01\)/);
    expect(callWindowWarning('2026-11-01', window)).toMatch(/after the call window ended/);
    expect(callWindowWarning('2026-09-01', window)).toBe('');
    expect(callWindowWarning('2020-01-01', { start: '', end: '' })).toBe('');
  });
});
