/**
 * The demo school workbook, saved as the preview saves it, recalculated by LibreOffice Calc 7.4
 * (Debian's libreoffice-calc-nogui, installed by `npm run setup`): every formula cell must come out
 * as the emulator computed it. The file LibreOffice gets has no cached result in any formula cell,
 * and LibreOffice is told to recalculate every formula on load, so each value it reports is its own.
 * Cells whose formula uses a kept Sheets-only function (KEPT_FUNCTIONS, in the README) hold the value
 * saved with them, as in a file Google Sheets exports; they are counted apart. A tab of COUNTUNIQUEIFS
 * (which the engine lacks) is checked against counts made here. One conversion.
 * Reading the file back gives the Sheets formulas again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { colLetters } from '../../emulator/spreadsheet/a1';
import { dateToSerial, Workbook } from '../../emulator/spreadsheet/workbook';
import { KEPT_FUNCTIONS } from '../../emulator/spreadsheet/xlsx-dialect';
import { createDemoWorkbook } from '../../preview/demo';

const SOFFICE = 'soffice';
/** Calc > Formula > Recalculation on file load: Always, for Excel 2007+ files. */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`;

/** The file with every formula's cached result removed, so a value read afterwards was computed. */
async function withoutCachedResults(file: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) continue;
    zip.file(
      name,
      xml.replace(
        /<c ([^>]*)>(<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)<v>[^<]*<\/v><\/c>/g,
        (_, attrs: string, f: string) => `<c ${attrs.replace(/\s*t="[^"]*"/, '')}>${f}</c>`,
      ),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

function recalculate(dir: string, input: string): string {
  const profile = join(dir, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
  const out = join(dir, 'out');
  try {
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'xlsx',
        '--outdir',
        out,
        input,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
  } catch (error) {
    throw new Error(`LibreOffice (${SOFFICE}) could not convert the workbook; run npm run setup. ${error}`);
  }
  return join(out, 'demo-school.xlsx');
}

/** A value as a comparable number, text, boolean or error ('' for blank; dates as serials). */
function comparable(value: unknown, timeZone: string): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Math.round(dateToSerial(value, timeZone) * 1e9) / 1e9;
  if (typeof value === 'number') return Math.round(value * 1e9) / 1e9;
  return value;
}

const xmlText = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? e,
  );

/**
 * The values LibreOffice saved, by tab and A1 address, read from the file's XML: ExcelJS loses a
 * formula's cached 0, and would turn date serials into Dates.
 */
async function savedValues(file: Buffer): Promise<Map<string, Map<string, unknown>>> {
  const zip = await JSZip.loadAsync(file);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const shared = [...(await read('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    xmlText([...(m[1] ?? '').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const rels = new Map(
    [
      ...(await read('xl/_rels/workbook.xml.rels')).matchAll(
        /Id="([^"]+)"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="([^"]+)"/g,
      ),
    ].map((m) => [m[1] ?? m[4], (m[2] ?? m[3] ?? '').replace(/^\/?(xl\/)?/, 'xl/')]),
  );
  const out = new Map<string, Map<string, unknown>>();
  for (const m of (await read('xl/workbook.xml')).matchAll(
    /<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g,
  )) {
    const cells = new Map<string, unknown>();
    for (const c of (await read(rels.get(m[2] as string) ?? '')).matchAll(
      /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g,
    )) {
      const type = /t="([^"]+)"/.exec(c[2] ?? '')?.[1] ?? 'n';
      const raw = /<v>([^<]*)<\/v>/.exec(c[3] ?? '')?.[1];
      if (raw === undefined) continue;
      const text = xmlText(raw);
      const value =
        type === 's'
          ? shared[Number(text)]
          : type === 'b'
            ? text === '1'
            : type === 'str' || type === 'e'
              ? text
              : Number(text);
      cells.set(c[1] as string, comparable(value, 'UTC'));
    }
    out.set(xmlText(m[1] as string), cells);
  }
  return out;
}

let workbook: Workbook;
beforeAll(() => {
  workbook = createDemoWorkbook('dist').workbook;
}, 180_000);

