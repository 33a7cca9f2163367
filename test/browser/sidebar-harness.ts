/**
 * Opens dist/Sidebar.html in headless Debian Chromium as Sheets would show it (300 px wide), with a
 * google.script.run that hands every call to a Node-side server function: the emulator running
 * dist/Code.js, or a test's own stand-in when a test needs a server that fails on cue. Every other
 * request the page makes is refused and recorded, so a test can assert the sidebar uses no network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import type { FamilyKnowledge, SidebarContext } from '../../src/common/rpc';
import {
  DEFAULT_PICK_LISTS,
  DEFAULT_PROMPTS,
  FAMILY_KNOWLEDGE_COLUMNS,
  MAX_NOTE_LENGTH,
} from '../../src/common/schema';
import { ANA, BEN, callInput, type School } from '../bundle/school-fixture';

export const ROOT = join(__dirname, '../..');

/**
 * How long a Playwright action (a click, a wait for text) may wait. Playwright's 30 s default
 * failed on a loaded CI machine: a click waiting on the preview's Make the copy took 76 s beside the
 * whole suite. Nothing in the browser tests is timed, so this only stops a page that never answers.
 */
const ACTION_WAIT_MS = 180_000;

/** A page (or every page of a context) that waits ACTION_WAIT_MS for an action. */
export function patient<T extends Page | BrowserContext>(target: T): T {
  target.setDefaultTimeout(ACTION_WAIT_MS);
  return target;
}

/** A new page of `browser`, waiting ACTION_WAIT_MS for an action. */
export async function newPage(browser: Browser, options?: Parameters<Browser['newPage']>[0]): Promise<Page> {
  return patient(await browser.newPage(options));
}
const PAGE_URL = 'http://localhost/sidebar';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** What the page's google.script.run reaches: resolve with the result, or throw the server's sentence. */
export type ServerHandler = (name: string, args: unknown[]) => unknown | Promise<unknown>;

export interface SidebarPage {
  page: Page;
  /** Every google.script.run call, in order. */
  calls: { name: string; args: unknown[] }[];
  /** Requests the page tried to make other than loading itself (should stay empty). */
  blocked: string[];
}

/** dist/Sidebar.html as HtmlService serves it: `<?= view ?>` evaluated (the view name only). */
export function sidebarHtml(view = 'log'): string {
  const html = readFileSync(join(ROOT, 'dist/Sidebar.html'), 'utf8');
  return html.replace('<?= view ?>', view);
}

/** Runs in the page before its scripts: google.script.run as a chainable runner over __callServer. */
export function installGoogleScriptRun(): void {
  type Handler = (value: unknown) => void;
  const makeRunner = (onSuccess?: Handler, onFailure?: Handler): unknown =>
    new Proxy(
      {},
      {
        get(_target, prop: string) {
          if (prop === 'withSuccessHandler') return (fn: Handler) => makeRunner(fn, onFailure);
          if (prop === 'withFailureHandler') return (fn: Handler) => makeRunner(onSuccess, fn);
          if (prop === 'withUserObject') return () => makeRunner(onSuccess, onFailure);
          return (...args: unknown[]) => {
            // Like google.script.run: arguments cross as JSON, the call is asynchronous.
            const sent = JSON.parse(JSON.stringify(args));
            (window as unknown as { __callServer: (n: string, a: unknown[]) => Promise<unknown> })
              .__callServer(prop, sent)
              .then((reply) => {
                const r = reply as { ok: boolean; value?: unknown; message?: string };
                if (r.ok) onSuccess?.(r.value);
                else onFailure?.(new Error(r.message));
              });
          };
        },
      },
    );
  (window as unknown as { google: unknown }).google = {
    script: { run: makeRunner(), host: { close() {} } },
  };
}

/**
 * installGoogleScriptRun as source text, with the `__name` helper that tsx's compiler (the bench runs
 * under tsx) writes into named functions, which the page does not have.
 */
