/**
 * The add-on host: what Google Sheets does around an add-on, for one local workbook. It runs the real
 * dist/Code.js in the emulator as the signed-in person, keeps the sidebars and dialogs a run opened
 * (to be served to the page), and keeps the workbook in a file: `<dataDir>/demo-school.xlsx`, made
 * from the demo school on first run, saved again after every run that changed the document, and
 * made anew by reset().
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import {
  Emulator,
  type MenuRecord,
  type RunResult,
  runDoGet,
  type ServedHtml,
  type Workbook,
} from '../emulator';
import { ADDON_NAME, createDemoWorkbook, demoPeople, type Person } from './demo';
import { createDemoDistrict, DISTRICT_LEAD } from './demo-district';

/** Who signs in to the demo district: its lead (the add-on's coach / district lead). */
const DISTRICT_PEOPLE: Person[] = [{ name: 'Demo district lead', email: DISTRICT_LEAD, role: 'coach' }];

export const WORKBOOK_FILE = 'demo-school.xlsx';
/** The demo district's file (PREVIEW_DEMO=district): made anew at each start, from seeded schools. */
export const DISTRICT_FILE = 'demo-district.xlsx';
/** Sidebars and dialogs kept for the page to load; older ones are forgotten. */
const KEPT_PAGES = 20;
const SAVE_DELAY_MS = 400;

export interface HostOptions {
  bundleDir: string;
  /** Where the workbook file lives (created if missing). */
  dataDir: string;
  /** Progress lines for the terminal (never personal data). */
  log?: (line: string) => void;
  /** How long after a change the file is saved (default 400 ms; changes meanwhile join the save). */
  saveDelayMs?: number;
  /**
   * The demo district instead of the demo school: a district workbook rolling up three demo schools
   * the emulator holds (openByUrl finds them), signed in as the district lead.
   */
  district?: boolean;
}

/** A sidebar or dialog the add-on opened, ready to show in the page. */
export interface ShownPage {
  id: string;
  kind: 'sidebar' | 'dialog' | 'web app';
  title: string;
  width?: number;
  height?: number;
}

/** What one run of an add-on function gives the page. */
export interface RunOutcome {
  ok: boolean;
  /** The function's return value (ok) ... */
  value?: unknown;
  /** ... or the sentence of the error it threw. */
  message?: string;
  shown: ShownPage[];
  /** Alerts the add-on showed; the host answered each with its first button. */
  alerts: { title: string; prompt: string }[];
  /** Toasts (Spreadsheet.toast): passing messages. */
  toasts: { title: string; message: string }[];
  /** Whether the document changed (the page reloads the grid, the host saves the file). */
  changed: boolean;
  activeSheet: string;
  /** Whether the run activated a sheet: Sheets then shows that tab, even if it was active already. */
  activated: boolean;
  ms: number;
}

/**
 * The global functions a bundle defines: what Apps Script lets a menu or google.script.run call.
 * Read from the bundle itself (its top-level function declarations), never from a hand-kept list.
 * Names ending in "_" are private in Apps Script and cannot be called from a client.
 */
export function bundleFunctions(code: string): string[] {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js', timeout: 5000 });
  return Object.getOwnPropertyNames(context)
    .filter((name) => typeof context[name] === 'function' && !name.endsWith('_'))
    .sort();
}

/** Spreadsheet-service calls that only read; any other call on these classes may change the document. */
const READER = /^(get|is|has|can|find|activate|toast)/;
const DOCUMENT_CLASSES = /^(Spreadsheet|Sheet|Range|RangeList|Protection|EmbeddedChart|Filter|NamedRange)\./;

function changedDocument(run: RunResult): boolean {
  return Object.keys(run.calls).some((name) => {
    if (!DOCUMENT_CLASSES.test(name)) return false;
    return !READER.test(name.slice(name.indexOf('.') + 1));
  });
}

export class AddonHost {
  readonly bundleDir: string;
  readonly dataDir: string;
  readonly file: string;
  /** The functions of dist/Code.js that the page may call. */
  readonly functions: ReadonlySet<string>;
  #workbook: Workbook;
  #emulator: Emulator;
  #people: Person[];
  #user: Person;
  #pages = new Map<string, { page: ShownPage; html: string }>();
  #saving: Promise<void> = Promise.resolve();
  #saveTimer: NodeJS.Timeout | undefined;
  readonly #saveDelayMs: number;
  #savedCopies = new Set<string>();
  readonly #log: (line: string) => void;
  /** Other workbooks the add-on may open (the demo district's schools). */
  #others: Workbook[];
  readonly #district: boolean;

