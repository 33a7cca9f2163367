/**
 * The preview's demo district (PREVIEW_DEMO=district npm start): the host serves a district workbook
 * that the add-on set up and rolled up over three demo schools the emulator holds, signed in as the
 * district lead, and a Rebuild district roll-up from the menu reads all three again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_DISTRICT_SCHOOLS } from '../../preview/demo-district';
import { AddonHost } from '../../preview/host';
import { DISTRICT_TAB } from '../../src/common/schema';
import { READ } from '../../src/core/district-layout';

jest.setTimeout(120_000);

const DIST = join(__dirname, '..', '..', 'dist');
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'district-preview-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('the demo district shows one rolled-up row per demo school, and rolls up again from the menu', async () => {
  const host = await AddonHost.open({ bundleDir: DIST, dataDir, district: true });
  expect(host.file.endsWith('demo-district.xlsx')).toBe(true);
  const names = () => host.workbook.values(DISTRICT_TAB.district).flat().map(String);
  for (const school of DEMO_DISTRICT_SCHOOLS) expect(names()).toContain(school.name);
  expect(host.menus().some((m) => JSON.stringify(m).includes('Rebuild district roll-up'))).toBe(true);
  const run = host.run('rebuildDistrictRollUp', []);
  expect(run.message).toBeUndefined();
  expect(run.ok).toBe(true);
  for (const school of DEMO_DISTRICT_SCHOOLS) expect(names()).toContain(school.name);
  // Each school's row says Read (not a reason it could not be opened).
  const rows = host.workbook.values(DISTRICT_TAB.district);
  for (const school of DEMO_DISTRICT_SCHOOLS) {
    const row = rows.find((r) => r[0] === school.name) ?? [];
    expect(row).toContain(READ);
  }
  await host.saved();
});