export const GOOGLE_SCRIPT_RUN = `var __name = (f) => f; (${installGoogleScriptRun.toString()})();`;

/**
 * Gives every frame of a page (or of every page of a browser context) a google.script.run whose
 * calls `server` answers; returns the list of calls, filled in as they are made.
 */
export async function answerGoogleScriptRun(
  target: Page | BrowserContext,
  server: ServerHandler,
): Promise<SidebarPage['calls']> {
  const calls: SidebarPage['calls'] = [];
  await target.exposeFunction('__callServer', async (name: string, args: unknown[]) => {
    calls.push({ name, args });
    try {
      return { ok: true, value: JSON.parse(JSON.stringify((await server(name, args)) ?? null)) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  });
  await target.addInitScript({ content: GOOGLE_SCRIPT_RUN });
  return calls;
}

export async function openSidebar(
  browser: Browser,
  server: ServerHandler,
  options: { width?: number; height?: number; view?: string; deviceScaleFactor?: number } = {},
): Promise<SidebarPage> {
  const page = await newPage(browser, {
    viewport: { width: options.width ?? 300, height: options.height ?? 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const calls = await answerGoogleScriptRun(page, server);
  const blocked: string[] = [];
  const html = sidebarHtml(options.view);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    blocked.push(url);
    return route.abort();
  });
  await page.goto(PAGE_URL);
  return { page, calls, blocked };
}

/** Runs axe-core (from node_modules) in the page (or one of its frames); returns its violations. */
export async function axeViolations(
  page: Page | Frame,
): Promise<{ id: string; help: string; nodes: unknown[] }[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: [] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v: { id: string; help: string; nodes: { html: string }[] }) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.html),
    }));
  });
}

/**
 * What getSidebarContext answers, for a test whose server is a stand-in: the school's default
 * pick-lists and prompts, a call window around 2026-10-15, and the teacher, families and progress given.
 */
export function standInContext(
  parts: Pick<SidebarContext, 'teacher' | 'families' | 'progress'>,
): SidebarContext {
  return {
    today: '2026-10-15',
    timeZone: 'America/New_York',
    callWindow: { start: '2026-09-01', end: '2026-11-30' },
    pickLists: Object.fromEntries(
      Object.entries(DEFAULT_PICK_LISTS).map(([k, v]) => [k, [...v]]),
    ) as SidebarContext['pickLists'],
    prompts: [...DEFAULT_PROMPTS],
    maxNoteLength: MAX_NOTE_LENGTH,
    settingsProblems: [],
    recentCalls: [],
    defaults: { method: DEFAULT_PICK_LISTS.methods[0] ?? '' },
    ...parts,
  };
}

/** What getFamilyKnowledge answers for a family the school knows nothing about, unless told. */
export function standInKnowledge(studentId: string, parts: Partial<FamilyKnowledge> = {}): FamilyKnowledge {
  const known: Record<string, string> = {};
  for (const c of FAMILY_KNOWLEDGE_COLUMNS) known[c] = '';
  return {
    studentId,
    known,
    unknown: [...FAMILY_KNOWLEDGE_COLUMNS],
    prompts: [],
    lastContact: '',
    contact: { phones: [], email: '', bestWayAndTime: '', preferredLanguage: '', interpreterNeeded: false },
    caregivers: [],
    lastCalls: [],
    ...parts,
  };
}

/**
 * One thing a teacher does, as recorded by Teacher below: point at a control and click it (or
 * choose from its list), click into a field and type, Tab into the next field and type, or press a
 * key. The browser tests count these; scripts/bench/sidebar.ts turns them into a Keystroke-Level
 * Model time.
 */
export type Action =
  | { kind: 'click' | 'choose'; what: string }
  | { kind: 'type' | 'tab-type'; what: string; chars: number }
  | { kind: 'key'; what: string };

