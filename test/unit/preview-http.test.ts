/**
 * The preview's HTTP boundary: only the bundle's own functions can be run, a malformed request gets
 * 400 and a sentence, and the server listens on 127.0.0.1 unless told otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunctions } from '../../preview/host';
import { type RunningPreview, startPreview } from '../../preview/server';

const DIST = join(__dirname, '..', '..', 'dist');
let preview: RunningPreview;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preview-http-'));
  preview = await startPreview({ port: 0, dataDir, bundleDir: DIST });
}, 180_000);

afterAll(async () => {
  await preview?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the preview HTTP boundary', () => {
  test('listens on 127.0.0.1 by default and prints that address', () => {
    expect(preview.address.address).toBe('127.0.0.1');
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('the functions that can be run are the globals of dist/Code.js, read from the bundle', () => {
    expect([...preview.host.functions]).toEqual(
      expect.arrayContaining([
        'logCall',
        'getSidebarContext',
        'onOpen',
        'showSidebar',
        'rebuildPrincipalSummary',
      ]),
    );
    expect(preview.host.functions.has('__app')).toBe(false);
    expect(bundleFunctions('var __app = {}; function shown() {} function hidden_() {}')).toEqual(['shown']);
  });

  test('a name the bundle does not export is refused with 400 and a sentence', async () => {
    for (const fn of ['eval', 'constructor', '__app', 'guarded', 'toString']) {
      const { status, json } = await post('/api/run', JSON.stringify({ fn, args: [] }));
      expect(status).toBe(400);
      expect(json.error).toMatch(
        /^The add-on has no function named ".*": only the bundle's own functions can be run\.$/,
      );
    }
  });

  test('malformed requests get 400 and a sentence: bad JSON, no function, arguments not a list', async () => {
    const cases = [
      ['{"fn": "logCall",', /not valid JSON/],
      ['[1, 2]', /Say which add-on function to run/],
      ['{"fn": "logCall", "args": "x"}', /arguments must be a JSON array/],
    ] as const;
    for (const [body, message] of cases) {
      const { status, json } = await post('/api/run', body);
      expect(status).toBe(400);
      expect(json.error).toMatch(message);
    }
    const form = await post('/api/run', 'fn=logCall', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    expect(form.json.error).toMatch(/as JSON/);
  });

  test('a wrong method, a huge body or another Host gets 400 and a sentence', async () => {
    const get = await fetch(new URL('/api/run', preview.url));
    expect(get.status).toBe(400);
    expect(((await get.json()) as { error: string }).error).toBe('/api/run takes POST requests, not GET.');

    const huge = await post(
      '/api/run',
      JSON.stringify({ fn: 'previewRoster', args: ['x'.repeat(3_000_000)] }),
    );
    expect(huge.status).toBe(400);
    expect(huge.json.error).toMatch(/too large/);

    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('/api/state', preview.url),
        { headers: { Host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  test('an exported function runs as the signed-in person and says what it showed', async () => {
    const { status, json } = await post('/api/run', JSON.stringify({ fn: 'showSidebar', args: [] }));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      changed: false,
      shown: [{ kind: 'sidebar', title: 'Relationship Calls' }],
    });
    const [shown] = json.shown as { id: string }[];
    const page = await fetch(new URL(`/addon/${shown?.id}`, preview.url));
    // Sandboxed even when opened on its own: it reaches the preview only through the page's bridge.
    expect(page.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts /);
    const html = await page.text();
    expect(html).toContain('google.script');
    expect(html).toContain('"getSidebarContext"'.replace(/"/g, '&quot;'));
  });

  test('reset puts the demo school back in the file after a change', async () => {
    const calls = () => preview.host.workbook.values('Call Log').length;
    const before = calls();
    const added = await post(
      '/api/run',
      JSON.stringify({
        fn: 'importRoster',
        args: ['Name\tEmail\nWren Quarry\twren.quarry@lanternhill.example'],
      }),
    );
    expect(added.json).toMatchObject({ ok: true, changed: true });
    const teachers = () => preview.host.workbook.values('Teachers').map((r) => r[1]);
    expect(teachers()).toContain('wren.quarry@lanternhill.example');
    const reset = await post('/api/reset', '{}');
    expect(reset.status).toBe(200);
    expect(teachers()).not.toContain('wren.quarry@lanternhill.example');
    expect(calls()).toBe(before);
    const { Workbook } = await import('../../emulator');
    const saved = await Workbook.fromXlsx(preview.host.file);
    expect(saved.values('Teachers').map((r) => r[1])).not.toContain('wren.quarry@lanternhill.example');
  }, 180_000);
});
