/**
 * The preview's HTTP boundary (node:http, no framework). The page is on the same machine, but the
 * workbook holds student records, so every request is checked:
 * - only the add-on bundle's own functions can be run, with a JSON array of arguments;
 * - a request that is not what the route expects (method, JSON, size, Host) gets 400 with a sentence;
 * - the Host header must be an IP address, localhost or HOST, so a web page elsewhere cannot reach
 *   the preview through a DNS name pointing at 127.0.0.1; POSTs must be JSON, which browsers never
 *   send cross-site without asking first.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { WEB_APP_SANDBOX, webAppShell } from '../emulator';
import { addonPage, type PageAssets, phoneFramePage } from './assets';
import { DEFAULT_ROWS, gridView } from './grid';
import { type AddonHost, BoundaryError } from './host';

/** Larger bodies are refused: a roster paste of a few thousand families fits well inside. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface PreviewServerOptions {
  host: AddonHost;
  assets: PageAssets;
  /** Host names the Host header may carry besides localhost and IP addresses. */
  hostNames?: string[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The page: its own files only, never framed by another site. */
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/**
 * The add-on's sidebar or dialog: sandboxed even if opened on its own (an opaque origin, so it can
 * reach the preview only through the page's bridge), framed only by the page, and no network.
 */
const ADDON_POLICY =
  "sandbox allow-scripts allow-forms allow-modals allow-popups; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

/**
 * The web app's own page (/exec/frame/<id>): the add-on's HTML in the sandbox Google gives a web app,
 * allow-same-origin included (its outbox needs storage); still no network of its own.
 */
const WEB_APP_POLICY = `sandbox ${WEB_APP_SANDBOX}; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'`;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  policy?: string,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(policy ? { 'Content-Security-Policy': policy } : {}),
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(400, 'Send the request body as JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new HttpError(400, `The request is too large: the preview accepts up to ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(
        400,
        `The request is too large: the preview accepts up to ${MAX_BODY_BYTES} bytes.`,
      );
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** { fn: 'logCall', args: [...] }: a function of the bundle and its arguments. */
function runRequest(body: unknown, host: AddonHost): { fn: string; args: unknown[] } {
  if (!isRecord(body) || typeof body.fn !== 'string')
    throw new HttpError(400, 'Say which add-on function to run: {"fn": "name", "args": [...]}.');
  const args = body.args ?? [];
  if (!Array.isArray(args)) throw new HttpError(400, 'The arguments must be a JSON array.');
  if (!host.functions.has(body.fn))
    throw new HttpError(
      400,
      `The add-on has no function named "${body.fn.slice(0, 80)}": only the bundle's own functions can be run.`,
    );
  return { fn: body.fn, args };
}

/** The page's picture of the spreadsheet window: title, file, who is signed in, tabs and menus. */
function stateOf(host: AddonHost) {
  return {
    title: host.workbook.name,
    file: host.file,
    user: host.user,
    people: host.people,
    tabs: host.workbook.sheets.map((s) => ({ name: s.name, color: s.tabColor })),
    activeSheet: host.activeSheetName(),
    menus: host.menus(),
  };
}

/**
 * The web app's URL, as Google serves it: doGet runs as the signed-in person, and its page goes in
 * Google's outer page (title and meta tags from the HtmlOutput) framing the HTML. XFrameOptionsMode
 * DEFAULT lets only this origin frame it (the preview's /phone); ALLOWALL would let any page.
 */
function serveWebApp(res: ServerResponse, host: AddonHost, url: URL): void {
  const served = host.webApp(url.search.replace(/^\?/, ''));
  if ('error' in served) throw new HttpError(500, served.error);
  const framing = served.page.xFrameOptionsMode === 'DEFAULT' ? " frame-ancestors 'self'" : '';
  if (served.page.xFrameOptionsMode === 'DEFAULT') res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  send(
    res,
    200,
    'text/html; charset=utf-8',
    webAppShell(served.page, `/exec/frame/${served.id}`, ['/phone.js']),
    `default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';${framing}`,
  );
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export function createPreviewServer(options: PreviewServerOptions): Server {
  const { host, assets } = options;
  const hostNames = new Set(['localhost', ...(options.hostNames ?? [])]);

  const get: Record<string, Route> = {
    '/': (_req, res) => send(res, 200, 'text/html; charset=utf-8', assets.html, PAGE_POLICY),
    '/app.js': (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', assets.js),
    '/app.css': (_req, res) => send(res, 200, 'text/css; charset=utf-8', assets.css),
    '/phone': (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', phoneFramePage(host.user.name), PAGE_POLICY),
    '/phone.js': (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', assets.phone),
    '/exec': (_req, res, url) => serveWebApp(res, host, url),
    '/api/state': (_req, res) => sendJson(res, 200, stateOf(host)),
    '/api/sheet': (_req, res, url) => {
      const name = url.searchParams.get('name') ?? '';
      const rows = Number(url.searchParams.get('rows') ?? DEFAULT_ROWS);
      if (!Number.isInteger(rows) || rows < 1)
        throw new HttpError(400, 'rows must be a whole number above 0.');
      const view = gridView(host.workbook, name, rows);
      if (!view) throw new HttpError(404, `The workbook has no tab named "${name.slice(0, 80)}".`);
      sendJson(res, 200, view);
    },
  };
  const post: Record<string, Route> = {
    '/api/run': async (req, res) => {
      const { fn, args } = runRequest(await readJson(req), host);
      sendJson(res, 200, host.run(fn, args));
    },
    '/api/sign-in': async (req, res) => {
      const body = await readJson(req);
      if (!isRecord(body) || typeof body.role !== 'string')
        throw new HttpError(400, 'Say whom to sign in as: {"role": "teacher" | "principal" | "coach"}.');
      host.signIn(body.role);
      sendJson(res, 200, stateOf(host));
    },
    '/api/reset': async (req, res) => {
      await readJson(req);
      await host.reset();
      sendJson(res, 200, stateOf(host));
    },
  };

  return createServer(async (req, res) => {
    try {
      const hostName = String(req.headers.host ?? '').replace(/:\d+$/, '');
      // A DNS rebinding attack needs a name; an address typed as digits (HOST=0.0.0.0 on a LAN) is fine.
      if (!hostNames.has(hostName) && !isIP(hostName.replace(/^\[(.*)\]$/, '$1')))
        throw new HttpError(
          400,
          'The preview answers only requests addressed to an IP address, localhost or its HOST.',
        );
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      /** A page the add-on opened (a sidebar, a dialog, the web app's frame), by its id. */
      const kept = (id: string, policy: string, gone: string) => {
        if (req.method !== 'GET') throw new HttpError(400, `${url.pathname} is read with GET.`);
        const shown = host.page(id);
        if (!shown) throw new HttpError(404, gone);
        send(
          res,
          200,
          'text/html; charset=utf-8',
          addonPage(shown.html, assets.bridge, [...host.functions]),
          policy,
        );
      };
      const webApp = /^\/exec\/frame\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (webApp) return kept(webApp[1] as string, WEB_APP_POLICY, 'That page is gone: open /exec again.');
      const addon = /^\/addon\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (addon)
        return kept(
          addon[1] as string,
          ADDON_POLICY,
          'That sidebar or dialog is closed: open it again from the menu.',
        );
      const route =
        req.method === 'GET' ? get[url.pathname] : req.method === 'POST' ? post[url.pathname] : undefined;
      if (!route) {
        const other = get[url.pathname] ? 'GET' : post[url.pathname] ? 'POST' : undefined;
        if (other) throw new HttpError(400, `${url.pathname} takes ${other} requests, not ${req.method}.`);
        throw new HttpError(404, `The preview has nothing at ${url.pathname.slice(0, 80)}.`);
      }
      await route(req, res, url);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      if (error instanceof BoundaryError) return sendJson(res, 400, { error: error.message });
      console.error('The preview failed to answer a request:', (error as Error).message);
      sendJson(res, 500, { error: 'The preview failed to answer; see the terminal for details.' });
    }
  });
}