  private constructor(
    options: HostOptions,
    code: string,
    workbook: Workbook,
    people: Person[],
    others: Workbook[] = [],
  ) {
    this.bundleDir = options.bundleDir;
    this.dataDir = options.dataDir;
    this.#district = options.district === true;
    this.#others = others;
    this.file = join(options.dataDir, this.#district ? DISTRICT_FILE : WORKBOOK_FILE);
    this.#log = options.log ?? (() => {});
    this.#saveDelayMs = options.saveDelayMs ?? SAVE_DELAY_MS;
    this.functions = new Set(bundleFunctions(code));
    this.#workbook = workbook;
    this.#emulator = this.#newEmulator(workbook);
    this.#people = people;
    this.#user = people[0] as Person;
  }

  /** Opens the workbook file, or creates the demo school and saves it when there is none. */
  static async open(options: HostOptions): Promise<AddonHost> {
    const bundle = join(options.bundleDir, 'Code.js');
    if (!existsSync(bundle))
      throw new Error(`${bundle} is missing: run npm run build first (npm start does).`);
    const code = await readFile(bundle, 'utf8');
    const file = join(options.dataDir, WORKBOOK_FILE);
    await mkdir(options.dataDir, { recursive: true });
    if (options.district) {
      options.log?.('Creating the demo district (three demo schools, rolled up)...');
      const demo = createDemoDistrict(options.bundleDir);
      const host = new AddonHost(options, code, demo.district, DISTRICT_PEOPLE, demo.schools);
      host.save();
      await host.saved();
      return host;
    }
    if (existsSync(file)) {
      const { Workbook } = await import('../emulator');
      let workbook: Workbook;
      try {
        workbook = await Workbook.fromXlsx(file);
      } catch (error) {
        throw new Error(
          `${file} could not be read as a workbook (${(error as Error).message}). Move it away to start from the demo school again.`,
        );
      }
      return new AddonHost(options, code, workbook, demoPeople(firstTeacher(workbook)));
    }
    options.log?.('Creating the demo school (first run)...');
    const demo = createDemoWorkbook(options.bundleDir);
    const host = new AddonHost(options, code, demo.workbook, demo.people);
    host.save();
    await host.saved();
    return host;
  }

  get workbook(): Workbook {
    return this.#workbook;
  }
  get people(): readonly Person[] {
    return this.#people;
  }
  get user(): Person {
    return this.#user;
  }

  /** Signs in as one of the people (by role); the page reopens the add-on for them. */
  signIn(role: string): Person {
    const person = this.#people.find((p) => p.role === role);
    if (!person) throw new BoundaryError(`Sign in as one of: ${this.#people.map((p) => p.role).join(', ')}.`);
    this.#user = person;
    return person;
  }

  /** The menus onOpen adds for the signed-in person (the simple trigger, as when the file opens). */
  menus(): MenuRecord[] {
    const open = this.#emulator.runTrigger('onOpen', { user: this.#user.email });
    return open.error ? [] : open.ui.menus;
  }

  /** Runs a global of the bundle as the signed-in person (a menu item or a google.script.run call). */
  run(fn: string, args: unknown[]): RunOutcome {
    if (!this.functions.has(fn)) throw new BoundaryError(`The add-on has no function named "${fn}".`);
    const started = performance.now();
    // Alerts are answered with OK (the add-on shows only OK alerts); the page shows them as messages.
    // An alert asking YES/NO or a prompt would fail the run with the emulator's sentence, shown as is.
    const answers = Array.from({ length: 10 }, () => ({ button: 'OK' as const }));
    const run = this.#emulator.run(fn, args, { user: this.#user.email, answers });
    const shown: ShownPage[] = [];
    for (const s of run.ui.sidebars) shown.push(this.#keep({ kind: 'sidebar', title: s.title }, s.html));
    for (const d of run.ui.dialogs)
      shown.push(this.#keep({ kind: 'dialog', title: d.title, width: d.width, height: d.height }, d.html));
    const changed = changedDocument(run);
    if (changed) this.save();
    return {
      ok: !run.error,
      value: run.error ? undefined : run.result,
      message: run.error?.message,
      shown,
      alerts: run.ui.alerts.map((a) => ({ title: a.title, prompt: a.prompt })),
      toasts: run.ui.toasts,
      changed,
      activeSheet: this.activeSheetName(),
      activated: Object.keys(run.calls).some((name) =>
        /^(Sheet\.activate|Spreadsheet\.setActiveSheet)$/.test(name),
      ),
      ms: Math.round(performance.now() - started),
    };
  }

  /**
   * Opens the web app's URL as the signed-in person: doGet's page as Google serves it, its HTML kept
   * (by id) for the frame; or the sentence of what doGet threw.
   */
  webApp(queryString = ''): { id: string; page: ServedHtml } | { error: string } {
    const served = runDoGet(this.#emulator, { user: this.#user.email, queryString });
    if (!served.page) return { error: served.error?.message ?? 'The web app served nothing.' };
    const shown = this.#keep({ kind: 'web app', title: served.page.title }, served.page.content);
    return { id: shown.id, page: served.page };
  }

  /** The HTML of a sidebar or dialog the add-on opened, by id. */
  page(id: string): { page: ShownPage; html: string } | undefined {
    return this.#pages.get(id);
  }

  activeSheetName(): string {
    return this.#workbook.sheets[this.#workbook.activeSheet]?.name ?? this.#workbook.sheetNames()[0] ?? '';
  }

  /** Puts the demo school back: a new workbook, saved over the file. */
  async reset(): Promise<void> {
    await this.saved();
    const demo = this.#district
      ? (({ district, schools }) => ({ workbook: district, people: DISTRICT_PEOPLE, others: schools }))(
          createDemoDistrict(this.bundleDir),
        )
      : { ...createDemoWorkbook(this.bundleDir), others: [] };
    this.#workbook = demo.workbook;
    this.#others = demo.others;
    this.#emulator = this.#newEmulator(demo.workbook);
    const role = this.#user.role;
    this.#people = demo.people;
    this.#user = this.#people.find((p) => p.role === role) ?? (this.#people[0] as Person);
    this.#pages.clear();
    this.save();
    await this.saved();
  }

  /**
   * Saves the workbook to its file a moment after the last change: a logged call and the Summary
   * refresh the sidebar asks for next are saved together, after both have answered (a save holds
   * the server for a second or two). Saves never overlap; changes made while one runs are saved by
   * the next. The file is written whole to a temporary name, then renamed over the old one.
   */
  save(): void {
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => this.#startSave(), this.#saveDelayMs);
  }

  #startSave(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.#saving = this.#saving.then(async () => {
      const started = performance.now();
      try {
        const data = await this.#workbook.toXlsx();
        const temp = `${this.file}.${process.pid}.tmp`;
        await writeFile(temp, data);
        await rename(temp, this.file);
        await this.#saveCopies();
        this.#log(`Saved ${this.file} (${Math.round(performance.now() - started)} ms)`);
      } catch (error) {
        this.#log(`Could not save ${this.file}: ${(error as Error).message}`);
      }
    });
  }

  /** Resolves once every change made so far is on disk (a save waiting for its moment starts now). */
  async saved(): Promise<void> {
    if (this.#saveTimer) this.#startSave();
    let current: Promise<void>;
    do {
      current = this.#saving;
      await current;
    } while (current !== this.#saving);
  }

  /** Copies the add-on made (New school from this template) go next to the workbook, once each. */
  async #saveCopies(): Promise<void> {
    for (const book of this.#emulator.registry.all()) {
      if (book === this.#workbook || this.#savedCopies.has(book.id)) continue;
      this.#savedCopies.add(book.id);
      const name = book.name.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 100) || 'copy';
      await mkdir(join(this.dataDir, 'copies'), { recursive: true });
      await writeFile(join(this.dataDir, 'copies', `${name}.xlsx`), await book.toXlsx());
    }
  }

  #keep(page: Omit<ShownPage, 'id'>, html: string): ShownPage {
    const shown: ShownPage = { id: randomUUID(), ...page };
    this.#pages.set(shown.id, { page: shown, html });
    while (this.#pages.size > KEPT_PAGES) {
      const oldest = this.#pages.keys().next().value;
      if (oldest === undefined) break;
      this.#pages.delete(oldest);
    }
    return shown;
  }

  #newEmulator(workbook: Workbook): Emulator {
    return new Emulator({
      bundleDir: this.bundleDir,
      workbook,
      workbooks: this.#others,
      scriptName: ADDON_NAME,
    });
  }
}

/** A request the preview refuses: its message is a sentence for the person (HTTP 400). */
export class BoundaryError extends Error {}

function firstTeacher(workbook: Workbook): { name: string; email: string } | undefined {
  if (!workbook.sheet('Teachers')) return undefined;
  const [head = [], first] = workbook.values('Teachers');
  const email = first?.[head.indexOf('Email')];
  const name = first?.[head.indexOf('Name')];
  return typeof email === 'string' && email ? { name: String(name ?? email), email } : undefined;
}
