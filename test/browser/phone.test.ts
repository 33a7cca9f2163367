/**
 * The phone page as a teacher's phone opens it: a 390 x 844 screen with touch (Chromium's mobile
 * emulation, which honours the viewport meta tag), the web app served by dist/Code.js's doGet in the
 * emulator, and inside Google's outer page (the title and meta tags of the HtmlOutput, the page in a
 * sandboxed iframe). Every google.script.run call is an execution of the bundle as the signed-in
 * teacher, so the rows on the Call Log are the product's own.
 *
 * Google's pages behind the set-up: a web app's HTML is shown in an iframe sandboxed with
 * allow-same-origin among its keywords (developers.google.com/apps-script/guides/html/restrictions);
 * meta tags reach the outer page through HtmlOutput.addMetaTag
 * (developers.google.com/apps-script/reference/html/html-output#addMetaTag(String,String)).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { runDoGet, webAppShell } from '../../emulator';
import { startPreview } from '../../preview/server';
import { ANA, ANA_GOAL, callRows, FAMILY, school } from '../bundle/school-fixture';
import {
  answerGoogleScriptRun,
  axeViolations,
  launch,
  MAYA,
  newPage,
  patient,
  ROOT,
  type ServerHandler,
  TYPICAL_NOTES,
  withMaya,
} from './sidebar-harness';

// Each test opens a phone and runs the bundle for every call, and a page action may wait up to
// 180 s on a loaded machine (sidebar-harness.ts): twice that stops only a test that never ends.
jest.setTimeout(360_000);

const ORIGIN = 'http://localhost';
const PHONE = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface PhoneSession {
  context: BrowserContext;
  /** Every google.script.run call, in order, across the pages opened. */
  calls: { name: string; args: unknown[] }[];
  /** Requests other than the web app's own two pages (should stay empty). */
  blocked: string[];
  /** Opens the web app's URL in a new tab of the same phone (the same storage). */
  open(): Promise<{ page: Page; app: Frame }>;
}

/** A phone signed in as `user`, whose web app is `made`'s dist/Code.js; `server` answers its calls. */
async function phone(
  made: ReturnType<typeof school>,
  user: string,
  server?: ServerHandler,
): Promise<PhoneSession> {
  const served = runDoGet(made.emu, { user });
  if (!served.page) throw served.error ?? new Error('doGet served nothing');
  const shell = webAppShell(served.page, '/exec/frame');
  const content = served.page.content;
  const answer: ServerHandler =
    server ??
    ((name, args) => {
      const run = made.emu.run(name, args, { user });
      if (run.error) throw run.error;
      return run.result;
    });
  const context = patient(
    await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    }),
  );
  const calls = await answerGoogleScriptRun(context, answer);
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/exec`) return route.fulfill({ contentType: 'text/html', body: shell });
    if (url === `${ORIGIN}/exec/frame`) return route.fulfill({ contentType: 'text/html', body: content });
    blocked.push(url);
    return route.abort();
  });
  return {
    context,
    calls,
    blocked,
    async open() {
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/exec`);
      const app = page.frame({ url: `${ORIGIN}/exec/frame` });
      if (!app) throw new Error('the web app frame did not load');
      return { page, app };
    },
  };
}

