/**
 * The schema's types are the contract between the code and the sheet's headers: a header that is not
 * in the schema must not compile, and the record types follow the columns. `npm run typecheck` checks
 * the @ts-expect-error lines (a line that compiled would fail it); jest checks the values.
 */
import type { CallInput } from '../../src/common/rpc';
import {
  CALL_FIELD_LABELS,
  CALL_LOG,
  type CallLogSpec,
  column,
  type HeaderOf,
  type RecordOf,
  requiredHeaders,
  TEACHERS,
} from '../../src/common/schema';

test('a header of the schema names its column; a misspelt one does not compile', () => {
  expect(column(CALL_LOG, 'Teacher Email').field).toBe('teacherEmail');
  // @ts-expect-error 'Teacher Emial' is not a Call Log header.
  expect(() => column(CALL_LOG, 'Teacher Emial')).toThrow('no column');
  // @ts-expect-error 'Call Date' is a Call Log header, not a Teachers one.
  expect(() => column(TEACHERS, 'Call Date')).toThrow('no column');
  const header: HeaderOf<CallLogSpec> = 'Follow-up By';
  expect(column(CALL_LOG, header).type).toBe('date');
});

test('records and the call input are typed by field, from the columns', () => {
  const call: Pick<RecordOf<CallLogSpec>, 'callDate' | 'interpreterUsed' | 'loggedAt'> = {
    callDate: '2026-09-20',
    interpreterUsed: true,
    loggedAt: null,
  };
  // @ts-expect-error a tick is a boolean, not text.
  const wrong: Pick<RecordOf<CallLogSpec>, 'interpreterUsed'> = { interpreterUsed: 'yes' };
  const input: Pick<CallInput, 'followUpBy' | 'saveToFamily'> = { followUpBy: '', saveToFamily: false };
  // @ts-expect-error Teacher Email is filled by the server from the signed-in account, not the form.
  const forged: Pick<CallInput, 'teacherEmail'> = { teacherEmail: 'x@example.org' };
  expect([call.callDate, wrong, input.followUpBy, forged]).toHaveLength(4);
  expect(Object.keys(CALL_FIELD_LABELS)[0]).toBe('submissionId');
});

test('each action requires the columns the schema says, and only those', () => {
  expect(requiredHeaders(CALL_LOG, 'logCall')).toEqual([
    'Teacher Email',
    'Call Date',
    'Student ID',
    'Outcome',
    'Submission ID',
  ]);
  expect(requiredHeaders(CALL_LOG, 'editCall')).toEqual(['Edited At']);
  expect(requiredHeaders(TEACHERS, 'summary')).toEqual(['Name', 'Email', 'Goal']);
});
