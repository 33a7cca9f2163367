/**
 * The sidebar's two server calls through the real dist/Code.js in the emulator, on the small invented
 * school of the bundle tests with 10 and 5,000 earlier rows on the Call Log: getSidebarContext (open
 * the sidebar) and logCall (one call logged: validate, lock, one row, flush, new progress). The
 * Spreadsheet service-call counts must be the same at both sizes (the bundle tests assert it).
 * logCall's time includes the emulator's workbook recalculating the goal formulas on Teachers and
 * Families after the row is written, which in Sheets happens on Google's side. The last case drives
 * dist/Sidebar.html in Chromium through a typical reached call and prints its Keystroke-Level Model
 * time from the actions it recorded.
 */
import type { Browser } from 'playwright-core';
import {
  type Action,
  launch,
  openSidebar,
  type ServerHandler,
  Teacher,
  typicalReachedCall,
  withMaya,
} from '../../test/browser/sidebar-harness';
import { ANA, callInput, FAMILY, school, sidebarFamilyRow } from '../../test/bundle/school-fixture';
import { benchCase } from './case';

const SIZES = [10, 5000];

export const sidebarCases = SIZES.flatMap((callRows) => [
  benchCase({
    name: 'sidebar: getSidebarContext of dist/Code.js (who, families, progress, pick-lists)',
    size: `${callRows} call rows`,
    runs: 7,
    setup: () => school({ callRows }),
    measure: ({ emu }) => emu.run('getSidebarContext', [], { user: ANA }),
  }),
  benchCase({
    name: 'sidebar: logCall of dist/Code.js (one reached call, a new row each run)',
    size: `${callRows} call rows`,
    runs: callRows > 1000 ? 3 : 7,
    setup: () => {
      const made = school({ callRows });
      return { ...made, row: sidebarFamilyRow(made.emu, FAMILY.leo.id) };
    },
    // As the sidebar sends it: with the row it saw the family on.
    measure: ({ emu, row }) => emu.run('logCall', [callInput(), row], { user: ANA }),
  }),
  benchCase({
    name: "sidebar: editCall of dist/Code.js (rewrite one of the teacher's calls, found by submission id)",
    size: `${callRows} call rows`,
    runs: callRows > 1000 ? 3 : 7,
    setup: () => {
      const made = school({ callRows });
      const input = callInput();
      made.emu.call('logCall', [input], { user: ANA });
      return { ...made, input, n: 0, row: sidebarFamilyRow(made.emu, input.studentId) };
    },
    measure: (state) =>
      state.emu.run('editCall', [{ ...state.input, learned: `Edit ${++state.n}` }, state.row], { user: ANA }),
  }),
  benchCase({
    name: "sidebar: deleteCall of dist/Code.js (delete one of the teacher's calls, found by submission id)",
    size: `${callRows} call rows`,
    runs: callRows > 1000 ? 3 : 7,
    setup: () => {
      const made = school({ callRows });
      // One call to delete for the warm-up and for each timed run.
      const ids = Array.from({ length: 8 }, () => callInput()).map((input) => {
        made.emu.call('logCall', [input], { user: ANA });
        return input.submissionId;
      });
      return { ...made, ids };
    },
    measure: (state) => state.emu.run('deleteCall', [state.ids.pop()], { user: ANA }),
  }),
]);

/**
 * Keystroke-Level Model operator times, in seconds. Card, Moran & Newell, "The Keystroke-Level
 * Model for User Performance Time with Interactive Systems", Communications of the ACM 23(7), 1980:
 * K keystroke 0.28 (average non-secretary typist, about 40 words a minute), P point with a mouse
 * 1.1, H home the hand between mouse and keyboard 0.4, M mental preparation 1.35. B, a mouse button
 * press or release, 0.1 (a click is BB, 0.2), from D. Kieras, "Using the Keystroke-Level Model to
 * Estimate Execution Times" (University of Michigan, 2001), which also gives the placement rules
 * used here: an M before each action the teacher has to decide on, none before a keystroke that
 * completes what was just typed (Enter after the family's name), and an H whenever the hand changes
 * device. The system's response time is left out: the save itself is measured by the logCall cases.
 */
export const KLM = { K: 0.28, P: 1.1, H: 0.4, M: 1.35, B: 0.1 } as const;

type Operator = keyof typeof KLM;

/** The operators of recorded actions, in order, starting with the hand on the mouse. */
export function klmOperators(actions: readonly Action[]): Operator[] {
  const ops: Operator[] = [];
  let hand: 'mouse' | 'keyboard' = 'mouse';
  const to = (device: typeof hand) => {
    if (hand !== device) ops.push('H');
    hand = device;
  };
  const click = () => ops.push('P', 'B', 'B');
  actions.forEach((action, i) => {
    const previous = actions[i - 1];
    if (action.kind === 'click' || action.kind === 'choose') {
      to('mouse');
      ops.push('M');
      click();
      if (action.kind === 'choose') click(); // open the list, then pick the option
    } else if (action.kind === 'type') {
      to('mouse');
      ops.push('M');
      click();
      to('keyboard');
      for (let k = 0; k < action.chars; k++) ops.push('K');
    } else if (action.kind === 'tab-type') {
      to('keyboard');
      ops.push('M');
      for (let k = 0; k < action.chars; k++) ops.push('K');
    } else {
      to('keyboard');
      if (previous?.kind !== 'type' && previous?.kind !== 'tab-type') ops.push('M');
      ops.push('K');
    }
  });
  return ops;
}

/** "M P B B H 4K": runs of keystrokes written as a count, for reading. */
function operatorText(ops: readonly Operator[]): string {
  const out: string[] = [];
  for (let i = 0; i < ops.length; ) {
    let j = i;
    while (ops[j] === ops[i]) j++;
    out.push(
      ops[i] === 'K' && j - i > 1
        ? `${j - i}K`
        : Array(j - i)
            .fill(ops[i])
            .join(' '),
    );
    i = j;
  }
  return out.join(' ');
}

const round = (s: number) => Math.round(s * 100) / 100;

interface KlmState {
  browser: Browser;
  server: ServerHandler;
  actions: Action[];
}

export const klmCases = [
  benchCase<KlmState>({
    name: 'sidebar: a typical reached call in Chromium against dist/Code.js (recorded for the Keystroke-Level Model)',
    size: '1 reached call, caregiver on record, 3 notes',
    runs: 3,
    async setup() {
      const made = withMaya(school());
      const server: ServerHandler = (name, args) => {
        const run = made.emu.run(name, args, { user: ANA });
        if (run.error) throw run.error;
        return run.result;
      };
      return { browser: await launch(), server, actions: [] };
    },
    async measure(state) {
      const { page } = await openSidebar(state.browser, state.server);
      const teacher = new Teacher(page);
      await typicalReachedCall(teacher, { search: 'maya', caregiver: /Clara Hollis, foster parent/ });
      state.actions = teacher.actions;
      await page.close();
      return undefined;
    },
    async teardown(state) {
      await state.browser.close();
      const ops = klmOperators(state.actions);
      const seconds = ops.reduce((sum, op) => sum + KLM[op], 0);
      const keystrokes = ops.filter((op) => op === 'K').length;
      console.log(
        JSON.stringify({
          name: 'sidebar: Keystroke-Level Model time of the typical reached call (target <= 40 s)',
          size: `${state.actions.length} recorded actions, ${keystrokes} keystrokes`,
          klm_seconds: round(seconds),
          typing_seconds: round(keystrokes * KLM.K),
          operators: operatorText(ops),
        }),
      );
    },
  }),
];
