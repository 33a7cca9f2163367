/**
 * doGet, the phone page, run from dist/Code.js in the emulator as a web app's GET: what Google
 * serves (title, meta tags, framing) and that the page carries no data of its own; the teacher's
 * families arrive only through getSidebarContext, under the signed-in account.
 *
 * Google's pages pinned here: the event object of doGet
 * (developers.google.com/apps-script/guides/web#request_parameters), HtmlOutput.addMetaTag and
 * setTitle (developers.google.com/apps-script/reference/html/html-output), XFrameOptionsMode
 * (developers.google.com/apps-script/reference/html/x-frame-options-mode).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, runDoGet, Workbook, webAppShell } from '../../emulator';
import { TAB } from '../../src/common/schema';
import { ANA, BEN, DIST, FAMILY, PRINCIPAL, school } from './school-fixture';

function withSchoolName(name: string) {
  const made = school();
  const settings = made.workbook.values(TAB.settings);
  const state = made.workbook.sheet(TAB.settings);
  const row = settings.findIndex((r) => r[0] === 'School name');
  if (state) made.workbook.write(state, row, 1, [[name]]);
  return made;
}

test("doGet serves the phone page titled with the school's name, with a viewport meta tag, never framed by other sites", () => {
  const { emu } = withSchoolName('Maple Grove Elementary');
  const served = runDoGet(emu, { user: ANA, queryString: 'from=qr' });
  expect(served.error).toBeUndefined();
  expect(served.page?.title).toBe('Log a call · Maple Grove Elementary');
  expect(served.page?.metaTags).toEqual([
    { name: 'viewport', content: 'width=device-width, initial-scale=1' },
  ]);
  expect(served.page?.xFrameOptionsMode).toBe('DEFAULT');
  // The same client as the sidebar, under the phone shell.
  const content = served.page?.content ?? '';
  expect(content).toContain('data-shell="phone"');
  expect(content).toContain('data-view="log"');
  expect(served.run.calls['HtmlService.createHtmlOutputFromFile']).toBe(1);
});

test('the page holds no data: no family, teacher or email is in its HTML, whoever opens it', () => {
  const { emu, workbook } = withSchoolName('Maple Grove Elementary');
  const people = [
    ...workbook
      .values('Families')
      .slice(1)
      .flatMap((r) => [r[0], r[1], r[3]]),
    ...workbook
      .values('Teachers')
      .slice(1)
      .flatMap((r) => [r[0], r[1]]),
  ]
    .map(String)
    .filter((text) => text.length > 2);
  expect(people).toEqual(expect.arrayContaining([FAMILY.leo.name, ANA, 'Ben Okafor']));
  for (const user of [ANA, BEN, PRINCIPAL, '']) {
    const content = runDoGet(emu, { user }).page?.content ?? '';
    expect(content.length).toBeGreaterThan(1000);
    for (const text of people) expect(content).not.toContain(text);
    expect(content).toBe(readFileSync(join(DIST, 'Phone.html'), 'utf8'));
  }
});

test("a blank email gets the page, then the sidebar's sentence from getSidebarContext, and nothing is read for it", () => {
  const { emu } = withSchoolName('Maple Grove Elementary');
  expect(runDoGet(emu, { user: '' }).error).toBeUndefined();
  const context = emu.run('getSidebarContext', [], { user: '' });
  expect(context.error?.message).toMatch(/cannot tell which Google account you are signed in with/);
  expect(context.spreadsheetCalls).toBe(0);
});

test("a school name typed as markup is a title, not markup: the emulator's outer page escapes it", () => {
  const { emu } = withSchoolName('</title><script>alert(1)</script>');
  const served = runDoGet(emu, { user: ANA });
  expect(served.page?.title).toBe('Log a call · </title><script>alert(1)</script>');
  const shell = webAppShell(served.page as NonNullable<typeof served.page>, '/frame');
  expect(shell).not.toContain('<script>alert(1)');
  expect(shell).toContain('&lt;/title&gt;&lt;script&gt;');
});

test('a workbook not set up yet still gets the page (getSidebarContext then says what to fix); a project with no spreadsheet gets a sentence', () => {
  const bare = new Workbook({ name: 'Untitled spreadsheet' });
  bare.setSheet('Sheet1', []);
  const notSetUp = runDoGet(new Emulator({ bundleDir: DIST, workbook: bare }), { user: ANA });
  expect(notSetUp.page?.title).toBe('Log a call');
  expect(notSetUp.page?.content).toContain('data-shell="phone"');

  // The Marketplace add-on's own project: a web app of it has no container spreadsheet.
  const standalone = runDoGet(new Emulator({ bundleDir: DIST, workbook: null }), { user: ANA });
  expect(standalone.error).toBeUndefined();
  expect(standalone.page?.content).toMatch(/has no school workbook to write to/);
  expect(standalone.page?.content).not.toContain('<script');
});

test("doGet's event object: parameter holds each name's first value, parameters every value", () => {
  const emu = new Emulator({
    code: 'function doGet(e) { return HtmlService.createHtmlOutput(JSON.stringify(e)); }',
    workbook: null,
  });
  const served = runDoGet(emu, { queryString: 'name=alice&n=1&n=2', pathInfo: 'hello' });
  expect(JSON.parse(served.page?.content ?? '{}')).toEqual({
    queryString: 'name=alice&n=1&n=2',
    parameter: { name: 'alice', n: '1' },
    parameters: { name: ['alice'], n: ['1', '2'] },
    pathInfo: 'hello',
    contextPath: '',
    contentLength: -1,
  });
  const none = runDoGet(new Emulator({ code: 'function doGet() {}', workbook: null }));
  expect(none.error?.message).toBe('The script completed but did not return anything.');
});

test("the school manifest deploys the web app as the teacher opening it, for the school's domain only, with no new scope; the district's has no web app", () => {
  // developers.google.com/apps-script/manifest/web-app-api-executable: USER_ACCESSING, DOMAIN.
  const school = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
  expect(school.webapp).toEqual({ executeAs: 'USER_ACCESSING', access: 'DOMAIN' });
  expect(school.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
  expect(school.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  const district = JSON.parse(readFileSync(join(DIST, '..', 'dist-district', 'appsscript.json'), 'utf8'));
  expect(district.webapp).toBeUndefined();
});
