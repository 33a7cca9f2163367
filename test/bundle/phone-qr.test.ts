/**
 * Show the phone page's QR code, run from dist/Code.js in the emulator: the block on the Settings tab
 * must scan back to the web app's URL (decoded with jsQR from the cell backgrounds rendered as
 * pixels), leave every Settings value the add-on reads as it was, and survive Set up this school.
 *
 * Google's page pinned here: ScriptApp.getService().getUrl() is the deployed web app's URL, or null
 * when the script is not deployed as a web app
 * (developers.google.com/apps-script/reference/script/service#getUrl()).
 */
import jsQR from 'jsqr';
import type { Emulator, Workbook } from '../../emulator';
import { TAB } from '../../src/common/schema';
import { parseSettings } from '../../src/core/settings';
import { PRINCIPAL, school } from './school-fixture';

const URL =
  'https://script.google.com/a/macros/maple-grove.example/s/AKfycbx-Invented_Deployment-Id_0123456789/exec';
const TIME_ZONE = 'America/New_York';

function showQr(emu: Emulator) {
  const run = emu.run('showPhonePageQrCode', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(run.error).toBeUndefined();
  return { run, message: run.ui.alerts[0]?.prompt ?? '' };
}

/** Every cell's background on Settings, 0-based 'row:col' -> colour, as a person would see the tab. */
function backgrounds(workbook: Workbook): Map<string, unknown> {
  const state = workbook.requireSheet(TAB.settings);
  const out = new Map<string, unknown>();
  for (const [key, props] of state.cells) if (props.background !== undefined) out.set(key, props.background);
  return out;
}

/** The block's cells as an RGBA image, `scale` pixels a cell, for jsQR. */
function render(workbook: Workbook, top: number, left: number, size: number, scale = 4) {
  const state = workbook.requireSheet(TAB.settings);
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const colour = state.prop(top + Math.floor(y / scale), left + Math.floor(x / scale), 'background');
      const level = colour === '#000000' ? 0 : 255;
      pixels.set([level, level, level, 255], (y * side + x) * 4);
    }
  return { pixels, side };
}

/** The square block of black/white cells below the "Phone page" header: its 0-based top-left and side. */
function block(workbook: Workbook) {
  const header = workbook.values(TAB.settings)[0] ?? [];
  const left = header.indexOf('Phone page');
  expect(left).toBeGreaterThan(0);
  const state = workbook.requireSheet(TAB.settings);
  let top = 0;
  while (top < 20 && state.prop(top, left, 'background') === undefined) top += 1;
  let size = 0;
  while (state.prop(top, left + size, 'background') !== undefined) size += 1;
  let height = 0;
  while (state.prop(top + height, left, 'background') !== undefined) height += 1;
  return { top, left, size, height };
}

test("the menu action draws a square code on Settings that scans to the web app's URL, in one setBackgrounds", () => {
  const { emu, workbook } = school({ emulator: { webAppUrl: URL } });
  const { run, message } = showQr(emu);
  expect(run.calls['Range.setBackgrounds']).toBe(1);
  const { top, left, size, height } = block(workbook);
  expect(height).toBe(size);
  // A version 1 code is 21 modules; this URL needs more, plus the white margin.
  expect(size).toBeGreaterThan(21);
  const { pixels, side } = render(workbook, top, left, size);
  const decoded = jsQR(pixels, side, side);
  expect(decoded?.data).toBe(URL);
  // The URL is on the tab as text too, and the alert says where the block is and how to print it.
  expect(workbook.values(TAB.settings).flat()).toContain(URL);
  expect(message).toContain('Settings');
  expect(message).toContain('File > Print > Selected cells');
  // Square cells: the block's columns are as wide as its rows are high, and no row of the tab (the
  // Settings and pick-lists beside the code) was made shorter to get there.
  const state = workbook.requireSheet(TAB.settings);
  const widths = new Set(Array.from({ length: size }, (_, i) => state.widths.get(left + 1 + i)));
  const heights = new Set(Array.from({ length: size }, (_, i) => state.heights.get(top + 1 + i) ?? 21));
  expect(widths.size).toBe(1);
  expect([...widths]).toEqual([...heights]);
  expect(state.heights.size).toBe(0);
});

test('the Settings the add-on reads are the same before and after, and after set-up runs again', () => {
  const { emu, workbook } = school({ emulator: { webAppUrl: URL } });
  const before = parseSettings(workbook.values(TAB.settings), TIME_ZONE);
  showQr(emu);
  const drawn = backgrounds(workbook);
  expect(parseSettings(workbook.values(TAB.settings), TIME_ZONE)).toEqual(before);
  // Set up again leaves the block as it was, and showing the code again redraws it in place.
  const setup = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(setup.error).toBeUndefined();
  expect(backgrounds(workbook)).toEqual(drawn);
  expect(parseSettings(workbook.values(TAB.settings), TIME_ZONE)).toEqual(before);
  showQr(emu);
  expect(backgrounds(workbook)).toEqual(drawn);
  expect(workbook.values(TAB.settings)[0]?.filter((h) => h === 'Phone page')).toHaveLength(1);
});

test('not deployed as a web app: a sentence saying how to deploy it, and no cell changes', () => {
  const { emu, workbook } = school();
  const before = workbook.snapshot();
  const { run, message } = showQr(emu);
  expect(message).toContain('Deploy > New deployment');
  expect(message).toContain('Web app');
  expect(message).toContain('Nothing was changed');
  expect(run.calls['Range.setBackgrounds']).toBeUndefined();
  expect(workbook.snapshot()).toEqual(before);
});