/** Targets smaller than 44 x 44 CSS px among the visible controls (a tick box or radio: its label). */
function smallTargets(app: Frame): Promise<string[]> {
  return app.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, summary, [role="option"]',
    );
    for (const control of Array.from(controls)) {
      const input = control instanceof HTMLInputElement ? control : null;
      const target =
        input && (input.type === 'checkbox' || input.type === 'radio')
          ? (document.querySelector<HTMLElement>(`label[for="${input.id}"]`) ?? control)
          : control;
      const box = target.getBoundingClientRect();
      if (!target.getClientRects().length || box.width === 0) continue; // hidden
      if (box.width < 44 || box.height < 44)
        small.push(
          `${target.tagName.toLowerCase()} "${(target.textContent || target.id).trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
        );
    }
    return small;
  });
}

/** Whether the page scrolls sideways: its content wider than the screen. */
function scrollsSideways(frame: Frame | Page): Promise<boolean> {
  return frame.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test('a reached call and an attempt from the phone: search first, big targets, no sideways scrolling, axe clean', async () => {
  const made = withMaya(school());
  const session = await phone(made, ANA);
  const { page, app } = await session.open();
  await app.getByText(`0 of ${ANA_GOAL} conversations`, { exact: false }).waitFor();
  // The outer page's viewport tag gives the frame the phone's width: laid out at 390, not 980.
  await expect(app.evaluate(() => window.innerWidth)).resolves.toBe(PHONE.width);
  await expect(page.title()).resolves.toBe('Log a call');

  // The family search is the first field, above My recent calls.
  const search = app.getByRole('combobox', { name: /Family/ });
  const firstField = await app.evaluate(
    () => document.querySelector('main input, main select, main textarea, main details')?.id,
  );
  expect(firstField).toBe('studentId');
  await search.tap();
  await page.keyboard.type('maya');
  await app.getByRole('option', { name: new RegExp(MAYA.name) }).tap();
  await app.getByRole('button', { name: 'Reached them' }).tap();
  await app.getByText(/Clara Hollis, foster parent/).tap();
  await app.getByLabel('Strengths the family sees').fill(TYPICAL_NOTES.strengths);
  await app.getByLabel('What I learned').fill(TYPICAL_NOTES.learned);
  // Every section open and the family box shown: the most the screen ever holds.
  await app.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
  });
  expect(await smallTargets(app)).toEqual([]);
  expect(await scrollsSideways(app)).toBe(false);
  expect(await scrollsSideways(page)).toBe(false);
  expect(await axeViolations(app)).toEqual([]);

  // Log call is on the screen, at its bottom, wherever the page is scrolled.
  for (const y of [0, 10_000]) {
    await app.evaluate((top) => window.scrollTo(0, top), y);
    const box = await app.getByRole('button', { name: 'Log call' }).boundingBox();
    expect(box && Math.round(box.y + box.height)).toBeGreaterThan(PHONE.height - 30);
  }
  const bar = await app.getByRole('button', { name: 'Log call' }).boundingBox();
  if (!bar) throw new Error('Log call is not on the screen');
  expect(bar.y + bar.height).toBeLessThanOrEqual(PHONE.height);
  expect(bar.y).toBeGreaterThan(PHONE.height - 120);
  await app.getByRole('button', { name: 'Log call' }).tap();
  await app.getByText(/^Call logged: reached Clara Hollis/).waitFor();

  // The attempt: the list of my families, one family, one tap.
  await search.tap();
  await app.getByRole('option', { name: new RegExp(FAMILY.leo.name) }).tap();
  await app.getByRole('button', { name: 'No answer' }).tap();
  await app.getByText(/^Call logged: no answer/i).waitFor();
  expect(await smallTargets(app)).toEqual([]);
  expect(await axeViolations(app)).toEqual([]);

  const rows = callRows(made.workbook).filter((r) => r['Teacher Email'] === ANA);
  expect(rows.map((r) => [r['Student ID'], r.Outcome, r['Strengths the Family Sees']])).toEqual([
    [MAYA.id, 'Reached', TYPICAL_NOTES.strengths],
    [FAMILY.leo.id, 'No answer', ''],
  ]);
  expect(session.calls.filter((c) => c.name === 'logCall')).toHaveLength(2);
  expect(session.blocked).toEqual([]);
  // Nothing stays on the phone once the server has the calls.
  await expect(app.evaluate(() => window.localStorage.length)).resolves.toBe(0);
  await app.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(join(ROOT, 'preview/screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'preview/screenshots/phone-call-logged.png') });
  await session.context.close();
});

/** A logCall whose answer is lost on the way back: the row is written, the phone hears a network error. */
function dropFirstAnswer(
  made: ReturnType<typeof school>,
  user: string,
  drop: 'answer' | 'request',
): ServerHandler {
  let dropped = false;
  return (name, args) => {
    if (name === 'logCall' && !dropped) {
      dropped = true;
      if (drop === 'answer') made.emu.run(name, args, { user });
      throw new Error('NetworkError: Connection failure due to HTTP 0');
    }
    const run = made.emu.run(name, args, { user });
    if (run.error) throw run.error;
    return run.result;
  };
}

/** Mia's call went out `sends` times under one submission id, is one row, and nothing is kept. */
async function expectSavedOnce(
  session: PhoneSession,
  made: ReturnType<typeof school>,
  app: Frame,
  sends: number,
): Promise<void> {
  const sent = session.calls
    .filter((c) => c.name === 'logCall')
    .map((c) => (c.args[0] as { submissionId: string }).submissionId);
  expect(sent).toHaveLength(sends);
  expect(new Set(sent).size).toBe(1);
  expect(callRows(made.workbook).filter((r) => r['Student ID'] === FAMILY.mia.id)).toHaveLength(1);
  await expect(app.evaluate(() => window.localStorage.length)).resolves.toBe(0);
}

async function logAttempt(app: Frame, family: string): Promise<void> {
  await app.getByRole('combobox', { name: /Family/ }).tap();
  await app.getByRole('option', { name: new RegExp(family) }).tap();
  await app.getByRole('button', { name: 'Left a message' }).tap();
}

test('a dropped answer, then Log call again: the same submission id, one row', async () => {
  const made = school();
  const session = await phone(made, ANA, dropFirstAnswer(made, ANA, 'answer'));
  const { app } = await session.open();
  await logAttempt(app, FAMILY.mia.name);
  await app.getByText(/^Not saved\. NetworkError.*kept on this phone/).waitFor();
  // Everything stays on the screen: the family, and the attempt buttons to press again.
  await expect(app.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toContain(
    FAMILY.mia.name,
  );
  await app.getByRole('button', { name: 'Left a message' }).tap();
  await app.getByText(/already logged, so it was not saved twice/).waitFor();

  await expectSavedOnce(session, made, app, 2);
  await session.context.close();
});

test('the page closed after a failed send: opened again, it sends the kept call itself, never twice', async () => {
  for (const drop of ['answer', 'request'] as const) {
    const made = school();
    const session = await phone(made, ANA, dropFirstAnswer(made, ANA, drop));
    const first = await session.open();
    await logAttempt(first.app, FAMILY.mia.name);
    await first.app.getByText(/^Not saved\./).waitFor();
    await first.page.close();
    expect(callRows(made.workbook)).toHaveLength(drop === 'answer' ? 1 : 0);

    const again = await session.open();
    await again.app
      .getByText(
        drop === 'answer'
          ? 'A call kept on this phone from earlier had reached the sheet already.'
          : 'A call kept on this phone from earlier is now saved.',
      )
      .waitFor();
    const sent = session.calls
      .filter((c) => c.name === 'logCall')
      .map((c) => (c.args[0] as { submissionId: string }).submissionId);
    expect(new Set(sent).size).toBe(1);
    expect(callRows(made.workbook).filter((r) => r['Student ID'] === FAMILY.mia.id)).toHaveLength(1);
    await expect(again.app.evaluate(() => window.localStorage.length)).resolves.toBe(0);
    await session.context.close();
  }
});

test('a kept call that still cannot be sent comes back into the form, and Log call sends it once', async () => {
  const made = school();
  let refused = 0;
  const server: ServerHandler = (name, args) => {
    // The first two sends never reach the sheet (the first visit, then the resend on the second).
    if (name === 'logCall' && refused < 2) {
      refused++;
      throw new Error('NetworkError: Connection failure due to HTTP 0');
    }
    const run = made.emu.run(name, args, { user: ANA });
    if (run.error) throw run.error;
    return run.result;
  };
  const session = await phone(made, ANA, server);
  const first = await session.open();
  await logAttempt(first.app, FAMILY.mia.name);
  await first.app.getByText(/^Not saved\./).waitFor();
  await first.page.close();

  const { app } = await session.open();
  await app
    .getByText(/^A call kept on this phone is not saved yet\. NetworkError.*back in the form/)
    .waitFor();
  await expect(app.getByRole('combobox', { name: /Family/ }).inputValue()).resolves.toContain(
    FAMILY.mia.name,
  );
  await expect(app.getByLabel('Outcome').inputValue()).resolves.toBe('Left a message');
  await app.getByRole('button', { name: 'Log call' }).tap();
  await app.getByText(/^Call logged: left a message/i).waitFor();
  await expectSavedOnce(session, made, app, 3);
  await session.context.close();
});

test('a family name typed as markup shows as its characters on the phone, and runs nothing', async () => {
  const made = school();
  const name = '<img src=x onerror="window.__pwned=1">Zoe & "Kai"';
  made.workbook.appendRows('Families', [["'s77", name, "'1", ANA]]);
  const session = await phone(made, ANA);
  const { app } = await session.open();
  await app.getByRole('combobox', { name: /Family/ }).tap();
  await app.getByRole('option', { name: /Zoe/ }).tap();
  await expect(app.locator('.family-name').textContent()).resolves.toBe(name);
  await expect(app.locator('.family-info img').count()).resolves.toBe(0);
  await expect(
    app.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).resolves.toBeUndefined();
  await session.context.close();
});

test("a blank email on the phone gets the sidebar's sentence, and no form", async () => {
  const made = school();
  const session = await phone(made, '');
  const { app } = await session.open();
  await app.getByText(/cannot tell which Google account you are signed in with/).waitFor();
  await expect(app.getByRole('combobox').count()).resolves.toBe(0);
  expect(callRows(made.workbook)).toHaveLength(0);
  await session.context.close();
});

test('the preview serves the phone page at /phone: a phone-sized frame, signed in as the chosen teacher, logging into the demo school', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'preview-phone-'));
  const preview = await startPreview({ port: 0, dataDir, bundleDir: join(ROOT, 'dist') });
  try {
    const teacher = preview.host.user;
    const before = callRows(preview.host.workbook).length;
    const page = await newPage(browser, { viewport: { width: 1000, height: 1000 } });
    const blocked: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(preview.url)) blocked.push(request.url());
    });
    await page.goto(`${preview.url}phone`);
    const screen = page.locator('iframe.phone-screen');
    await expect(screen.evaluate((f) => [f.clientWidth, f.clientHeight])).resolves.toEqual([
      PHONE.width,
      PHONE.height,
    ]);
    const app = page.frameLocator('iframe.phone-screen').frameLocator('#sandboxFrame');
    await app.getByText(`Signed in as ${teacher.name}`).waitFor();
    await app.getByRole('combobox', { name: /Family/ }).click();
    await app.getByRole('option').first().click();
    await app.getByRole('button', { name: 'Left a message' }).click();
    await app.getByText(/^Call logged: left a message/i).waitFor();
    const rows = callRows(preview.host.workbook);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.['Teacher Email']).toBe(teacher.email);
    expect(blocked).toEqual([]);
    // Only the preview itself may frame the web app (XFrameOptionsMode.DEFAULT).
    const exec = await fetch(`${preview.url}exec`);
    expect(exec.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    await page.close();
  } finally {
    await preview.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Making the demo school on a fresh data folder takes 5 to 25 s on a busy machine.
}, 540_000);
