/**
 * HtmlService: HtmlOutput and HtmlTemplate, reading .html files from the bundle's folder as
 * createHtmlOutputFromFile / createTemplateFromFile read the project's HTML files.
 */
import type { ServiceContext } from './context';
import { type EnumValue, enumName, enumOf, hostObject, implementationOf, VARIABLES } from './host-object';
import { compileTemplate, escapeHtml } from './html-template';

export const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE', 'NONE');
export const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');

/** The only meta tags HtmlOutput.addMetaTag accepts. */
const META_TAGS = new Set(['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport']);

class HtmlOutputMetaTagImpl {
  readonly #name: string;
  readonly #content: string;
  constructor(name: string, content: string) {
    this.#name = name;
    this.#content = content;
  }
  getName(): string {
    return this.#name;
  }
  getContent(): string {
    return this.#content;
  }
}

export class HtmlOutputImpl {
  readonly #ctx: ServiceContext;
  #content: string;
  #title = '';
  #width: number | undefined;
  #height: number | undefined;
  #sandboxMode: EnumValue = SandboxMode.IFRAME;
  #xFrameOptionsMode: EnumValue = XFrameOptionsMode.DEFAULT;
  #faviconUrl: string | null = null;
  readonly #metaTags: HtmlOutputMetaTagImpl[] = [];
  constructor(ctx: ServiceContext, content: string) {
    this.#ctx = ctx;
    this.#content = content;
  }
  getContent(): string {
    return this.#content;
  }
  setContent(content: string): this {
    this.#content = String(content ?? '');
    return this;
  }
  append(addedContent: string): this {
    this.#content += String(addedContent ?? '');
    return this;
  }
  appendUntrusted(addedContent: string): this {
    this.#content += escapeHtml(String(addedContent ?? ''));
    return this;
  }
  clear(): this {
    this.#content = '';
    return this;
  }
  getTitle(): string {
    return this.#title;
  }
  setTitle(title: string): this {
    this.#title = String(title ?? '');
    return this;
  }
  getWidth(): number | undefined {
    return this.#width;
  }
  setWidth(width: number): this {
    this.#width = this.#pixels('setWidth', width);
    return this;
  }
  getHeight(): number | undefined {
    return this.#height;
  }
  setHeight(height: number): this {
    this.#height = this.#pixels('setHeight', height);
    return this;
  }
  #pixels(method: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw this.#ctx.error(
        `Invalid argument: ${method} takes a whole number of pixels, not ${String(value)}.`,
      );
    return value;
  }
  setSandboxMode(mode: unknown): this {
    const name = enumName(mode) as keyof typeof SandboxMode;
    if (!(name in SandboxMode)) throw this.#ctx.error(`Invalid argument: mode ${String(mode)}`);
    // Apps Script serves every page in IFRAME mode now; the others are accepted and ignored.
    this.#sandboxMode = SandboxMode.IFRAME;
    return this;
  }
  getSandboxMode(): EnumValue {
    return this.#sandboxMode;
  }
  setXFrameOptionsMode(mode: unknown): this {
    const name = enumName(mode) as keyof typeof XFrameOptionsMode;
    if (!(name in XFrameOptionsMode)) throw this.#ctx.error(`Invalid argument: mode ${String(mode)}`);
    this.#xFrameOptionsMode = XFrameOptionsMode[name];
    return this;
  }
  getXFrameOptionsMode(): EnumValue {
    return this.#xFrameOptionsMode;
  }
  addMetaTag(name: string, content: string): this {
    if (!META_TAGS.has(String(name)))
      throw this.#ctx.error(
        `Meta tag "${name}" is not supported; HtmlOutput accepts only ${[...META_TAGS].join(', ')}.`,
      );
    this.#metaTags.push(new HtmlOutputMetaTagImpl(String(name), String(content)));
    return this;
  }
  getMetaTags(): unknown[] {
    return this.#metaTags.map((tag) => hostObject(this.#ctx, 'HtmlOutputMetaTag', tag));
  }
  setFaviconUrl(iconUrl: string): this {
    this.#faviconUrl = String(iconUrl);
    return this;
  }
  getFaviconUrl(): string | null {
    return this.#faviconUrl;
  }
  asTemplate(): unknown {
    return hostObject(this.#ctx, 'HtmlTemplate', new HtmlTemplateImpl(this.#ctx, this.#content));
  }
  /**
   * What a web app serves from this output (runtime/web-app.ts reads it). Static, so a script never
   * sees it: an instance's public methods are exactly Apps Script's.
   */
  static served(output: HtmlOutputImpl): ServedHtml {
    return {
      title: output.#title,
      content: output.#content,
      metaTags: output.#metaTags.map((tag) => ({ name: tag.getName(), content: tag.getContent() })),
      xFrameOptionsMode: output.#xFrameOptionsMode.name() as keyof typeof XFrameOptionsMode,
      faviconUrl: output.#faviconUrl,
    };
  }
}

/** An HtmlOutput as a web app serves it: Google's outer page carries the title and meta tags. */
export interface ServedHtml {
  title: string;
  content: string;
  metaTags: { name: string; content: string }[];
  xFrameOptionsMode: keyof typeof XFrameOptionsMode;
  faviconUrl: string | null;
}

export class HtmlTemplateImpl {
  readonly #ctx: ServiceContext;
  readonly #source: string;
  /** What the script assigns to the template (`template.view = 'log'`) becomes a template variable. */
  readonly [VARIABLES]: Record<string, unknown> = {};
  constructor(ctx: ServiceContext, source: string) {
    this.#ctx = ctx;
    this.#source = source;
  }
  getRawContent(): string {
    return this.#source;
  }
  getCode(): string {
    return this.#compile();
  }
  getCodeWithComments(): string {
    return this.#compile();
  }
  evaluate(): unknown {
    const code = this.#compile();
    return this.#ctx.runInScript(code, { ...this[VARIABLES] }, (html) =>
      hostObject(this.#ctx, 'HtmlOutput', new HtmlOutputImpl(this.#ctx, html)),
    );
  }
  #compile(): string {
    try {
      return compileTemplate(this.#source);
    } catch (error) {
      throw this.#ctx.error((error as Error).message);
    }
  }
}

class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  createHtmlOutput(html?: unknown): unknown {
    return this.#output(this.#text(html));
  }
  createHtmlOutputFromFile(filename: string): unknown {
    return this.#output(this.#file(filename));
  }
  createTemplate(html: unknown): unknown {
    return hostObject(this.#ctx, 'HtmlTemplate', new HtmlTemplateImpl(this.#ctx, this.#text(html)));
  }
  createTemplateFromFile(filename: string): unknown {
    return hostObject(this.#ctx, 'HtmlTemplate', new HtmlTemplateImpl(this.#ctx, this.#file(filename)));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
  }
  #output(content: string): unknown {
    return hostObject(this.#ctx, 'HtmlOutput', new HtmlOutputImpl(this.#ctx, content));
  }
  #text(html: unknown): string {
    if (html === undefined || html === null) return '';
    const impl = implementationOf(html);
    if (impl instanceof HtmlOutputImpl) return impl.getContent();
    return String(html);
  }
  #file(filename: string): string {
    const content = this.#ctx.state.bundle.htmlFile(String(filename));
    if (content === undefined) throw this.#ctx.error(`No HTML file named ${filename} was found.`);
    return content;
  }
}

export function createHtmlService(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'HtmlService', new HtmlServiceImpl(ctx));
}
