/**
 * My recent calls, editCall and deleteCall, and the family box's crib sheet, through the real
 * dist/Code.js in the emulator: a teacher sees and changes only their own calls (the server checks
 * the signed-in email against the row's Teacher Email), the row is found by its submission id under
 * the document lock however rows moved, every guarantee of logCall holds for an edit (validation,
 * the cell encoder, no second row), and a deleted call stops counting on the Teachers tab's goal
 * formulas as well as in the sidebar.
 *
 * Sheets behaviour relied on: Sheet.deleteRow removes the row and shifts the rows below up
 * (developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRow(Integer)); whole-column
 * references such as A:A keep covering the column when a row is deleted
 * (support.google.com/docs/answer/6208276, "Reference data from other sheets": whole-column ranges);
 * Range.getFormulas gives '' for a cell without a formula
 * (developers.google.com/apps-script/reference/spreadsheet/range#getFormulas()).
 */
import type { Workbook } from '../../emulator';
import type { CallInput, FamilyKnowledge, LogCallResult, SidebarContext } from '../../src/common/rpc';
import { INJECTIONS } from './injections';
import {
  ANA,
  ANA_GOAL,
  BEN,
  callInput,
  callRows,
  column,
  FAMILY,
  PRINCIPAL,
  type School,
  school,
  sidebarFamilyRow,
} from './school-fixture';

type Emu = School['emu'];

/** What a principal does by hand in the sheet: type into cells, delete a row (1-based, as in Sheets). */
const BY_HAND = {
  'zz-by-hand.js': `function typeByHand(tab, edits) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab);
  edits.forEach(function (e) { sheet.getRange(e[0], e[1]).setValue(e[2]); });
}
function deleteRowByHand(tab, row) {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab).deleteRow(row);
}`,
};
const byHand = (emu: Emu, tab: string, edits: [number, number, unknown][]) =>
  emu.call('typeByHand', [tab, edits], { user: PRINCIPAL });

const log = (emu: Emu, input: CallInput, user = ANA) => emu.call<LogCallResult>('logCall', [input], { user });
const edit = (emu: Emu, input: CallInput, user = ANA) =>
  emu.run<LogCallResult>('editCall', [input], { user });
const remove = (emu: Emu, id: string, user = ANA) => emu.run<LogCallResult>('deleteCall', [id], { user });
const context = (emu: Emu, user = ANA) => emu.call<SidebarContext>('getSidebarContext', [], { user });

function rowOf(workbook: Workbook, submissionId: string): Record<string, unknown> | undefined {
  return callRows(workbook).find((r) => r['Submission ID'] === submissionId);
}

/** Ana's Conversations figure as the Teachers tab's goal formula computes it. */
function anaConversations(workbook: Workbook): unknown {
  return column(workbook, 'Teachers', 'Conversations')[column(workbook, 'Teachers', 'Email').indexOf(ANA)];
}

const attempt = (overrides: Partial<CallInput> = {}) =>
  callInput({
    outcome: 'No answer',
    personReached: '',
    relationship: '',
    strengths: '',
    hopes: '',
    ...overrides,
  });

