/**
 * The sidebar against a stand-in server whose answers the test controls: a server that fails on cue,
 * family names that carry HTML and script, and the shared validation running in the browser before
 * anything is sent. (test/browser/sidebar.test.ts runs the same page against the emulator.)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type {
  CallInput,
  FamilyKnowledge,
  LogCallResult,
  Progress,
  SidebarContext,
} from '../../src/common/rpc';
import { DEFAULT_PROMPTS, FAMILY_KNOWLEDGE_COLUMNS } from '../../src/common/schema';
import { launch, openSidebar, ROOT, standInContext, standInKnowledge } from './sidebar-harness';

const SCRIPT_NAME = '<img src=x onerror="window.__pwned=1">Zoë <script>window.__pwned=2</script>';

const progress: Progress = {
  goal: 10,
  counts: 'Conversations',
  done: 3,
  calls: 5,
  conversations: 3,
  familiesReached: 3,
  ownFamilies: 4,
  ownFamiliesNotReached: 2,
  percentOfGoal: 0.3,
  status: 'In progress',
};

function context(): SidebarContext {
  return standInContext({
    teacher: { name: 'Avery Quinn', email: 'avery.quinn@school.example' },
    families: [
      {
        studentId: 'S001',
        studentName: SCRIPT_NAME,
        grade: '3',
        caregivers: '<b>Bold</b> Parent',
        preferredLanguage: 'Spanish',
        interpreterNeeded: true,
        own: true,
        reached: false,
        attempts: 0,
        row: 2,
      },
      {
        studentId: 'S002',
        studentName: 'Mateo Ruiz',
        grade: '3',
        caregivers: 'Rosa Ruiz',
        preferredLanguage: 'English',
        interpreterNeeded: false,
        own: true,
        reached: true,
        attempts: 2,
        row: 3,
      },
      {
        studentId: 'S003',
        studentName: 'Lina Haddad',
        grade: '4',
        caregivers: 'Omar Haddad',
        preferredLanguage: 'Arabic',
        interpreterNeeded: false,
        own: false,
        reached: false,
        attempts: 0,
        row: 4,
      },
    ],
    progress,
  });
}

function knowledge(studentId: string): FamilyKnowledge {
  return standInKnowledge(studentId, {
    known: {
      ...standInKnowledge(studentId).known,
      "Child's Strengths and Interests": '<script>window.__pwned=3</script>Loves chess',
    },
    unknown: FAMILY_KNOWLEDGE_COLUMNS.filter((c) => c !== "Child's Strengths and Interests"),
    prompts: [DEFAULT_PROMPTS[2] ?? ''],
    contact: {
      phones: ['<b>555</b>-0100'],
      email: '<a href="x">mail</a>',
      bestWayAndTime: '<script>window.__pwned=4</script>Evenings',
      preferredLanguage: 'Spanish',
      interpreterNeeded: true,
    },
    caregivers: [{ name: '<i>Rosa</i> Ruiz', relationship: 'Mother', relationshipChoice: 'Mother' }],
    lastCalls: [
      {
        callDate: '2026-10-01',
        teacherName: '<u>Ben</u>',
        outcome: 'Reached',
        learned: '<img src=x onerror="window.__pwned=5">Likes mornings',
        openFollowUp: 'Send the <em>list</em>',
        followUpBy: '2026-10-20',
      },
    ],
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('HTML and script in family names and notes show as text and never run', async () => {
  const { page, blocked } = await openSidebar(browser, (name, args) =>
    name === 'getSidebarContext' ? context() : knowledge(String(args[0])),
  );
  await page.getByRole('combobox', { name: /Family/ }).click();
  const option = page.getByRole('option').first();
  await expect(option.textContent()).resolves.toContain(SCRIPT_NAME);
  await option.click();
  await expect(page.locator('#family-info').textContent()).resolves.toContain('<b>Bold</b> Parent');
  await page.getByText('What the school knows (1)').click();
  await expect(page.locator('#family-info details dd').first().textContent()).resolves.toBe(
    '<script>window.__pwned=3</script>Loves chess',
  );
  // Contact details, earlier calls and caregivers from the sheet are text too.
  const box = page.locator('#family-info');
  for (const text of [
    '<b>555</b>-0100',
    '<a href="x">mail</a>',
    '<script>window.__pwned=4</script>Evenings',
    '<u>Ben</u>',
    'Learned: <img src=x onerror="window.__pwned=5">Likes mornings',
    'Open follow-up: Send the <em>list</em> (by 2026-10-20)',
  ])
    await expect(box.textContent()).resolves.toContain(text);
  await page.getByLabel('Outcome').selectOption('Reached');
  await expect(page.getByRole('radio', { name: '<i>Rosa</i> Ruiz, mother' }).isVisible()).resolves.toBe(true);
  await expect(
    page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).resolves.toBeUndefined();
  expect(
    await page
      .locator(
        '#family-info img, #family-info script, #family-info b, #family-info a, #family-info u, form i, [role=listbox] img',
      )
      .count(),
  ).toBe(0);
  expect(blocked).toEqual([]);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-results/sidebar-hostile-names.png'), fullPage: true });
  await page.close();
});

test('a server failure keeps everything typed and shows the server sentence; retry reuses the submission id', async () => {
  const submitted: CallInput[] = [];
  const familyRows: unknown[] = [];
  let fail = true;
  const { page } = await openSidebar(browser, (name, args) => {
    if (name === 'getSidebarContext') return context();
    if (name === 'getFamilyKnowledge') return knowledge(String(args[0]));
    if (name === 'logCall') {
      submitted.push(args[0] as CallInput);
      familyRows.push(args[1]);
      if (fail)
        throw new Error(
          'The spreadsheet is busy saving other calls. Nothing was saved: press Log call again in a moment.',
        );
      const result: LogCallResult = {
        written: true,
        progress: { ...progress, done: 4 },
        message: 'Call logged: 4 of 10 conversations.',
        recentCalls: [],
      };
      return result;
    }
    return { rebuilt: true, message: '' };
  });
  await page.getByRole('combobox', { name: /Family/ }).fill('mateo');
  await page.getByRole('option', { name: /Mateo Ruiz/ }).click();
  await page.getByLabel('Outcome').selectOption('Reached');
  await page.getByLabel('Who you spoke with').fill('Rosa');
  await page.getByLabel('What I learned and will do with it').fill('=HYPERLINK("x") likes mornings');
  await page.getByRole('button', { name: 'Log call' }).click();

  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toBe(
    'Not saved. The spreadsheet is busy saving other calls. Nothing was saved: press Log call again in a moment.',
  );
  await expect(page.getByLabel('Who you spoke with').inputValue()).resolves.toBe('Rosa');
  await expect(page.getByLabel('What I learned and will do with it').inputValue()).resolves.toBe(
    '=HYPERLINK("x") likes mornings',
  );
  await expect(page.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toBe(
    'Mateo Ruiz (S002)',
  );
  await expect(page.getByRole('button', { name: 'Log call' }).isEnabled()).resolves.toBe(true);

  fail = false;
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByText('Call logged: 4 of 10 conversations.').waitFor();
  expect(submitted).toHaveLength(2);
  expect(submitted[1]?.submissionId).toBe(submitted[0]?.submissionId);
  // Each press says where the sidebar saw Mateo's family on Families, for the server to check.
  const mateo = context().families.find((f) => f.studentId === 'S002');
  expect(familyRows).toEqual([mateo?.row, mateo?.row]);
  await expect(page.getByLabel('Who you spoke with', { exact: true }).isHidden()).resolves.toBe(true);
  await expect(page.locator('#progress-text').textContent()).resolves.toBe(
    '4 of 10 conversations · 2 of your families not yet reached',
  );
  await page.close();
});

test('Log call is disabled while saving, so a double click sends one call', async () => {
  let release: () => void = () => undefined;
  const sent: CallInput[] = [];
  const { page } = await openSidebar(browser, (name, args) => {
    if (name === 'getSidebarContext') return context();
    if (name === 'getFamilyKnowledge') return knowledge(String(args[0]));
    if (name === 'logCall') {
      sent.push(args[0] as CallInput);
      return new Promise((resolve) => {
        release = () =>
          resolve({
            written: true,
            progress,
            message: 'Call logged: 3 of 10 conversations.',
            recentCalls: [],
          });
      });
    }
    return null;
  });
  await page.getByRole('combobox', { name: /Family/ }).fill('S003');
  await page.keyboard.press('Enter');
  await page.getByLabel('Outcome').selectOption('No answer');
  const button = page.getByRole('button', { name: 'Log call' });
  await button.click();
  await page.getByRole('button', { name: 'Saving…' }).waitFor();
  await expect(page.getByRole('button', { name: 'Saving…' }).isDisabled()).resolves.toBe(true);
  await page
    .getByRole('button', { name: 'Saving…' })
    .click({ force: true })
    .catch(() => undefined);
  release();
  await page.getByText('Call logged: 3 of 10 conversations.').waitFor();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    studentId: 'S003',
    outcome: 'No answer',
    personReached: '',
    strengths: '',
  });
  await page.close();
});

test('problems found in the browser name each field, focus the first, and send nothing', async () => {
  const { page, calls } = await openSidebar(browser, (name, args) =>
    name === 'getSidebarContext' ? context() : knowledge(String(args[0])),
  );
  await page.getByText(/^Date, method, language/).click();
  await page.getByLabel('Date of the call').fill('2026-10-20');
  await page.getByRole('button', { name: 'Log call' }).click();
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('studentId');
  await expect(page.locator('#studentId-error').textContent()).resolves.toMatch(/^Error: Choose the family/);
  await expect(page.locator('#callDate-error').textContent()).resolves.toMatch(/in the future/);
  await expect(page.locator('#outcome-error').textContent()).resolves.toMatch(/Choose the outcome/);
  await expect(page.getByLabel('Date of the call').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(calls.map((c) => c.name)).toEqual(['getSidebarContext']);

  const long = 'x'.repeat(50_000);
  await page.getByLabel('What I learned and will do with it').fill(long);
  await expect(page.locator('#learned-count').textContent()).resolves.toBe(
    '50,000 of 2,000 characters: 48,000 too many',
  );
  await page.close();
});
