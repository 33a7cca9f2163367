/**
 * dist/Sidebar.html in headless Chromium, wired to the emulator running the real dist/Code.js on an
 * invented school: every google.script.run call is an execution of the bundle as the signed-in
 * teacher, so what the page shows and what lands on the Call Log are the product's own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  ANA,
  ANA_GOAL,
  BEN,
  callRows,
  FAMILY,
  LOCK_HOLDER,
  type SchoolOptions,
  school,
  TIME_ZONE,
} from '../bundle/school-fixture';
import { axeViolations, launch, openSidebar, ROOT, type ServerHandler } from './sidebar-harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A school in the emulator, and a google.script.run handler that runs the bundle as `user`. */
function schoolServer(user: string, options: SchoolOptions = {}) {
  const made = school(options);
  const server: ServerHandler = (name, args) => {
    const run = made.emu.run(name, args, { user });
    if (run.error) throw run.error;
    return run.result;
  };
  return { ...made, server };
}

/** 'YYYY-MM-DD' of a date cell as the sheet shows it (its own time zone). */
function isoDay(value: unknown): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(value as Date);
}

/** Counts what a teacher does: each click, each choice from a list and each field typed in. */
function counted(page: Page) {
  let interactions = 0;
  return {
    get count() {
      return interactions;
    },
    async click(target: Locator) {
      interactions++;
      await target.click();
    },
    async type(target: Locator, text: string) {
      interactions++;
      await target.fill(text);
    },
    async choose(target: Locator, option: string) {
      interactions++;
      await target.selectOption(option);
    },
    page,
  };
}

const screenshot = (page: Page, name: string) => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  return page.screenshot({ path: join(ROOT, 'test-results', name), fullPage: true });
};

test('a teacher logs a reached call in at most 10 interactions, and the row is on the Call Log', async () => {
  const { workbook, server } = schoolServer(ANA);
  const { page, calls, blocked } = await openSidebar(browser, server);
  await page.getByText(`0 of ${ANA_GOAL} conversations`).waitFor();
  const today = await page.getByLabel('Date of the call').inputValue();

  const teacher = counted(page);
  await teacher.type(page.getByRole('combobox', { name: /Family/ }), 'leo');
  await teacher.click(page.getByRole('option', { name: new RegExp(FAMILY.leo.name) }));
  await teacher.choose(page.getByLabel('Outcome'), 'Reached');
  await teacher.type(page.getByLabel('Who you spoke with'), 'Rosa Diaz');
  await teacher.choose(page.getByLabel('Relationship to the student'), 'Mother');
  await teacher.type(page.getByLabel('Strengths the family sees'), 'Builds bridges out of blocks');
  await teacher.type(page.getByLabel("The family's hopes this year"), 'Reading chapter books');
  await teacher.type(page.getByLabel('What I learned and will do with it'), 'Text before 5 pm');
  await teacher.click(page.getByRole('button', { name: 'Log call' }));
  await page.getByText(`Call logged: 1 of ${ANA_GOAL} conversations.`, { exact: false }).waitFor();
  expect(teacher.count).toBeLessThanOrEqual(10);

  const rows = callRows(workbook);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    'Teacher Email': ANA,
    Teacher: 'Ana Diaz',
    'Student ID': FAMILY.leo.id,
    'Student Name': FAMILY.leo.name,
    'Person Reached': 'Rosa Diaz',
    Relationship: 'Mother',
    Method: 'Phone',
    Outcome: 'Reached',
    'Strengths the Family Sees': 'Builds bridges out of blocks',
    'Family Hopes': 'Reading chapter books',
    'What I Learned': 'Text before 5 pm',
  });
  expect(isoDay(rows[0]?.['Call Date'])).toBe(today);

  // Ready for the next family: progress updated, form blank, the family box focused.
  await expect(page.locator('#progress-text').textContent()).resolves.toBe(`1 of ${ANA_GOAL} conversations`);
  await expect(page.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toBe('');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('studentId');
  expect(calls.filter((c) => c.name === 'logCall')).toHaveLength(1);
  expect(blocked).toEqual([]);
  await screenshot(page, 'sidebar-call-logged.png');
  await page.close();
});