describe('My recent calls and the family box', () => {
  let shared: School;
  beforeAll(() => {
    shared = school();
  });

  test("a teacher's last five calls, newest first, only their own; one-tap attempts use the method they last used", () => {
    const { emu } = shared;
    const mine = Array.from({ length: 6 }, (_, i) => attempt({ learned: `Try ${i + 1}`, method: 'Text' }));
    for (const input of mine) log(emu, input);
    log(emu, attempt({ studentId: FAMILY.omar.id, learned: 'Ben tried' }), BEN);

    const ana = context(emu);
    expect(ana.recentCalls.map((c) => c.learned)).toEqual(['Try 6', 'Try 5', 'Try 4', 'Try 3', 'Try 2']);
    expect(ana.recentCalls[0]).toMatchObject({
      submissionId: mine[5]?.submissionId,
      studentId: FAMILY.leo.id,
      studentName: FAMILY.leo.name,
      outcome: 'No answer',
      edited: false,
    });
    expect(ana.defaults.method).toBe('Text');
    expect(context(emu, BEN).recentCalls.map((c) => c.learned)).toEqual(['Ben tried']);
    // Someone with no call yet gets the first method of the list.
    expect(school().emu.call<SidebarContext>('getSidebarContext', [], { user: ANA }).defaults.method).toBe(
      'Phone',
    );
  });

  test("picking a family shows how to reach them, its caregivers paired with relationships, and anyone's last three calls", () => {
    const { workbook, emu } = school({ extraCode: BY_HAND });
    const [head = []] = workbook.values('Families');
    const at = (h: string) => head.indexOf(h) + 1;
    // The principal fills Mia's row by hand: two numbers in one cell, two caregivers.
    const row = column(workbook, 'Families', 'Student ID').indexOf(FAMILY.mia.id) + 2;
    byHand(emu, 'Families', [
      [row, at('Caregiver Names'), 'Lan Chen; Wei Chen'],
      [row, at('Caregiver Relationship'), 'grandparent; Father'],
      [row, at('Phone'), "'555-0142 (mobile); 555-0199"],
      [row, at('Family Email'), 'chen.family@home.example'],
      [row, at('Best Way and Time to Reach'), 'Text after 6 pm'],
    ]);
    for (const [day, learned] of [
      ['2026-09-10', 'First'],
      ['2026-09-12', 'Second'],
      ['2026-09-11', 'Third'],
      ['2026-09-13', 'Fourth'],
    ])
      log(emu, attempt({ studentId: FAMILY.mia.id, callDate: day, learned }));
    log(
      emu,
      callInput({
        studentId: FAMILY.mia.id,
        callDate: '2026-09-14',
        learned: 'Loves drawing',
        followUp: 'Send the art club form',
        followUpBy: '2026-09-20',
      }),
      BEN,
    );

    const known = emu.call<FamilyKnowledge>('getFamilyKnowledge', [FAMILY.mia.id], { user: ANA });
    expect(known.contact).toEqual({
      phones: ['555-0142 (mobile)', '555-0199'],
      email: 'chen.family@home.example',
      bestWayAndTime: 'Text after 6 pm',
      preferredLanguage: '',
      interpreterNeeded: false,
    });
    expect(known.caregivers).toEqual([
      { name: 'Lan Chen', relationship: 'grandparent', relationshipChoice: 'Grandparent' },
      { name: 'Wei Chen', relationship: 'Father', relationshipChoice: 'Father' },
    ]);
    expect(known.lastCalls).toEqual([
      {
        callDate: '2026-09-14',
        teacherName: 'Ben Okafor',
        outcome: 'Reached',
        learned: 'Loves drawing',
        openFollowUp: 'Send the art club form',
        followUpBy: '2026-09-20',
      },
      expect.objectContaining({ callDate: '2026-09-13', teacherName: 'Ana Diaz', learned: 'Fourth' }),
      expect.objectContaining({ callDate: '2026-09-12', learned: 'Second', openFollowUp: '' }),
    ]);
  });
});

