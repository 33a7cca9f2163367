/** The real dist/Code.js in the emulator: the menu and the sidebar a teacher sees. */
import { join } from 'node:path';
import { Emulator } from '../../emulator';
import { root } from '../../scripts/build';

const emu = new Emulator({ bundleDir: join(root, 'dist'), scriptName: 'Relationship Calls' });

describe('dist/Code.js in the emulator', () => {
  test('onOpen in AuthMode.NONE builds Extensions > Relationship Calls with "Log a call"', () => {
    const run = emu.runTrigger('onOpen', { authMode: 'NONE', user: 'ana@school.example' });
    expect(run.error).toBeUndefined();
    expect(run.ui.menus).toHaveLength(1);
    const [menu] = run.ui.menus;
    expect(menu?.path.join(' > ')).toBe('Extensions > Relationship Calls');
    expect(menu?.items).toContainEqual({ kind: 'item', caption: 'Log a call', functionName: 'showSidebar' });
    // AuthMode.NONE: building the menu must not touch the spreadsheet.
    expect(run.spreadsheetCalls).toBe(run.calls['SpreadsheetApp.getUi']);
  });

  test('onInstall builds the same menu', () => {
    const run = emu.runTrigger('onInstall', { authMode: 'FULL' });
    expect(run.error).toBeUndefined();
    expect(run.ui.menus.map((m) => m.path.join(' > '))).toEqual(['Extensions > Relationship Calls']);
  });

  test('showSidebar shows the sidebar titled "Relationship Calls" in the log view', () => {
    const run = emu.run('showSidebar', [], { user: 'ana@school.example' });
    expect(run.error).toBeUndefined();
    expect(run.ui.sidebars).toHaveLength(1);
    expect(run.ui.sidebars[0]?.title).toBe('Relationship Calls');
    expect(run.ui.sidebars[0]?.html).toContain('data-view="log"');
  });

  test('two teachers open the sidebar at the same time (concurrent executions in workers)', async () => {
    const runs = await emu.runConcurrently([
      { fn: 'showSidebar', user: 'ana@school.example' },
      { fn: 'showSidebar', user: 'ben@school.example' },
    ]);
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(runs.map((r) => r.ui.sidebars[0]?.title)).toEqual(['Relationship Calls', 'Relationship Calls']);
  });
});