test('keyboard only: Tab, typing and Enter log a call, and Tab visits the fields in the order shown', async () => {
  const { workbook, server } = schoolServer(BEN);
  const { page } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).waitFor();
  // A control by its id, or a button by its text.
  const keyOf = () =>
    page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return !e || e === document.body ? '' : e.id || `${e.tagName.toLowerCase()}:${e.textContent}`;
    });
  const visited: string[] = [];
  const tabTo = async (key: string) => {
    for (let i = 0; i < 40 && (await keyOf()) !== key; i++) {
      await page.keyboard.press('Tab');
      const now = await keyOf();
      if (visited.at(-1) !== now) visited.push(now);
    }
    expect(await keyOf()).toBe(key);
  };

  await tabTo('studentId');
  await page.keyboard.type('Omar');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toContain(
    FAMILY.omar.name,
  );
  await tabTo('outcome');
  await page.keyboard.type('Reached');
  await tabTo('personReached');
  await page.keyboard.type('Samir Haddad');
  await tabTo('relationship');
  await page.keyboard.type('Father');
  await tabTo('learned');
  await page.keyboard.type('Prefers calls in Arabic');
  await tabTo('button:Log call');

  // Tab went through every control on show, in the order they appear, and nothing else.
  const shown = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>('input, select, textarea, button, summary, [tabindex="0"]'),
    )
      .filter((e) => e.offsetParent !== null && !(e as HTMLButtonElement).disabled)
      .map((e) => e.id || `${e.tagName.toLowerCase()}:${e.textContent}`),
  );
  expect(visited).toEqual(shown);

  await page.keyboard.press('Enter');
  await page.getByText(/Call logged: 1 of \d+ conversations/).waitFor();
  const rows = callRows(workbook);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    'Teacher Email': BEN,
    'Student ID': FAMILY.omar.id,
    Outcome: 'Reached',
    'Person Reached': 'Samir Haddad',
    Relationship: 'Father',
    'What I Learned': 'Prefers calls in Arabic',
  });
  await page.close();
});

test('axe-core finds no violation in the empty form, the filled reached form and the error state', async () => {
  const { server } = schoolServer(ANA);
  const { page } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Log call' }).click();
  await page.locator('#studentId-error').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'sidebar-errors.png');

  await page.getByRole('combobox', { name: /Family/ }).fill('mia');
  await page.getByRole('option', { name: new RegExp(FAMILY.mia.name) }).click();
  await page.getByText('Ask about').waitFor();
  await page.getByLabel('Outcome').selectOption('Reached');
  // Fixed fields lose their error at once; the others keep theirs until they are fixed too.
  await expect(page.locator('#outcome-error').isHidden()).resolves.toBe(true);
  await expect(page.getByLabel('Outcome').getAttribute('aria-invalid')).resolves.toBeNull();
  await expect(page.locator('#studentId-error').isHidden()).resolves.toBe(true);
  await page.getByLabel('Who you spoke with').fill('Lan Chen');
  await page.getByLabel('Relationship to the student').selectOption('Grandparent');
  await page.getByLabel('Strengths the family sees').fill('Draws comics');
  await page.getByLabel('What I learned and will do with it').fill('Grandma picks up on Fridays');
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'sidebar-filled-reached.png');
  await page.close();
});

test('a busy spreadsheet keeps everything typed; pressing Log call again saves it once. Markup in a name stays text', async () => {
  // Another execution of the same project (a long save, say) holds the document lock until released.
  const { workbook, emu, server } = schoolServer(ANA, { extraCode: LOCK_HOLDER });
  const markup = '<img src=x onerror="window.__pwned=1">Zoë <script>window.__pwned=2</script>';
  workbook.appendRows('Families', [["'s9", markup, "'2", ANA]]);
  const { page } = await openSidebar(browser, server);

  await page.getByRole('combobox', { name: /Family/ }).fill('Zoë');
  await page.getByRole('option').first().click();
  await expect(page.locator('#family-info .family-name').textContent()).resolves.toBe(markup);
  await page.getByLabel('Outcome').selectOption('Left a message');
  await page
    .getByLabel('What I learned and will do with it')
    .fill('=IMAGE("http://evil.example/x.png") left voicemail');

  let settled = false;
  const holding = emu.runConcurrently([{ fn: 'holdDocumentLock' }]).finally(() => {
    settled = true;
  });
  const store = emu.properties('document');
  while (store.get('held') !== 'yes' && !settled) await new Promise((resolve) => setTimeout(resolve, 10));

  await page.getByRole('button', { name: 'Log call' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(
    /^Not saved\. The spreadsheet is busy/,
  );
  await expect(page.getByLabel('What I learned and will do with it').inputValue()).resolves.toBe(
    '=IMAGE("http://evil.example/x.png") left voicemail',
  );
  await expect(page.getByLabel('Outcome').inputValue()).resolves.toBe('Left a message');
  expect(callRows(workbook)).toEqual([]);

  store.set('release', 'yes');
  expect((await holding)[0]?.result).toBe('released');
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByText(/Call logged/).waitFor();
  const rows = callRows(workbook);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    'Student Name': markup,
    Outcome: 'Left a message',
    'What I Learned': '=IMAGE("http://evil.example/x.png") left voicemail',
  });
  await expect(
    page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).resolves.toBeUndefined();
  await page.close();
});
