/**
 * The page's files, made once when the server starts: index.html and styles.css as written, the
 * page's TypeScript and the google.script.run bridge bundled by esbuild (no CDN, nothing fetched at
 * run time), and the add-on's own HTML (a sidebar or dialog) with the bridge put in front of its
 * scripts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle } from '../scripts/build';

const PAGE_DIR = join(__dirname, 'page');

export interface PageAssets {
  html: string;
  css: string;
  js: string;
  bridge: string;
  /** The web app's outer page script (/phone.js): google.script.run to the server. */
  phone: string;
}

export async function buildPageAssets(): Promise<PageAssets> {
  const [html, css, js, bridge, phone] = await Promise.all([
    readFile(join(PAGE_DIR, 'index.html'), 'utf8'),
    readFile(join(PAGE_DIR, 'styles.css'), 'utf8'),
    bundle(join(PAGE_DIR, 'main.ts')),
    bundle(join(PAGE_DIR, 'bridge.ts')),
    bundle(join(PAGE_DIR, 'phone.ts')),
  ]);
  return { html, css, js, bridge, phone };
}

/** The bridge goes inside a <script> element: it must hold nothing that could end or bend one. */
function scriptText(code: string): string {
  if (/<\/script|<!--/i.test(code))
    throw new Error('The preview bridge must not contain "</script" or "<!--".');
  return code;
}

function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The add-on's page as the preview serves it in an iframe: google.script.run and google.script.host
 * are defined first (they know the bundle's functions), then the add-on's own page runs unchanged.
 */
export function addonPage(html: string, bridge: string, functions: readonly string[]): string {
  const script = `<script data-functions="${attribute(JSON.stringify(functions))}">${scriptText(bridge)}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head)
    return html.slice(0, head.index + head[0].length) + script + html.slice(head.index + head[0].length);
  return script + html;
}

/** The phone's screen in CSS pixels (a common 6.1" phone): the size of the preview's phone frame. */
export const PHONE_SCREEN = { width: 390, height: 844 };

/**
 * /phone: the web app's URL (/exec) in a phone-sized frame, signed in as the person chosen on the
 * main page. The name is escaped: it comes from the Teachers tab.
 */
export function phoneFramePage(signedInAs: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Relationship Calls preview: the phone page</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/app.css" />
  </head>
  <body class="phone-preview">
    <header class="titlebar">
      <div>
        <h1>The phone page</h1>
        <p class="muted">The web app's URL as a phone opens it, signed in as ${attribute(signedInAs)}. <a href="/">Back to the spreadsheet</a> (Signed in as there changes who this is).</p>
      </div>
    </header>
    <main class="phone-stage">
      <iframe class="phone-screen" title="The phone page" src="/exec" width="${PHONE_SCREEN.width}" height="${PHONE_SCREEN.height}"></iframe>
    </main>
  </body>
</html>
`;
}