describe('editCall', () => {
  test('rewrites the same row found by its submission id: the fields, Edited At, and the new progress', () => {
    const { workbook, emu } = school({ extraCode: BY_HAND });
    const first = callInput({ studentId: FAMILY.mia.id });
    log(emu, first);
    const other = callInput();
    log(emu, other);
    expect(anaConversations(workbook)).toBe(2);
    const before = rowOf(workbook, first.submissionId);

    // Rows move: a principal deletes the row above it by hand, so the call is no longer where it was.
    const sheetRow = callRows(workbook).findIndex((r) => r['Submission ID'] === first.submissionId) + 2;
    expect(sheetRow).toBe(2);
    const moved = callInput({ studentId: FAMILY.omar.id });
    log(emu, moved, BEN);
    emu.call('deleteRowByHand', ['Call Log', 3], { user: PRINCIPAL }); // the "other" row
    const changed = {
      ...first,
      outcome: 'Wrong or disconnected number',
      ...blankReached(),
      learned: '=1+1 not her number',
    };
    const run = edit(emu, changed);
    expect(run.error).toBeUndefined();
    expect(run.result?.message).toBe(
      `Call updated: wrong or disconnected number for ${FAMILY.mia.name}'s family. 0 of ${ANA_GOAL} conversations.`,
    );
    expect(run.result?.recentCalls[0]).toMatchObject({ submissionId: first.submissionId, edited: true });

    const after = rowOf(workbook, first.submissionId);
    expect(callRows(workbook)).toHaveLength(2);
    expect(after).toMatchObject({
      Outcome: 'Wrong or disconnected number',
      'Person Reached': '',
      'What I Learned': '=1+1 not her number',
      'Logged At': before?.['Logged At'],
      'Teacher Email': ANA,
      Teacher: 'Ana Diaz',
    });
    expect(after?.['Edited At']).toBeInstanceOf(Date);
    expect(workbook.formulas('Call Log').flat().filter(Boolean)).toEqual([]);
    expect(anaConversations(workbook)).toBe(0);
    expect(rowOf(workbook, moved.submissionId)).toMatchObject({
      'Teacher Email': BEN,
      'Student ID': FAMILY.omar.id,
    });
  });

  test("keeps the school's own columns (a formula, a text that looks like one), the follow-up tick and the row count", () => {
    const { workbook, emu } = school({ extraCode: BY_HAND });
    const first = callInput({ followUp: 'Send the reading list', followUpBy: '2026-09-20' });
    log(emu, first);
    const [head = []] = workbook.values('Call Log');
    expect(column(workbook, 'Call Log', 'Follow-up Done')).toEqual([false]);
    byHand(emu, 'Call Log', [
      [1, head.length + 1, 'Our note'],
      [1, head.length + 2, 'Our check'],
      [2, head.length + 1, "'=not a formula"],
      [2, head.length + 2, '=LEN("abc")'],
      [2, head.indexOf('Follow-up Done') + 1, true],
    ]);

    expect(edit(emu, { ...first, learned: 'Call after 7 pm' }).error).toBeUndefined();
    const row = rowOf(workbook, first.submissionId);
    expect(row).toMatchObject({
      'What I Learned': 'Call after 7 pm',
      'Follow-up Done': true,
      'Our note': '=not a formula',
      'Our check': 3,
    });
    expect(workbook.formulas('Call Log')[1]?.filter(Boolean)).toEqual(['=LEN("abc")']);
    expect(callRows(workbook)).toHaveLength(1);
    // Pressing Save changes again after a timeout writes the same text: still one row, same content.
    expect(edit(emu, { ...first, learned: 'Call after 7 pm' }).result?.written).toBe(true);
    expect(callRows(workbook)).toHaveLength(1);
  });

  test('the injection corpus typed into every free-text field of an edit is stored as text and reads back exactly', () => {
    const { workbook, emu } = school();
    const first = callInput();
    log(emu, first);
    const fields = {
      personReached: 'Person Reached',
      strengths: 'Strengths the Family Sees',
      hopes: 'Family Hopes',
      learned: 'What I Learned',
      followUp: 'Follow-up Needed',
    } as const;
    for (const text of INJECTIONS) {
      const typed = Object.fromEntries(Object.keys(fields).map((f) => [f, text]));
      expect(edit(emu, { ...first, ...typed }).error).toBeUndefined();
      const row = rowOf(workbook, first.submissionId);
      expect(Object.values(fields).map((h) => row?.[h])).toEqual(Object.values(fields).map(() => text));
      expect(workbook.formulas('Call Log').flat().filter(Boolean)).toEqual([]);
    }
    expect(callRows(workbook)).toHaveLength(1);
  });

  test("another teacher's call is refused by the server, a bad edit says why, and neither changes the row", () => {
    const { workbook, emu } = school();
    const bens = attempt({ studentId: FAMILY.omar.id });
    log(emu, bens, BEN);
    const before = JSON.stringify(callRows(workbook));
    const forged = edit(emu, { ...bens, learned: 'Ana was here' });
    expect(forged.error?.message).toBe(
      'This call was logged by another teacher, so only they can change or delete it. Nothing was changed.',
    );
    const bad = edit(emu, { ...bens, learned: 'x'.repeat(2001) }, BEN);
    expect(bad.error?.message).toMatch(/the limit is 2,000/);
    const future = edit(emu, { ...bens, callDate: '2999-01-01' }, BEN);
    expect(future.error?.message).toMatch(/is in the future/);
    const gone = edit(emu, callInput(), ANA);
    expect(gone.error?.message).toMatch(/no longer on the Call Log/);
    expect(JSON.stringify(callRows(workbook))).toBe(before);
  });
});

