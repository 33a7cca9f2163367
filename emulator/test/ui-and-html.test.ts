/** Ui (menus, sidebars, dialogs, scripted alerts/prompts), HtmlService templates and Session. */
import { Emulator } from '../index';

const UI_BUNDLE = `
function buildMenus() {
  var ui = SpreadsheetApp.getUi();
  ui.createAddonMenu().addItem('Log a call', 'showSidebar').addSeparator()
    .addSubMenu(ui.createMenu('Setup').addItem('Set up this school', 'setUp')).addToUi();
  ui.createMenu('Tools').addItem('Rebuild summary', 'rebuild').addToUi();
}
function confirmReset() {
  var ui = SpreadsheetApp.getUi();
  var answer = ui.alert('Reset', 'Delete the summary?', ui.ButtonSet.YES_NO);
  if (answer !== ui.Button.YES) return 'kept';
  var name = ui.prompt('Name the backup', ui.ButtonSet.OK_CANCEL);
  return name.getSelectedButton() === ui.Button.OK ? 'backup ' + name.getResponseText() : 'no backup';
}
function dialogs() {
  var ui = SpreadsheetApp.getUi();
  ui.showModalDialog(HtmlService.createHtmlOutput('<p>Import</p>').setWidth(640).setHeight(560), 'Import roster');
  ui.showModelessDialog(HtmlService.createHtmlOutput('<p>Help</p>'), 'Help');
}
function badSidebar() { SpreadsheetApp.getUi().showSidebar('<p>not an HtmlOutput</p>'); }
`;

describe('Ui', () => {
  const emu = new Emulator({ code: UI_BUNDLE, scriptName: 'Relationship Calls' });

  test('menus are recorded where Sheets shows them, with items, separators and sub-menus', () => {
    const run = emu.run('buildMenus');
    expect(run.error).toBeUndefined();
    expect(run.ui.menus).toEqual([
      {
        path: ['Extensions', 'Relationship Calls'],
        addon: true,
        items: [
          { kind: 'item', caption: 'Log a call', functionName: 'showSidebar' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            caption: 'Setup',
            items: [{ kind: 'item', caption: 'Set up this school', functionName: 'setUp' }],
          },
        ],
      },
      {
        path: ['Tools'],
        addon: false,
        items: [{ kind: 'item', caption: 'Rebuild summary', functionName: 'rebuild' }],
      },
    ]);
  });

  test('alert and prompt are answered by the scripted answers, in order, and recorded', () => {
    const run = emu.run('confirmReset', [], { answers: [{ button: 'YES' }, { button: 'OK', text: 'fall' }] });
    expect(run.result).toBe('backup fall');
    expect(run.ui.alerts).toEqual([
      { kind: 'alert', title: 'Reset', prompt: 'Delete the summary?', buttons: 'YES_NO', button: 'YES' },
      {
        kind: 'prompt',
        title: '',
        prompt: 'Name the backup',
        buttons: 'OK_CANCEL',
        button: 'OK',
        text: 'fall',
      },
    ]);
    expect(emu.run('confirmReset', [], { answers: [{ button: 'NO' }] }).result).toBe('kept');
    expect(emu.run('confirmReset', [], { answers: [{ button: 'CLOSE' }] }).result).toBe('kept');
  });

  test('a dialog with no scripted answer, or an answer it does not offer, fails the run clearly', () => {
    expect(emu.run('confirmReset').error?.message).toMatch(
      /scripted no answer.*answers: \[\{ button: 'YES' \}\]/,
    );
    expect(emu.run('confirmReset', [], { answers: [{ button: 'OK' }] }).error?.message).toMatch(
      /presses OK, but alert "Delete the summary\?" shows only YES, NO/,
    );
  });

  test('dialogs record their title, size, modality and content', () => {
    const run = emu.run('dialogs');
    expect(run.ui.dialogs).toEqual([
      { title: 'Import roster', html: '<p>Import</p>', width: 640, height: 560, modal: true },
      { title: 'Help', html: '<p>Help</p>', width: undefined, height: undefined, modal: false },
    ]);
  });

  test('showSidebar refuses anything but an HtmlOutput', () => {
    expect(emu.run('badSidebar').error?.message).toBe(
      "The parameters (String) don't match the method signature for Ui.showSidebar.",
    );
  });
});

