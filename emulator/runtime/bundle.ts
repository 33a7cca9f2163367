/**
 * An Apps Script bundle: its script files (.js/.gs) and HTML files. Each execution loads the scripts
 * into a fresh vm context, as Apps Script runs top-level code on every execution and keeps no globals
 * between executions.
 *
 * A folder bundle is loaded with gas-local, the loader the design names. gas-local contextifies the
 * object it is given and cannot load twice into one context; every call here hands it a brand-new
 * globals object, so no caller meets either. Files are read at each execution, so a rebuilt dist/ is
 * picked up as `clasp push` would. Measured on this machine: compiling with a reused vm.Script is no
 * faster than gas-local (V8 already caches the compiled code by source), see emulator/README.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import vm from 'node:vm';
import gasrequire from 'gas-local/gasrequire';

const SCRIPT_FILE = /\.(js|gs)$/;

export interface BundleSource {
  /** A folder holding the bundle's .js/.gs and .html files (e.g. 'dist'). */
  bundleDir?: string;
  /** The script code itself, one string or file name -> code (run in file-name order). */
  code?: string | Record<string, string>;
  /** HTML files by name, for a bundle given as code ('Sidebar' or 'Sidebar.html'). */
  html?: Record<string, string>;
}

export class Bundle {
  readonly #dir: string | undefined;
  readonly #code: ReadonlyArray<readonly [filename: string, code: string]>;
  readonly #html: Readonly<Record<string, string>>;

  constructor(source: BundleSource) {
    if (!source.bundleDir === !source.code)
      throw new Error('Give the emulator exactly one of bundleDir (a folder such as dist) or code.');
    this.#dir = source.bundleDir ? resolve(source.bundleDir) : undefined;
    if (this.#dir && !existsSync(this.#dir))
      throw new Error(`The bundle folder ${this.#dir} does not exist: run npm run build first.`);
    const code = typeof source.code === 'string' ? { 'Code.js': source.code } : (source.code ?? {});
    this.#code = Object.entries(code).sort(([a], [b]) => a.localeCompare(b));
    this.#html = source.html ?? {};
  }

  /** Where the bundle comes from, for messages. */
  get origin(): string {
    return this.#dir ?? 'code given to the emulator';
  }

  /** The folder, for workers that load the bundle themselves. */
  get source(): BundleSource {
    return this.#dir
      ? { bundleDir: this.#dir }
      : { code: Object.fromEntries(this.#code), html: { ...this.#html } };
  }

  /**
   * Loads the scripts into `context` (already contextified, so the caller could read its realm's
   * constructors first) and returns it.
   */
  load(context: vm.Context): vm.Context {
    if (this.#dir)
      return gasrequire(this.#dir, context, { filter: (file: string) => SCRIPT_FILE.test(file) });
    for (const [filename, code] of this.#code) vm.runInContext(code, context, { filename });
    return context;
  }

  /** An HTML file by name, with or without '.html', as HtmlService finds project files. */
  htmlFile(name: string): string | undefined {
    const base = name.replace(/\.html$/, '');
    if (!this.#dir) return this.#html[base] ?? this.#html[`${base}.html`];
    const path = join(this.#dir, `${base}.html`);
    if (relative(this.#dir, path).startsWith('..')) return undefined;
    return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  }

  /** appsscript.json of a folder bundle, when there is one. */
  manifest(): { timeZone?: string } {
    if (!this.#dir) return {};
    const path = join(this.#dir, 'appsscript.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { timeZone?: string }) : {};
  }
}
