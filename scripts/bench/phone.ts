/**
 * The phone page (issue 19): what doGet serves and how soon a teacher on a slow mobile link can type
 * into the family search.
 *
 * - Size: dist/Phone.html as doGet serves it (the client inlined; target under 100 KB), and the
 *   requests the page makes anywhere but the web app itself while it opens (target: none).
 * - Time to typing: the preview's /exec (the web app's URL: Google's outer page, the page's frame,
 *   then getSidebarContext over HTTP) in Chromium as a 390 x 844 phone, the network throttled through
 *   the DevTools protocol (Network.emulateNetworkConditions) to 1.6 Mbit/s down, 750 kbit/s up and
 *   150 ms latency (a slow 3G/4G link in the evening), cache off; timed from navigation until a
 *   typed letter shows in the family search. Target under 3 s. The demo school's 400 families come
 *   with getSidebarContext, so its answer is most of what crosses the link.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { Emulator, runDoGet } from '../../emulator';
import { createDemoWorkbook } from '../../preview/demo';
import { type RunningPreview, startPreview } from '../../preview/server';
import { launch } from '../../test/browser/sidebar-harness';
import { root } from '../build';
import { benchCase } from './case';

const DIST = join(root, 'dist');
const SIZE = 'demo school: 25 teachers x 400 families';
/** 1.6 Mbit/s down, 750 kbit/s up, in bytes per second; 150 ms added to each request. */
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

interface Phone {
  preview: RunningPreview;
  browser: Browser;
  dataDir: string;
  /** Requests to anywhere but the preview, over every measured opening. */
  external: Set<string>;
  /** Bytes the page received on its last opening (documents, script, getSidebarContext). */
  received: number;
}

async function openPhone(s: Phone): Promise<void> {
  const context = await s.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(s.preview.url)) s.external.add(request.url());
  });
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  await page.goto(`${s.preview.url}exec`, { waitUntil: 'commit' });
  const search = page.frameLocator('#sandboxFrame').getByRole('combobox', { name: /Family/ });
  await search.pressSequentially('a', { timeout: 60_000 });
  if ((await search.inputValue()) !== 'a')
    throw new Error('The family search did not take the letter typed.');
  s.received = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
}

let phoneState: Phone | undefined;

export const phoneCases = [
  benchCase({
    name: 'phone: doGet serves the phone page (dist/Phone.html)',
    get size() {
      const html = readFileSync(join(DIST, 'Phone.html'));
      return `${kb(html.length)} of HTML (${kb(gzipSync(html).length)} gzipped)`;
    },
    runs: 7,
    setup: () => {
      const { workbook, people } = createDemoWorkbook(DIST);
      return { emu: new Emulator({ bundleDir: DIST, workbook }), user: people[0]?.email ?? '' };
    },
    measure: ({ emu, user }) => {
      const served = runDoGet(emu, { user });
      if (served.error) throw served.error;
      return served.run;
    },
  }),
  benchCase({
    name: 'phone: time until the family search accepts typing (1.6 Mbit/s, 150 ms, preview /exec)',
    get size() {
      const received = phoneState ? `, ${kb(phoneState.received)} received` : '';
      const external = phoneState ? `, ${phoneState.external.size} requests outside the web app` : '';
      return `${SIZE}${received}${external}`;
    },
    runs: 5,
    setup: async (): Promise<Phone> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-phone-'));
      const preview = await startPreview({ port: 0, dataDir, bundleDir: DIST });
      phoneState = { preview, browser: await launch(), dataDir, external: new Set(), received: 0 };
      return phoneState;
    },
    measure: async (s) => {
      await openPhone(s);
      return undefined;
    },
    teardown: async (s) => {
      await s.browser.close();
      await s.preview.stop();
      rmSync(s.dataDir, { recursive: true, force: true });
    },
  }),
];
