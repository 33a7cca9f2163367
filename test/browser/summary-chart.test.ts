/**
 * The preview draws the Summary as Sheets would: the weekly chart from its EmbeddedChart spec (an SVG
 * at the chart's anchor cell, one bar per week and series), the gap sentences whole in their wrapped
 * cells, and long text spilling over the empty cells to its right (Sheets' OVERFLOW: "Overflow lines
 * into the next cell, so long as that cell is empty"; WRAP wraps inside the cell:
 * developers.google.com/apps-script/reference/spreadsheet/wrap-strategy).
 * Screenshots: test-results/summary-first-screen.png and summary-chart.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type RunningPreview, startPreview } from '../../preview/server';
import { launch, newPage, ROOT } from './sidebar-harness';

const ARTIFACTS = join(ROOT, 'test-results');
let browser: Browser;
let dataDir: string;
let preview: RunningPreview | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'preview-chart-'));
  browser = await launch();
  preview = await startPreview({ port: 0, dataDir, bundleDir: join(ROOT, 'dist') });
}, 180_000);

afterAll(async () => {
  await preview?.stop();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the Summary shows its chart at the anchor, and the full gap sentences', async () => {
  const page = await newPage(browser, { viewport: { width: 1366, height: 900 } });
  await page.goto(preview?.url ?? '');
  await page.locator('#grid tbody td').first().waitFor();
  await page.getByRole('tab', { name: 'Summary', exact: true }).click();
  await page.waitForFunction(() =>
    document.querySelector('#grid')?.getAttribute('aria-label')?.startsWith('Summary:'),
  );

  // The chart: an SVG with the chart's title, one bar per week for each of its two series.
  const chart = page.locator('.chart-layer svg.sheet-chart');
  await chart.waitFor();
  await expect(chart.locator('title').first().textContent()).resolves.toBe('Calls and conversations by week');
  const weeks = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('#grid tbody tr')];
    const header = rows.findIndex((tr) => tr.querySelector('td')?.textContent === 'Week of (Monday)');
    let n = 0;
    for (let r = header + 1; r < rows.length; r++) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(rows[r]?.querySelector('td')?.textContent ?? '')) break;
      n++;
    }
    return { header, n };
  });
  expect(weeks.n).toBeGreaterThan(1);
  await expect(chart.locator('rect.bar').count()).resolves.toBe(weeks.n * 2);
  // Its top-left corner sits on its anchor cell: column E of the row below the section heading.
  const placed = await page.evaluate((headerRow) => {
    const layer = document.querySelector<HTMLElement>('.chart-layer');
    const anchor = document.querySelector<HTMLElement>(`#grid td[data-r="${headerRow}"][data-c="4"]`);
    return { layer: [layer?.offsetLeft, layer?.offsetTop], anchor: [anchor?.offsetLeft, anchor?.offsetTop] };
  }, weeks.header);
  expect(placed.layer).toEqual(placed.anchor);

  // The gap sentences: whole, wrapped inside their cell, nothing hidden past its edge.
  for (const label of ['Reach by language:', 'Reach by grade:']) {
    const cell = page.locator('#grid td', { hasText: label }).first();
    const text = (await cell.textContent()) ?? '';
    expect(text).toMatch(/(percentage points|same rate|no gap to compare)\.$/);
    const fits = await cell.evaluate((td) => ({
      row: Number((td as HTMLElement).dataset.r),
      wraps: getComputedStyle(td).whiteSpace !== 'nowrap',
      clipped: td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1,
    }));
    expect(fits.wraps).toBe(true);
    expect(fits.clipped).toBe(false);
    expect(fits.row + 1).toBeLessThanOrEqual(15);
  }

  // Overflow: row 2's sentence is wider than column A and spills over the empty cells beside it.
  const spill = await page.evaluate(() => {
    const td = document.querySelector<HTMLElement>('#grid td[data-r="1"][data-c="0"]');
    const span = td?.querySelector<HTMLElement>('.spill');
    return { cell: td?.clientWidth ?? 0, text: span?.scrollWidth ?? 0, shown: span?.clientWidth ?? 0 };
  });
  expect(spill.text).toBeGreaterThan(spill.cell);
  expect(spill.shown).toBe(spill.text);

  await page.screenshot({ path: join(ARTIFACTS, 'summary-first-screen.png') });
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'summary-chart.png') });
  await page.close();
}, 270_000);

test('the principal records a check-in from the menu in one save; the dialog lists who is due one', async () => {
  const page = await newPage(browser, { viewport: { width: 1366, height: 900 } });
  await page.goto(preview?.url ?? '');
  await page.locator('#grid tbody td').first().waitFor();
  await page.locator('#signed-in-as').selectOption('principal');
  await page.locator('#status', { hasText: /^Signed in as .*principal@/ }).waitFor();
  await page.getByRole('button', { name: 'Extensions' }).click();
  await page.getByRole('button', { name: 'Relationship Calls' }).click();
  await page.getByRole('button', { name: 'Record a check-in…' }).click();
  const dialog = page.frameLocator('#addon-dialog iframe');
  await dialog.locator('#checkin-due li').first().waitFor();
  const due = await dialog.locator('#checkin-due li').count();
  const teacher = (await dialog.locator('#checkin-teacher option').nth(1).textContent()) ?? '';
  await dialog.locator('#checkin-teacher').selectOption({ label: teacher });
  await dialog.locator('#checkin-working').fill('Calls after dinner reach more families');
  await dialog.locator('#checkin-next').fill('Try the interpreter line for two families');
  await dialog.getByRole('button', { name: 'Save check-in' }).click();
  await dialog.getByText(`Check-in with ${teacher} on`).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'check-in-dialog.png') });
  // One row on Check-ins with what was typed, and the due list is one shorter if the teacher was on it.
  await page.locator('#addon-dialog-close').click();
  await page.getByRole('tab', { name: 'Check-ins', exact: true }).click();
  await page.waitForFunction(() =>
    document.querySelector('#grid')?.getAttribute('aria-label')?.startsWith('Check-ins:'),
  );
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('#grid tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ),
  );
  expect(rows.filter((r) => r.includes('Calls after dinner reach more families'))).toHaveLength(1);
  expect(due).toBeGreaterThan(0);
  await page.close();
}, 270_000);
