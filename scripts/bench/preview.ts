/**
 * The local preview (`npm start`) on its demo school (25 teachers, 400 families, a month of calls):
 * making the demo workbook on first run, saving it to .xlsx and opening the file again, and one
 * logged call as the page's google.script.run bridge sends it: an HTTP round trip to the preview
 * server, which runs logCall in the emulator (the file is saved a moment later, off this path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from '../../emulator';
import { createDemoWorkbook } from '../../preview/demo';
import { type RunningPreview, startPreview } from '../../preview/server';
import { root } from '../build';
import { benchCase } from './case';

const DIST = join(root, 'dist');
const SIZE = 'demo school: 25 teachers x 400 families x ~320 calls';

interface Server {
  preview: RunningPreview;
  dataDir: string;
  studentIds: string[];
  callDate: string;
  n: number;
}

async function server(saveDelayMs?: number): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-preview-'));
  const preview = await startPreview({ port: 0, dataDir, bundleDir: DIST, saveDelayMs });
  const [head = [], ...families] = preview.host.workbook.values('Families');
  const id = head.indexOf('Student ID');
  const email = head.indexOf('Homeroom Teacher Email');
  const studentIds = families.filter((f) => f[email] === preview.host.user.email).map((f) => String(f[id]));
  const callDate = new Intl.DateTimeFormat('en-CA', { timeZone: preview.host.workbook.timeZone }).format(
    new Date(),
  );
  return { preview, dataDir, studentIds, callDate, n: 0 };
}

export const previewCases = [
  benchCase({
    name: 'preview: create the demo school workbook (setUpSchool, rows, Summary)',
    size: SIZE,
    runs: 3,
    setup: () => undefined,
    measure: () => {
      createDemoWorkbook(DIST);
      return undefined;
    },
  }),
  benchCase({
    name: 'preview: save the demo workbook as .xlsx',
    size: SIZE,
    runs: 5,
    setup: () => createDemoWorkbook(DIST).workbook,
    measure: async (workbook) => {
      await workbook.toXlsx();
      return undefined;
    },
  }),
  benchCase({
    name: 'preview: open the demo workbook file',
    size: SIZE,
    runs: 5,
    setup: async () => createDemoWorkbook(DIST).workbook.toXlsx(),
    measure: async (file) => {
      await Workbook.fromXlsx(file);
      return undefined;
    },
  }),
  benchCase({
    name: 'preview: logCall over HTTP, as the sidebar sends it (round trip; the save comes later)',
    size: SIZE,
    runs: 7,
    // Saves held back until the end, so no save of one call overlaps the next round trip.
    setup: () => server(3_600_000),
    measure: async (s) => {
      await logCall(s);
      return undefined;
    },
    teardown: stop,
  }),
  benchCase({
    name: 'preview: logCall over HTTP until the workbook file is saved',
    size: SIZE,
    runs: 5,
    setup: () => server(),
    measure: async (s) => {
      await logCall(s);
      await s.preview.host.saved();
      return undefined;
    },
    teardown: stop,
  }),
];

async function stop(s: Server): Promise<void> {
  await s.preview.stop();
  rmSync(s.dataDir, { recursive: true, force: true });
}

async function logCall(s: Server): Promise<void> {
  s.n++;
  const input = {
    submissionId: `0b7e6a52-8d4f-4c3e-9a51-${String(s.n).padStart(12, '0')}`,
    studentId: s.studentIds[s.n % s.studentIds.length] ?? '',
    callDate: s.callDate,
    personReached: '',
    relationship: '',
    method: 'Phone',
    outcome: 'No answer',
    language: '',
    interpreterUsed: false,
    strengths: '',
    hopes: '',
    learned: '',
    followUp: '',
    followUpBy: '',
    saveToFamily: false,
  };
  const response = await fetch(new URL('/api/run', s.preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fn: 'logCall', args: [input] }),
  });
  const outcome = (await response.json()) as { ok: boolean; message?: string };
  if (!outcome.ok) throw new Error(`logCall failed in the preview: ${outcome.message}`);
}
