/**
 * Keeping the principal's Summary fresh must not slow a teacher's save: the sidebar asks for a
 * refresh only once logCall has answered, and a refresh that is slow or fails leaves the teacher
 * free to log the next call, with no message about it. (Overlapping refreshes collapsing into one
 * is tested on the server side in test/bundle/summary.test.ts.)
 */
import type { Browser } from 'playwright-core';
import type { Progress, SidebarContext } from '../../src/common/rpc';
import { launch, openSidebar, standInContext, standInKnowledge } from './sidebar-harness';

const progress: Progress = {
  goal: 6,
  counts: 'Conversations',
  done: 2,
  calls: 3,
  conversations: 2,
  familiesReached: 2,
  ownFamilies: 3,
  ownFamiliesNotReached: 1,
  percentOfGoal: 2 / 6,
  status: 'In progress',
};

function context(): SidebarContext {
  return standInContext({
    teacher: { name: 'Rowan Eastleigh', email: 'rowan.eastleigh@school.example' },
    families: [
      {
        studentId: 'T101',
        studentName: 'Ilse Marchetti',
        grade: '2',
        caregivers: 'Dario Marchetti',
        preferredLanguage: 'English',
        interpreterNeeded: false,
        own: true,
        reached: false,
        attempts: 0,
        row: 2,
      },
    ],
    progress,
  });
}

/** Waits (a few seconds at most) for something the page does asynchronously, then asserts it. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test.each([
  ['never answers', () => new Promise(() => undefined)],
  [
    'fails',
    () => {
      throw new Error(
        'The Summary was not rebuilt and nothing was changed. Fix this first: the "Check-ins" tab is missing.',
      );
    },
  ],
])(
  'a Summary refresh that %s is asked for after the save answered, and the teacher can log the next call',
  async (_how, refresh) => {
    const order: string[] = [];
    let answerSave: () => void = () => undefined;
    const { page, calls } = await openSidebar(browser, (name, args) => {
      order.push(`${name} asked`);
      if (name === 'getSidebarContext') return context();
      if (name === 'getFamilyKnowledge') return standInKnowledge(String(args[0]));
      if (name === 'logCall')
        return new Promise((resolve) => {
          answerSave = () => {
            order.push('logCall answered');
            resolve({
              written: true,
              progress,
              message: 'Call logged: 2 of 6 conversations.',
              recentCalls: [],
            });
          };
        });
      if (name === 'refreshSummary') return refresh();
      return null;
    });
    const logOne = async () => {
      await page.getByRole('combobox', { name: /Family/ }).fill('T101');
      await page.keyboard.press('Enter');
      await page.getByLabel('Outcome').selectOption('Left a message');
      await page.getByRole('button', { name: 'Log call' }).click();
      await page.getByRole('button', { name: 'Saving…' }).waitFor();
    };

    await logOne();
    // While the save is out, no refresh has been asked for.
    expect(calls.map((c) => c.name)).not.toContain('refreshSummary');
    answerSave();
    await page.getByText('Call logged: 2 of 6 conversations.').waitFor();
    await until(() => calls.filter((c) => c.name === 'refreshSummary').length === 1);
    expect(order.indexOf('refreshSummary asked')).toBeGreaterThan(order.indexOf('logCall answered'));

    // The refresh has not answered (or failed): the teacher sees their save, no error, and logs again.
    await expect(page.getByText(/not saved|Summary/i).count()).resolves.toBe(0);
    await logOne();
    answerSave();
    await until(() => calls.filter((c) => c.name === 'logCall').length === 2);
    await page.close();
  },
);