test('the saved demo workbook reads back with the same formulas and values on every tab', async () => {
  const again = await Workbook.fromXlsx(await workbook.toXlsx());
  expect(again.sheetNames()).toEqual(workbook.sheetNames());
  // Dates within a second: the engine keeps a date serial to about 11 digits, so a timestamp's
  // milliseconds move by up to half a second each time the number is read (so on main too).
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? Math.abs(a.getTime() - b.getTime()) < 1000 : a === b;
  const changed: string[] = [];
  for (const name of workbook.sheetNames()) {
    expect(again.formulas(name)).toEqual(workbook.formulas(name));
    const before = workbook.values(name);
    const after = again.values(name);
    expect(after.length).toBe(before.length);
    before.forEach((row, r) => {
      row.forEach((v, c) => {
        if (!same(v, after[r]?.[c])) changed.push(`${name}!R${r + 1}C${c + 1}: ${v} became ${after[r]?.[c]}`);
      });
    });
  }
  expect(changed).toEqual([]);
}, 360_000);

const DISTINCT = 'Distinct reached';

/**
 * A tab of COUNTUNIQUEIFS, one per teacher (the shape the goal formulas are moving to), and the
 * counts Sheets gives (support.google.com/docs/answer/9584429): the different non-blank Student IDs
 * of the teacher's Reached calls, teacher emails matching in any case as COUNTIFS criteria do.
 */
function distinctReachedTab(book: Workbook): number[] {
  const [head = [], ...calls] = book.values('Call Log');
  const col = (header: string) => head.indexOf(header);
  const ref = (header: string) =>
    `'Call Log'!$${colLetters(col(header) + 1)}:$${colLetters(col(header) + 1)}`;
  const emails = book
    .values('Teachers')
    .slice(1)
    .map((row) => String(row[1] ?? ''))
    .filter(Boolean);
  book.setSheet(
    DISTINCT,
    emails.map((email, i) => [
      email,
      `=COUNTUNIQUEIFS(${ref('Student ID')},${ref('Teacher Email')},A${i + 1},${ref('Outcome')},"Reached")`,
    ]),
  );
  return emails.map(
    (email) =>
      new Set(
        calls
          .filter(
            (r) =>
              String(r[col('Teacher Email')]).toLowerCase() === email.toLowerCase() &&
              String(r[col('Outcome')]).toLowerCase() === 'reached' &&
              r[col('Student ID')] !== '',
          )
          .map((r) => r[col('Student ID')]),
      ).size,
  );
}

test('LibreOffice recalculates every formula cell of the saved demo workbook to the emulator value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lo-recalc-'));
  try {
    const book = workbook.clone(workbook.name);
    const distinct = distinctReachedTab(book);
    const input = join(dir, 'demo-school.xlsx');
    writeFileSync(input, await withoutCachedResults(await book.toXlsx()));
    const saved = await savedValues(readFileSync(recalculate(dir, input)));
    expect(distinct.some((n) => n > 1)).toBe(true);
    expect(distinct.map((_, i) => saved.get(DISTINCT)?.get(`B${i + 1}`))).toEqual(distinct);

    const kept = new RegExp(`\\b(${KEPT_FUNCTIONS.join('|')})\\(`, 'i');
    const differences: string[] = [];
    let compared = 0;
    let keptCells = 0;
    for (const name of workbook.sheetNames()) {
      const state = workbook.requireSheet(name);
      const cells = saved.get(name);
      if (!cells) throw new Error(`LibreOffice's file has no ${name} tab`);
      const values = workbook.values(name);
      workbook.formulas(name).forEach((row, r) => {
        row.forEach((formula, c) => {
          if (!formula && !workbook.isSpilled(state, r, c)) return;
          if (kept.test(formula)) keptCells++;
          compared++;
          const expected = comparable(values[r]?.[c], workbook.timeZone);
          const actual = cells.get(`${colLetters(c + 1)}${r + 1}`) ?? '';
          if (expected !== actual) differences.push(`${name}!R${r + 1}C${c + 1}: ${expected} vs ${actual}`);
        });
      });
    }
    expect(differences.slice(0, 10)).toEqual([]);
    expect(differences).toHaveLength(0);
    // LibreOffice's own values (kept cells hold the value saved with them): every family row at least.
    expect(compared - keptCells).toBeGreaterThan(2000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 360_000);
