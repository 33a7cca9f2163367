/**
 * `npm start` end to end, in headless Chromium: the preview server on a free port with its own data
 * folder, the real add-on on the demo school. A teacher logs a call through the real sidebar and sees
 * it on Call Log, their percent of goal rise on Teachers and the Summary follow; the principal
 * rebuilds the Summary from the menu; after a restart the call is still there, read from the file.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningPreview, startPreview } from '../../preview/server';
import { axeViolations, launch, newPage, ROOT } from './sidebar-harness';

const DIST = join(ROOT, 'dist');
const ARTIFACTS = join(ROOT, 'test-results');
/** The README's pictures, retaken by every run so they show the add-on as it is. */
const README_PICTURES = join(ROOT, 'preview', 'screenshots');
/** Cell text that would run script if the grid used innerHTML. */
const PERSON = '<img src=x onerror="window.__pwned=1">Rosa & "Ana"';

let browser: Browser;
let dataDir: string;
let preview: RunningPreview | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(README_PICTURES, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'preview-e2e-'));
  browser = await launch();
}, 90_000);

afterAll(async () => {
  await preview?.stop();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The page as a person opens it (its Content-Security-Policy enforced, unless a test injects axe). */
async function open(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: 1400, height: 860 }, ...options });
  await page.goto(preview?.url ?? '');
  await page.locator('#grid tbody td').first().waitFor();
  return page;
}

