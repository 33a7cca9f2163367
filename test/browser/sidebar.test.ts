/**
 * dist/Sidebar.html in headless Chromium, wired to the emulator running the real dist/Code.js on an
 * invented school: every google.script.run call is an execution of the bundle as the signed-in
 * teacher, so what the page shows and what lands on the Call Log are the product's own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ANA,
  ANA_GOAL,
  BEN,
  callInput,
  callRows,
  FAMILY,
  LOCK_HOLDER,
  PRINCIPAL,
  type SchoolOptions,
  school,
  TIME_ZONE,
} from '../bundle/school-fixture';
import {
  axeViolations,
  launch,
  MAYA,
  openSidebar,
  ROOT,
  type ServerHandler,
  Teacher,
  TYPICAL_NOTES,
  typicalReachedCall,
  withMaya,
} from './sidebar-harness';

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

const screenshot = (page: Page, name: string) => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  return page.screenshot({ path: join(ROOT, 'test-results', name), fullPage: true });
};

test('a typical reached call takes 8 interactions, typing included; the family box had the number and the last call', async () => {
  const { workbook, server } = withMaya(schoolServer(ANA));
  const { page, calls, blocked } = await openSidebar(browser, server);
  await page.getByText(`0 of ${ANA_GOAL} conversations`, { exact: false }).waitFor();
  const today = await page.getByLabel('Date of the call').inputValue();

  const teacher = new Teacher(page);
  await typicalReachedCall(teacher, { search: 'maya', caregiver: /Clara Hollis, foster parent/ });
  // Counted as the issue asks: clicks, choices and keys, then the fields typed into.
  expect(teacher.interactions).toBe(4);
  expect(teacher.typed).toBe(4);
  expect(teacher.interactions + teacher.typed).toBeLessThanOrEqual(8);
  await expect(page.locator('#status').textContent()).resolves.toMatch(
    new RegExp(
      `^Call logged: reached Clara Hollis, ${MAYA.name}'s foster parent\\. 1 of ${ANA_GOAL} conversations\\.`,
    ),
  );

  const rows = callRows(workbook).filter((r) => r['Teacher Email'] === ANA);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    Teacher: 'Ana Diaz',
    'Student ID': MAYA.id,
    'Student Name': MAYA.name,
    'Person Reached': 'Clara Hollis',
    Relationship: 'Foster parent',
    Method: 'Phone',
    Outcome: 'Reached',
    Language: 'English',
    'Strengths the Family Sees': TYPICAL_NOTES.strengths,
    'Family Hopes': TYPICAL_NOTES.hopes,
    'What I Learned': TYPICAL_NOTES.learned,
  });
  expect(isoDay(rows[0]?.['Call Date'])).toBe(today);

  // Ready for the next family: progress on one line, form blank, the family box focused, and the
  // call at the top of My recent calls.
  await expect(page.locator('#progress-text').textContent()).resolves.toBe(
    `1 of ${ANA_GOAL} conversations · 2 of your families not yet reached`,
  );
  await expect(page.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toBe('');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('studentId');
  await expect(page.locator('#recent-calls summary').textContent()).resolves.toBe('My recent calls (1)');
  expect(calls.filter((c) => c.name === 'logCall')).toHaveLength(1);
  expect(blocked).toEqual([]);
  await page.close();
});

test('the family box: phones, email, best way and time, language, and the last call with its open follow-up', async () => {
  const { server } = withMaya(schoolServer(ANA));
  const { page } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).fill('maya');
  await page.keyboard.press('Enter');
  const box = page.locator('#family-info');
  await box.getByText('Last calls (1)').waitFor();
  const text = await box.textContent();
  for (const line of [
    'Phones: 555-0134; 555-0178',
    'Email: clara.hollis@home.example',
    'Best way and time: Text first, calls after 6 pm',
    'Language: English',
    '2026-09-10 · Ben Okafor · Left a message',
    'Learned: Voicemail is full',
    'Open follow-up: Try again on Friday (by 2026-09-12)',
  ])
    expect(text).toContain(line);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'sidebar-family-box.png');
  await page.close();
});

test('an attempt takes 3 interactions: open the list, pick the family, one tap', async () => {
  const { workbook, server } = schoolServer(ANA);
  const { page } = await openSidebar(browser, server);
  const teacher = new Teacher(page);
  await teacher.click(page.getByRole('combobox', { name: /Family/ }), 'open my families');
  await teacher.click(page.getByRole('option', { name: new RegExp(FAMILY.mia.name) }), 'pick the family');
  await teacher.click(page.getByRole('button', { name: 'Wrong or disconnected number' }), 'one tap');
  await page.getByText(/^Call logged/).waitFor();
  expect(teacher.interactions).toBeLessThanOrEqual(3);
  expect(teacher.typed).toBe(0);
  await expect(page.locator('#status').textContent()).resolves.toBe(
    `Call logged: wrong or disconnected number for ${FAMILY.mia.name}'s family. 0 of ${ANA_GOAL} conversations.`,
  );
  const rows = callRows(workbook);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    'Student ID': FAMILY.mia.id,
    Outcome: 'Wrong or disconnected number',
    Method: 'Phone',
    'Person Reached': '',
  });
  expect(isoDay(rows[0]?.['Call Date'])).toBe(await page.getByLabel('Date of the call').inputValue());
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
      .filter((e) => {
        // Inside a closed section only its summary line is on show.
        const section = e.closest('details');
        const shut = section && !section.open && e.parentElement !== section;
        return e.offsetParent !== null && !shut && !(e as HTMLButtonElement).disabled;
      })
      .map((e) => e.id || `${e.tagName.toLowerCase()}:${e.textContent}`),
  );
  expect(visited).toEqual(shown);

  await page.keyboard.press('Enter');
  await page
    .getByText(/^Call logged: reached Samir Haddad, Omar Haddad's father\. 1 of \d+ conversations\.$/)
    .waitFor();
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

test('axe-core finds no violation in any state: empty, errors, family picked, reached with caregivers, notes question, recent calls, editing, delete question', async () => {
  const { server } = withMaya(schoolServer(ANA));
  const { page } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).waitFor();
  const clean = async (state: string) => {
    expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
  };
  await clean('empty form');

  await page.getByRole('button', { name: 'Log call' }).click();
  await page.locator('#studentId-error').waitFor();
  await clean('errors');
  await screenshot(page, 'sidebar-errors.png');

  await page.getByRole('combobox', { name: /Family/ }).fill('maya');
  await page.getByRole('option', { name: new RegExp(MAYA.name) }).click();
  await page.getByText('Ask about').waitFor();
  // Fixed fields lose their error at once.
  await expect(page.locator('#studentId-error').isHidden()).resolves.toBe(true);
  await clean('family picked');
  await page.getByRole('button', { name: 'Reached them' }).click();
  await expect(page.locator('#outcome-error').isHidden()).resolves.toBe(true);
  await expect(page.getByLabel('Outcome').getAttribute('aria-invalid')).resolves.toBeNull();
  await page.getByRole('radio', { name: /Clara Hollis/ }).check();
  await clean('reached, caregiver picked');

  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByText(/^Save without notes\?/).waitFor();
  await clean('Save without notes?');
  await page.getByRole('button', { name: 'Save without notes' }).click();
  await page.getByText(/^Call logged/).waitFor();

  await page.getByText('My recent calls (1)').click();
  await clean('recent calls open');
  await page.getByRole('button', { name: /^Edit the call/ }).click();
  await clean('editing');
  await screenshot(page, 'sidebar-editing.png');
  await page.getByRole('button', { name: 'Cancel edit' }).click();
  await page.getByRole('button', { name: /^Delete the call/ }).click();
  await page.getByText(/^Delete the call of .* from the Call Log\?$/).waitFor();
  await clean('delete question');
  await page.close();
});

test('Enter in each one-line field saves nothing; Ctrl+Enter saves the call once', async () => {
  const { workbook, server } = schoolServer(ANA);
  const { page, calls } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).fill('leo');
  await page.getByRole('option', { name: new RegExp(FAMILY.leo.name) }).click();
  await page.getByLabel('Outcome').selectOption('Reached');
  await page.getByLabel('Who you spoke with').fill('Rosa Diaz');
  await page.getByLabel('What I learned and will do with it').fill('Text before 5 pm');
  await page.getByText(/^Date, method, language/).click();
  await page.getByText(/^Follow-up:/).click();
  // Every one-line field on show: text, date, checkbox and the family box itself.
  const ids = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('form input'))
      .filter((e) => e.offsetParent !== null)
      .map((e) => e.id),
  );
  expect(ids).toEqual(
    expect.arrayContaining(['studentId', 'personReached', 'callDate', 'interpreterUsed', 'followUpBy']),
  );
  for (const id of ids) {
    await page.locator(`#${id}`).focus();
    await page.keyboard.press('Enter');
  }
  // Each Enter had its chance to reach the server; none did.
  await page.waitForTimeout(300);
  expect(calls.map((c) => c.name)).not.toContain('logCall');
  expect(callRows(workbook)).toEqual([]);

  await page.getByLabel('Who you spoke with').focus();
  await page.keyboard.press('Control+Enter');
  await page.getByText(/^Call logged/).waitFor();
  expect(calls.filter((c) => c.name === 'logCall')).toHaveLength(1);
  expect(callRows(workbook)).toHaveLength(1);
  await page.close();
});

test('a reached call with no notes asks "Save without notes?" once, then saves on the next press', async () => {
  const { workbook, server } = schoolServer(ANA);
  const { page, calls } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).fill('leo');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Reached them' }).click();
  await page.getByLabel('Who you spoke with').fill('Rosa Diaz');
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByText(/^Save without notes\?/).waitFor();
  expect(calls.map((c) => c.name)).not.toContain('logCall');
  await page.getByRole('button', { name: 'Log call' }).click();
  await page.getByText(/^Call logged: reached Rosa Diaz/).waitFor();
  expect(callRows(workbook)).toHaveLength(1);
  await page.close();
});

test("edit and delete of one's own call from My recent calls; the row is rewritten, then gone", async () => {
  const { workbook, server } = schoolServer(ANA);
  const { page } = await openSidebar(browser, server);
  await page.getByRole('combobox', { name: /Family/ }).fill('mia');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'No answer' }).click();
  await page.getByText(/^Call logged: no answer from/).waitFor();
  const [logged] = callRows(workbook);

  await page.getByText('My recent calls (1)').click();
  await page
    .getByRole('button', { name: `Edit the call of ${isoDay(logged?.['Call Date'])} to ${FAMILY.mia.name}` })
    .click();
  await expect(page.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toContain(
    FAMILY.mia.name,
  );
  await expect(page.getByLabel('Outcome').inputValue()).resolves.toBe('No answer');
  // It was a conversation after all: Reached, who, and what was learned.
  await page.getByLabel('Outcome').selectOption('Reached');
  await page.getByLabel('Who you spoke with').fill('Lan Chen');
  await page.getByLabel('What I learned and will do with it').fill('Grandma picks up on Fridays');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText(/^Call updated: reached Lan Chen/).waitFor();
  const edited = callRows(workbook);
  expect(edited).toHaveLength(1);
  expect(edited[0]).toMatchObject({
    'Submission ID': logged?.['Submission ID'],
    'Logged At': logged?.['Logged At'],
    Outcome: 'Reached',
    'Person Reached': 'Lan Chen',
    'What I Learned': 'Grandma picks up on Fridays',
  });
  expect(edited[0]?.['Edited At']).toBeInstanceOf(Date);
  await expect(page.locator('#progress-text').textContent()).resolves.toMatch(/^1 of /);

  await page.getByRole('button', { name: /^Delete the call/ }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  expect(callRows(workbook)).toHaveLength(1);
  await page.getByRole('button', { name: /^Delete the call/ }).click();
  await page.getByRole('button', { name: 'Delete call' }).click();
  await page.getByText(/^Call deleted: reached Lan Chen/).waitFor();
  expect(callRows(workbook)).toEqual([]);
  await expect(page.locator('#progress-text').textContent()).resolves.toMatch(/^0 of /);
  await expect(page.locator('#recent-calls summary').textContent()).resolves.toBe('My recent calls (0)');
  await page.close();
});

test("another teacher's call is refused by the server even when the page asks for it directly", async () => {
  const made = schoolServer(ANA);
  const bens = callInput({ studentId: FAMILY.omar.id });
  made.emu.call('logCall', [bens], { user: BEN });
  const { page } = await openSidebar(browser, made.server);
  await page.getByRole('combobox', { name: /Family/ }).waitFor();
  // Ana's list has none of Ben's calls; a forged request straight to google.script.run is refused.
  await expect(page.locator('#recent-calls summary').textContent()).resolves.toBe('My recent calls (0)');
  const answers = await page.evaluate(
    (call) =>
      Promise.all(
        (['deleteCall', 'editCall'] as const).map(
          (fn) =>
            new Promise<string>((resolve) => {
              type Runner = Record<string, (arg: unknown) => void> & {
                withSuccessHandler(f: () => void): Runner;
                withFailureHandler(f: (error: Error) => void): Runner;
              };
              const g = (window as unknown as { google: { script: { run: Runner } } }).google;
              const run = g.script.run
                .withSuccessHandler(() => resolve('done'))
                .withFailureHandler((error) => resolve(error.message));
              run[fn]?.(fn === 'deleteCall' ? call.submissionId : { ...call, learned: 'forged' });
            }),
        ),
      ),
    bens,
  );
  expect(answers).toEqual([
    'This call was logged by another teacher, so only they can change or delete it. Nothing was changed.',
    'This call was logged by another teacher, so only they can change or delete it. Nothing was changed.',
  ]);
  expect(callRows(made.workbook)).toMatchObject([
    { 'Submission ID': bens.submissionId, 'What I Learned': bens.learned },
  ]);
  await page.close();
});

test('someone not on Teachers sees a sentence for who they are, not the form', async () => {
  const { server } = schoolServer(PRINCIPAL);
  const { page } = await openSidebar(browser, server);
  await page
    .getByText(/^You are signed in as principal@maple\.example, which is not on the Teachers tab/)
    .waitFor();
  await expect(page.getByRole('combobox').count()).resolves.toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});

// The sidebar is 300 CSS px wide at any zoom; zoom and a small window take away height. A 1024x700
// window leaves about 425 px of sidebar under the browser's and Sheets' own bars, 150% zoom about
// 220 px (the same bars are 1.5 times taller in CSS px terms), and 1440x900 at 150% about 355 px.
test.each([
  ['1024x700 window', 425, 1],
  ['1024x700 window at 150% zoom', 220, 1.5],
  ['1440x900 window at 150% zoom', 355, 1.5],
])(
  '%s: Log call stays in view, nothing scrolls sideways, an attempt saves, axe is clean',
  async (name, height, scale) => {
    const { workbook, server } = withMaya(schoolServer(ANA));
    const { page } = await openSidebar(browser, server, { height, deviceScaleFactor: scale });
    await page.getByRole('combobox', { name: /Family/ }).fill('maya');
    await page.keyboard.press('Enter');
    await page.locator('#family-info').getByText('Last calls (1)').waitFor();
    await page.getByRole('button', { name: 'Reached them' }).click();
    const inView = async () => {
      const box = await page.getByRole('button', { name: 'Log call' }).boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= height;
    };
    for (const y of [0, 400, 100_000]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await expect(inView()).resolves.toBe(true);
    }
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(300);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `sidebar-${name.replace(/\W+/g, '-')}.png`);
    await page.getByLabel('Outcome').selectOption('Left a message');
    await page.getByRole('button', { name: 'Log call' }).click();
    await page.getByText(/^Call logged: left a message for Maya Hollis's family/).waitFor();
    expect(callRows(workbook).filter((r) => r['Teacher Email'] === ANA)).toHaveLength(1);
    await page.close();
  },
);

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