/** Drives the page the way a teacher would, recording every action. */
export class Teacher {
  readonly actions: Action[] = [];
  constructor(readonly page: Page) {}

  /** Clicks, choices from a list and keys pressed (typing into a field is counted apart). */
  get interactions(): number {
    return this.actions.filter((a) => a.kind === 'click' || a.kind === 'choose' || a.kind === 'key').length;
  }

  /** Fields typed into. */
  get typed(): number {
    return this.actions.filter((a) => a.kind === 'type' || a.kind === 'tab-type').length;
  }

  async click(target: Locator, what: string): Promise<void> {
    this.actions.push({ kind: 'click', what });
    await target.click();
  }

  async choose(target: Locator, option: string, what: string): Promise<void> {
    this.actions.push({ kind: 'choose', what });
    await target.selectOption(option);
  }

  async type(target: Locator, text: string, what: string): Promise<void> {
    this.actions.push({ kind: 'type', what, chars: text.length });
    await target.click();
    await this.page.keyboard.type(text);
  }

  /** Tab to the next field and type into it. */
  async tabType(text: string, what: string): Promise<void> {
    this.actions.push({ kind: 'tab-type', what, chars: text.length + 1 });
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(text);
  }

  async key(key: string, what: string): Promise<void> {
    this.actions.push({ kind: 'key', what });
    await this.page.keyboard.press(key);
  }
}

/** The notes of the typical reached call: what a teacher writes down from a short conversation. */
export const TYPICAL_NOTES = {
  strengths: 'Builds bridges out of blocks',
  hopes: 'Reading chapter books',
  learned: 'Text before 5 pm',
};

/**
 * A typical reached call, as a new teacher makes it: search the family, pick it, Reached them,
 * pick the caregiver on record (name and relationship together), three notes, Log call. Returns
 * once the sidebar confirms the save.
 */
export async function typicalReachedCall(
  teacher: Teacher,
  family: { search: string; caregiver: RegExp },
): Promise<void> {
  const { page } = teacher;
  await teacher.type(page.getByRole('combobox', { name: /Family/ }), family.search, 'family search');
  await teacher.key('Enter', 'pick the only match');
  await teacher.click(page.getByRole('button', { name: 'Reached them' }), 'Reached them');
  const caregiver = page.getByRole('radio', { name: family.caregiver });
  await caregiver.waitFor();
  await teacher.click(caregiver, 'caregiver on record');
  await teacher.type(page.getByLabel('Strengths the family sees'), TYPICAL_NOTES.strengths, 'strengths');
  await teacher.tabType(TYPICAL_NOTES.hopes, 'hopes');
  await teacher.tabType(TYPICAL_NOTES.learned, 'what I learned');
  await teacher.click(page.getByRole('button', { name: 'Log call' }), 'Log call');
  await page.getByText(/^Call logged/).waitFor();
}

/** Maya's family (Ana's homeroom): what the Families tab knows about reaching them. */
export const MAYA = { id: 's9', name: 'Maya Hollis' };

/** Adds Maya's family to a school, and a message Ben left them last week with a follow-up. */
export function withMaya<S extends School>(made: S): S {
  made.workbook.appendRows('Families', [
    [
      `'${MAYA.id}`,
      MAYA.name,
      "'2",
      ANA,
      'Clara Hollis',
      'Foster parent',
      "'555-0134; 555-0178",
      'clara.hollis@home.example',
      'English',
      false,
      'Text first, calls after 6 pm',
    ],
  ]);
  made.emu.call(
    'logCall',
    [
      callInput({
        studentId: MAYA.id,
        callDate: '2026-09-10',
        outcome: 'Left a message',
        personReached: '',
        relationship: '',
        strengths: '',
        hopes: '',
        learned: 'Voicemail is full',
        followUp: 'Try again on Friday',
        followUpBy: '2026-09-12',
      }),
    ],
    { user: BEN },
  );
  return made;
}