describe('deleteCall', () => {
  test("removes the teacher's own row, keeps everyone else's, and the goal formulas stop counting it", () => {
    const { workbook, emu } = school();
    const mine = callInput();
    const keep = callInput({ studentId: FAMILY.mia.id });
    const bens = callInput({ studentId: FAMILY.omar.id });
    log(emu, mine);
    log(emu, bens, BEN);
    log(emu, keep);
    expect(anaConversations(workbook)).toBe(2);

    const run = remove(emu, mine.submissionId);
    expect(run.error).toBeUndefined();
    expect(run.result?.message).toBe(
      `Call deleted: reached Rosa Diaz, ${FAMILY.leo.name}'s mother on 2026-09-14. 1 of ${ANA_GOAL} conversations.`,
    );
    expect(run.result?.recentCalls.map((c) => c.submissionId)).toEqual([keep.submissionId]);
    expect(callRows(workbook).map((r) => r['Submission ID'])).toEqual([bens.submissionId, keep.submissionId]);
    expect(anaConversations(workbook)).toBe(1);
    expect(context(emu).progress.done).toBe(1);

    // Pressing Delete again (a retry after a timeout) changes nothing and says so.
    const again = remove(emu, mine.submissionId);
    expect(again.result).toMatchObject({ written: false });
    expect(again.result?.message).toMatch(/no longer on the Call Log, so there was nothing to delete/);
    expect(callRows(workbook)).toHaveLength(2);
  });

  test("another teacher's call is refused by the server and stays", () => {
    const { workbook, emu } = school();
    const bens = callInput({ studentId: FAMILY.omar.id });
    log(emu, bens, BEN);
    expect(remove(emu, bens.submissionId).error?.message).toMatch(/logged by another teacher/);
    expect(remove(emu, 'x').error?.message).toMatch(/no valid submission id/);
    expect(callRows(workbook).map((r) => r['Submission ID'])).toEqual([bens.submissionId]);
  });

  test('deletes while others append at the same time: every new row is kept, each deleted row goes', async () => {
    const { workbook, emu } = school();
    const old = Array.from({ length: 4 }, (_, i) => callInput({ learned: `Old ${i}` }));
    for (const input of old) log(emu, input);
    const fresh = Array.from({ length: 12 }, (_, i) => ({
      user: i % 2 ? BEN : ANA,
      input: callInput({ studentId: i % 2 ? FAMILY.omar.id : FAMILY.mia.id, learned: `New ${i}` }),
    }));
    const runs = await emu.runConcurrently([
      ...fresh.map(({ user, input }) => ({ fn: 'logCall', args: [input], user })),
      ...old.slice(0, 3).map((input) => ({ fn: 'deleteCall', args: [input.submissionId], user: ANA })),
    ]);
    expect(runs.map((r) => r.error?.message)).toEqual(runs.map(() => undefined));
    const learned = callRows(workbook)
      .map((r) => r['What I Learned'])
      .sort();
    expect(learned).toEqual(['Old 3', ...fresh.map((f) => f.input.learned)].sort());
  });
});

test("a call's submission id pasted into an earlier call's note: edit and delete change that call's own row", () => {
  const { workbook, emu } = school({ extraCode: BY_HAND });
  const first = callInput({ learned: 'First call' });
  const second = callInput({ learned: 'Second call' });
  log(emu, first);
  log(emu, second);
  const [head = []] = workbook.values('Call Log');
  const note = `Same as ${second.submissionId.toUpperCase()}`;
  byHand(emu, 'Call Log', [[2, head.indexOf('What I Learned') + 1, note]]);

  expect(edit(emu, { ...second, learned: 'Second call, corrected' }).error).toBeUndefined();
  expect(rowOf(workbook, second.submissionId)?.['What I Learned']).toBe('Second call, corrected');
  expect(rowOf(workbook, first.submissionId)?.['What I Learned']).toBe(note);
  expect(remove(emu, second.submissionId).result?.written).toBe(true);
  expect(callRows(workbook).map((r) => r['Submission ID'])).toEqual([first.submissionId]);
});

test('edit and delete make the same number of Spreadsheet calls at 2,000 and 5,000 rows on the log, and no more at 10', () => {
  // The answer lists the teacher's recent calls: a short log is read whole in fewer calls, a long one
  // through its key columns (src/server/recent-calls.ts), in calls that no longer grow with it.
  const counts = [10, 2000, 5000].map((callRows) => {
    const { emu } = school({ callRows });
    const input = callInput();
    log(emu, input);
    const edited = emu.run<LogCallResult>(
      'editCall',
      [{ ...input, learned: 'Changed' }, sidebarFamilyRow(emu, input.studentId)],
      { user: ANA },
    );
    const deleted = remove(emu, input.submissionId);
    expect([edited.error, deleted.error]).toEqual([undefined, undefined]);
    return [edited.spreadsheetCalls, deleted.spreadsheetCalls];
  });
  const [small, medium, large] = counts as [number[], number[], number[]];
  expect(large).toEqual(medium);
  // Was 32 and 24 at 5,000 rows: the family's row now comes from the sidebar's hint, the call's row
  // from one TextFinder over the tab, and the teacher's homeroom count from the Own Families column.
  expect(large).toEqual([26, 21]);
  small.forEach((calls, i) => {
    expect(calls).toBeLessThanOrEqual(large[i] as number);
  });
});

function blankReached(): Partial<CallInput> {
  return { personReached: '', relationship: '', strengths: '', hopes: '' };
}
