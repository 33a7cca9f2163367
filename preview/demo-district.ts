/**
 * The preview's demo district: three invented schools, each built as the demo school is (the
 * add-on's own Set up this school, generated rows, its Summary), and a district workbook set up and
 * rolled up by the add-on's own Set up as a district workbook and Rebuild district roll-up.
 * `npx tsx preview/demo-district.ts [folder]` saves the district workbook as demo-district.xlsx
 * (default folder .local) to open in Sheets or LibreOffice; `PREVIEW_DEMO=district npm start` shows it
 * in the browser preview (preview/host.ts).
 */
import { join } from 'node:path';
import { Emulator, Workbook } from '../emulator';
import { DISTRICT_TAB } from '../src/common/schema';
import { ADDON_NAME, bundleTimeZone, createDemoWorkbook } from './demo';

export const DEMO_DISTRICT_SCHOOLS = [
  { name: 'Lantern Hill Elementary (demo)', seed: 2026 },
  { name: 'Millbrook Middle (demo)', seed: 4711 },
  { name: 'Saltmarsh K-8 (demo)', seed: 90210 },
] as const;
export const DISTRICT_LEAD = 'district.lead@district.example';

export interface DemoDistrict {
  district: Workbook;
  schools: Workbook[];
  emulator: Emulator;
}

export function createDemoDistrict(bundleDir: string, now = new Date()): DemoDistrict {
  const schools = DEMO_DISTRICT_SCHOOLS.map((s) => createDemoWorkbook(bundleDir, now, s).workbook);
  const district = new Workbook({
    name: 'Demo District - Relationship Calls roll-up',
    timeZone: bundleTimeZone(bundleDir),
  });
  district.setSheet('Sheet1', []);
  const emulator = new Emulator({
    bundleDir,
    workbook: district,
    workbooks: schools,
    scriptName: ADDON_NAME,
    user: DISTRICT_LEAD,
  });
  const setup = emulator.run('setUpDistrict', [], { answers: [{ button: 'OK' }] });
  if (setup.error) throw new Error(`Set up as a district workbook failed: ${setup.error.message}`);
  district.appendRows(
    DISTRICT_TAB.schools,
    schools.map((wb, i) => [DEMO_DISTRICT_SCHOOLS[i]?.name ?? '', wb.url, '']),
  );
  const rollUp = emulator.run('rebuildDistrictRollUp', [], { answers: [{ button: 'OK' }] });
  if (rollUp.error) throw new Error(`The demo district could not be rolled up: ${rollUp.error.message}`);
  return { district, schools, emulator };
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const folder = process.argv[2] ?? join(root, '.local');
  const { district } = createDemoDistrict(join(root, 'dist'));
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'demo-district.xlsx');
  await writeFile(file, await district.toXlsx());
  console.log(`Demo district (3 schools) saved to ${file}`);
}

if (require.main === module) void main();