const PAGE = `<!doctype html>
<title><?= title ?></title>
<body data-user="<?= name ?>" onclick="greet(<?= name ?>)">
<p>Hello <?= name ?>, <?!= banner ?></p>
<ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>
<p><?= footer() ?></p>
<script>var data = <?= items ?>; var who = <?= name ?>;</script>
</body>`;

describe('HtmlService', () => {
  const emu = new Emulator({
    code: `
      function footer() { return 'Made by ' + Session.getScriptTimeZone(); }
      function render(name) {
        var t = HtmlService.createTemplateFromFile('Page');
        t.title = 'Calls & goals'; t.name = name; t.banner = '<b>new</b>'; t.items = ['a<b', "it's"];
        return t.evaluate().getContent();
      }
      function fromFile() { return HtmlService.createHtmlOutputFromFile('Page.html').getContent(); }
      function output() {
        var o = HtmlService.createHtmlOutput('<p>').append('x').appendUntrusted('<i>').setTitle('T').setWidth(300).setHeight(200)
          .setSandboxMode(HtmlService.SandboxMode.IFRAME).setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
          .addMetaTag('viewport', 'width=device-width');
        return [o.getContent(), o.getTitle(), o.getWidth(), o.getHeight(), o.getMetaTags()[0].getName(), String(o.getXFrameOptionsMode())];
      }
      function badMeta() { HtmlService.createHtmlOutput('').addMetaTag('refresh', '1'); }
      function unclosed() { return HtmlService.createTemplate('<p><?= 1 </p>').evaluate(); }
    `,
    html: { Page: PAGE },
    timeZone: 'America/Chicago',
  });

  test('<?= ?> escapes by context (text, attribute, script), <?!= ?> prints raw, <? ?> runs code', () => {
    const html = emu.call<string>('render', ['<script>alert("x")</script>']);
    expect(html).toContain('<title>Calls &amp; goals</title>');
    expect(html).toContain('data-user="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');
    expect(html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, <b>new</b>');
    expect(html).toContain('<li>a&lt;b</li><li>it&#39;s</li>');
    // In an event attribute the value is a JavaScript string literal, then attribute-escaped.
    expect(html).toContain(
      'onclick="greet(&quot;\\u003cscript\\u003ealert(\\&quot;x\\&quot;)\\u003c/script\\u003e&quot;)"',
    );
    // In a script element it is a JavaScript literal that cannot close the element.
    expect(html).toContain(
      'var data = ["a\\u003cb","it\\u0027s"]; var who = "\\u003cscript\\u003ealert(\\"x\\")\\u003c/script\\u003e";',
    );
    expect(html).not.toContain('<script>alert');
  });

  test("scriptlets call the script's own functions and services", () => {
    expect(emu.call<string>('render', ['Ana'])).toContain('<p>Made by America/Chicago</p>');
  });

  test('createHtmlOutputFromFile serves the file as is, with or without .html', () => {
    expect(emu.call('fromFile')).toBe(PAGE);
  });

  test('HtmlOutput keeps content, title, size and meta tags; appendUntrusted escapes', () => {
    expect(emu.call('output')).toEqual(['<p>x&lt;i&gt;', 'T', 300, 200, 'viewport', 'ALLOWALL']);
    expect(emu.run('badMeta').error?.message).toMatch(/Meta tag "refresh" is not supported/);
  });

  test('a template with an unclosed scriptlet is a clear error', () => {
    expect(emu.run('unclosed').error?.message).toMatch(/never closed with "\?>"/);
  });
});

describe('Session', () => {
  const emu = new Emulator({
    code: `function who() {
      return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone(),
              Session.getTemporaryActiveUserKey()];
    }`,
    timeZone: 'America/New_York',
  });

  test('the active user is the run user; a blank email is supported', () => {
    const [active, effective, zone, key] = emu.call<string[]>('who', [], { user: 'ana@school.example' });
    expect([active, effective, zone]).toEqual([
      'ana@school.example',
      'ana@school.example',
      'America/New_York',
    ]);
    expect(key).not.toContain('ana');
    expect(emu.call<string[]>('who', [], { user: '' })[0]).toBe('');
    expect(emu.call<string[]>('who', [], { user: 'ana@school.example' })[3]).toBe(key);
  });

  test('the effective user can differ (an installable trigger runs as its owner)', () => {
    const [active, effective] = emu.call<string[]>('who', [], {
      user: '',
      effectiveUser: 'owner@school.example',
    });
    expect([active, effective]).toEqual(['', 'owner@school.example']);
  });
});
