/**
 * Web apps: a GET to a deployment's URL runs the script's doGet(e) as the user accessing it, and
 * Google serves what it returns. What the emulator reproduces, from Google's pages:
 * - the event object (developers.google.com/apps-script/guides/web#request_parameters):
 *   `queryString` (null without one), `parameter` (the first value of each name), `parameters`
 *   (every value), `pathInfo` (the path after /exec, only when there is one), `contextPath` (not
 *   used, always ''), `contentLength` (-1 for a GET);
 * - the page: Google's own outer page carries the HtmlOutput's title and its meta tags
 *   (HtmlOutput.addMetaTag: viewport, mobile-web-app-capable...), and shows the script's HTML in an
 *   iframe sandboxed with the keywords of developers.google.com/apps-script/guides/html/restrictions;
 *   XFrameOptionsMode.DEFAULT keeps other sites from framing the outer page, ALLOWALL lets them.
 */

import { implementationOf } from '../services/host-object';
import { HtmlOutputImpl, type ServedHtml } from '../services/html';
import { escapeHtml } from '../services/html-template';
import type { Emulator, RunResult } from './emulator';

export type { ServedHtml } from '../services/html';

export interface WebAppRequest {
  /** Who opens the URL (the web app executes as the user accessing it); '' for an unrevealed email. */
  user?: string;
  /** The query string without its '?', e.g. 'name=alice&n=1&n=2'. */
  queryString?: string;
  /** The path after /exec, e.g. 'hello' for .../exec/hello. */
  pathInfo?: string;
}

export interface WebAppResponse {
  run: RunResult;
  /** What Google serves from doGet's HtmlOutput; undefined when there is nothing to serve. */
  page: ServedHtml | undefined;
  /** The script's error, or Apps Script's sentence when doGet returned no HtmlOutput. */
  error: Error | undefined;
}

/** The `e` of doGet(e) for a GET with this query string and path. */
export function doGetEvent(queryString = '', pathInfo = ''): Record<string, unknown> {
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(queryString))
    parameters[name] = [...(parameters[name] ?? []), value];
  const parameter: Record<string, string> = {};
  for (const [name, values] of Object.entries(parameters)) parameter[name] = values[0] ?? '';
  const event: Record<string, unknown> = {
    queryString: queryString === '' ? null : queryString,
    parameter,
    parameters,
    contextPath: '',
    contentLength: -1,
  };
  if (pathInfo) event.pathInfo = pathInfo;
  return event;
}

/** Opens the web app's URL: runs doGet(e) as `request.user` and returns what Google would serve. */
export function runDoGet(emu: Emulator, request: WebAppRequest = {}): WebAppResponse {
  const event = doGetEvent(request.queryString, request.pathInfo);
  const run = emu.run('doGet', [event], { user: request.user, authMode: 'FULL' });
  if (run.error) return { run, page: undefined, error: run.error };
  const output = implementationOf(run.result);
  if (!(output instanceof HtmlOutputImpl))
    // A TextOutput (ContentService) is not emulated; anything else is what Google refuses to serve.
    return { run, page: undefined, error: new Error('The script completed but did not return anything.') };
  return { run, page: HtmlOutputImpl.served(output), error: undefined };
}

/** The sandbox of the iframe holding a web app's HTML (IFRAME mode, for a bound script). */
export const WEB_APP_SANDBOX =
  'allow-same-origin allow-forms allow-scripts allow-popups allow-downloads allow-modals allow-popups-to-escape-sandbox';

/**
 * Google's outer page for a served web app: the title and meta tags of the HtmlOutput, and the
 * script's HTML (loaded from `frameSrc`) in a full-window sandboxed iframe. `scripts` are the host's
 * own (what carries google.script.run between the frame and the server).
 */
export function webAppShell(page: ServedHtml, frameSrc: string, scripts: readonly string[] = []): string {
  const meta = page.metaTags
    .map((tag) => `<meta name="${escapeHtml(tag.name)}" content="${escapeHtml(tag.content)}">`)
    .join('');
  const icon = page.faviconUrl ? `<link rel="icon" href="${escapeHtml(page.faviconUrl)}">` : '';
  const script = scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>${meta}${icon}<style>html,body{margin:0;height:100%;overflow:hidden}iframe{display:block;border:0;width:100%;height:100%}</style>${script}</head><body><iframe id="sandboxFrame" title="${escapeHtml(page.title)}" sandbox="${WEB_APP_SANDBOX}" src="${escapeHtml(frameSrc)}"></iframe></body></html>`;
}
