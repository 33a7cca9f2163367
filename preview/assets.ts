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
}

export async function buildPageAssets(): Promise<PageAssets> {
  const [html, css, js, bridge] = await Promise.all([
    readFile(join(PAGE_DIR, 'index.html'), 'utf8'),
    readFile(join(PAGE_DIR, 'styles.css'), 'utf8'),
    bundle(join(PAGE_DIR, 'main.ts')),
    bundle(join(PAGE_DIR, 'bridge.ts')),
  ]);
  return { html, css, js, bridge };
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