/** Every row the grid shows for a tab (clicking "Show more" until all are there), as cell texts. */
async function tab(page: Page, name: string, all = false): Promise<string[][]> {
  const button = page.getByRole('tab', { name, exact: true });
  if ((await button.getAttribute('aria-selected')) !== 'true') {
    await button.click();
    await page.waitForFunction(
      (label) => document.querySelector('#grid')?.getAttribute('aria-label')?.startsWith(`${label}:`),
      name,
    );
  }
  while (all && (await page.locator('#grid-note button').isVisible())) {
    const shown = await page.locator('#grid tbody tr').count();
    await page.locator('#grid-note button').click();
    await page.waitForFunction((n) => document.querySelectorAll('#grid tbody tr').length > n, shown);
  }
  return page.evaluate(() =>
    [...document.querySelectorAll('#grid tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ),
  );
}

function column(rows: string[][], header: string): number {
  const at = rows[0]?.indexOf(header) ?? -1;
  if (at < 0) throw new Error(`No column "${header}" in ${rows[0]?.join(', ')}`);
  return at;
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('button', { name: 'Relationship Calls' }).click();
  await page.getByRole('button', { name: item }).click();
}

/** Waits until the status line says the add-on function ran (each run reports itself there). */
async function ran(page: Page, fn: string): Promise<void> {
  await page.locator('#status', { hasText: new RegExp(`^${fn} ran`) }).waitFor();
}

test('a teacher logs a call in the preview; the principal rebuilds the Summary; the call survives a restart', async () => {
  preview = await startPreview({ port: 0, dataDir, bundleDir: DIST });
  expect(existsSync(join(dataDir, 'demo-school.xlsx'))).toBe(true);
  const page = await open();
  await expect(page.locator('#signed-in-as option:checked').textContent()).resolves.toMatch(/\(teacher\)$/);
  const teacher = preview.host.user;

  // One of the teacher's own families nobody has reached yet (chosen from the workbook, as a
  // teacher would from their list).
  const families = preview.host.workbook.values('Families');
  const [head = []] = families;
  const family = families.find(
    (row) =>
      row[head.indexOf('Homeroom Teacher Email')] === teacher.email && row[head.indexOf('Reached')] === 'No',
  );
  const studentId = String(family?.[head.indexOf('Student ID')]);
  const studentName = String(family?.[head.indexOf('Student Name')]);

  const teachersBefore = await tab(page, 'Teachers');
  const mine = (rows: string[][]) => rows.find((r) => r[column(rows, 'Email')] === teacher.email) ?? [];
  const percentBefore = Number.parseFloat(
    mine(teachersBefore)[column(teachersBefore, 'Percent of Goal')] ?? '',
  );
  const summaryBefore = await tab(page, 'Summary');
  const conversations = (rows: string[][]) => Number(rows.find((r) => r[0] === 'Conversations')?.[1]);
  const conversationsBefore = conversations(summaryBefore);
  expect(conversationsBefore).toBeGreaterThan(0);

  await menu(page, 'Log a call');
  const sidebar = page.frameLocator('#sidebar iframe');
  await sidebar.getByText(`Signed in as ${teacher.name}`).waitFor();
  await sidebar.getByRole('combobox', { name: /Family/ }).fill(studentId);
  await sidebar.getByRole('option', { name: new RegExp(studentId) }).click();
  await sidebar.getByLabel('Outcome').selectOption('Reached');
  await sidebar.getByLabel('Who you spoke with').fill(PERSON);
  await sidebar.getByLabel('What I learned and will do with it').fill('Prefers calls after 6 pm.');
  await sidebar.getByRole('button', { name: 'Log call' }).click();
  await sidebar.getByText(/^Call logged/).waitFor();
  await ran(page, 'refreshSummary');
  await page.locator('#sidebar').screenshot({ path: join(ARTIFACTS, 'preview-sidebar.png') });
  await page.screenshot({ path: join(README_PICTURES, 'sidebar-call-logged.png') });

  const log = await tab(page, 'Call Log', true);
  const row = log.find(
    (r) => r[column(log, 'Student ID')] === studentId && r[column(log, 'Person Reached')] === PERSON,
  );
  expect(row?.[column(log, 'Teacher Email')]).toBe(teacher.email);
  expect(row?.[column(log, 'Student Name')]).toBe(studentName);
  expect(row?.[column(log, 'Outcome')]).toBe('Reached');
  // The grid shows the text as typed: no element was made from it and no script ran.
  await expect(page.locator('#grid img').count()).resolves.toBe(0);
  await expect(
    page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).resolves.toBeUndefined();

  const teachersAfter = await tab(page, 'Teachers');
  const percentAfter = Number.parseFloat(mine(teachersAfter)[column(teachersAfter, 'Percent of Goal')] ?? '');
  expect(percentAfter).toBeGreaterThan(percentBefore);
  // Selecting a formula cell shows its formula in the formula bar.
  await page
    .locator('#grid tbody tr')
    .nth(1)
    .locator('td')
    .nth(column(teachersAfter, 'Percent of Goal'))
    .click();
  await expect(page.locator('#formula').textContent()).resolves.toMatch(/^=/);
  await page.screenshot({ path: join(ARTIFACTS, 'preview-grid.png') });

  const summaryAfter = await tab(page, 'Summary');
  expect(conversations(summaryAfter)).toBe(conversationsBefore + 1);
  // The Summary's colours show, each with its word (the school goal cell is filled).
  const goalCell = page.locator('#grid td', { hasText: /school goal of/ }).first();
  await expect(goalCell.evaluate((td) => getComputedStyle(td).backgroundColor)).resolves.not.toBe(
    'rgba(0, 0, 0, 0)',
  );

  // The principal: the sidebar closes on switching; the menu rebuilds the Summary and shows it.
  await page.locator('#signed-in-as').selectOption('principal');
  await page.locator('#status', { hasText: /^Signed in as .*principal@/ }).waitFor();
  await expect(page.locator('#sidebar').isHidden()).resolves.toBe(true);
  await tab(page, 'Teachers');
  await menu(page, 'Rebuild principal summary');
  await ran(page, 'rebuildPrincipalSummary');
  // The rebuild's toast, as Sheets shows it in the corner.
  await expect(page.locator('#toast-title').textContent()).resolves.toBe('Relationship Calls');
  await expect(page.locator('#toast-text').textContent()).resolves.toMatch(/\S/);
  await expect(page.getByRole('tab', { name: 'Summary' }).getAttribute('aria-selected')).resolves.toBe(
    'true',
  );
  const rebuilt = await tab(page, 'Summary');
  expect(conversations(rebuilt)).toBe(conversationsBefore + 1);
  await page.screenshot({ path: join(README_PICTURES, 'summary.png') });
  // The sidebar runs as the principal too: not on Teachers, so it says so instead of a form.
  await menu(page, 'Log a call');
  await page
    .frameLocator('#sidebar iframe')
    .getByText(/signed in as principal@lanternhill\.example, which is not on the Teachers tab/)
    .waitFor();
  await page.close();

  // Restart: the call is read back from the .xlsx file.
  await preview.stop();
  preview = await startPreview({ port: 0, dataDir, bundleDir: DIST });
  const again = await open();
  const reopened = await tab(again, 'Call Log', true);
  expect(
    reopened.some(
      (r) =>
        r[column(reopened, 'Student ID')] === studentId && r[column(reopened, 'Person Reached')] === PERSON,
    ),
  ).toBe(true);
  // The file keeps what the add-on built: the Summary and the goal figures as they were.
  expect(conversations(await tab(again, 'Summary'))).toBe(conversationsBefore + 1);
  const teachersReopened = await tab(again, 'Teachers');
  expect(mine(teachersReopened)[column(teachersReopened, 'Percent of Goal')]).toBe(
    mine(teachersAfter)[column(teachersAfter, 'Percent of Goal')],
  );
  await again.close();
}, 360_000);

test('a coach imports a roster and makes a new school in the add-on dialogs', async () => {
  preview ??= await startPreview({ port: 0, dataDir, bundleDir: DIST });
  // The page itself (menus, tabs, formula bar, grid) passes axe; axe is injected, so the page's
  // policy is bypassed for it. Checked on Teachers and on the Summary, whose cell colours are the
  // workbook's own as the add-on wrote them.
  const checked = await open({ bypassCSP: true });
  for (const name of ['Teachers', 'Summary']) {
    await tab(checked, name);
    await expect(axeViolations(checked)).resolves.toEqual([]);
  }
  await checked.close();
  const page = await open();
  await page.locator('#signed-in-as').selectOption('coach');
  await page.locator('#status', { hasText: /^Signed in as .*coach@/ }).waitFor();

  await menu(page, 'Import roster…');
  const dialog = page.getByRole('dialog', { name: 'Import roster' });
  await dialog.waitFor();
  const roster = page.frameLocator('#addon-dialog iframe');
  await roster
    .getByLabel('Roster')
    .fill('Name\tEmail\tGoal\nWren Quarry\twren.quarry@lanternhill.example\t8');
  await roster.getByRole('button', { name: 'Preview' }).click();
  await roster.getByRole('heading', { name: 'To add (1)' }).waitFor();
  await dialog.screenshot({ path: join(ARTIFACTS, 'preview-import-dialog.png') });
  await roster.getByRole('button', { name: /^Import 1 row/ }).click();
  await ran(page, 'importRoster');
  // The dialog's Close button calls google.script.host.close(), which closes the dialog.
  await roster.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const teachers = await tab(page, 'Teachers');
  expect(teachers.some((r) => r[column(teachers, 'Email')] === 'wren.quarry@lanternhill.example')).toBe(true);

  await menu(page, 'New school from this template…');
  const copy = page.frameLocator('#addon-dialog iframe');
  await copy.getByLabel('New school’s name').fill('Birch Lane Elementary');
  await copy.getByRole('button', { name: 'Make the copy' }).click();
  await copy.getByRole('link', { name: /Birch Lane Elementary/ }).waitFor();
  await preview.host.saved();
  expect(existsSync(join(dataDir, 'copies', 'Birch Lane Elementary - Relationship Calls.xlsx'))).toBe(true);
  await page.close();
}, 180_000);
