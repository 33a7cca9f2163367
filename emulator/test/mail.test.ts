/**
 * MailApp as the emulator keeps it: mail recorded on emu.mail (never sent), the daily quota counted
 * in recipients (to, cc and bcc each count) as getRemainingDailyQuota() reports it
 * (developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()), the sender
 * being the user the script runs as, and the refusals a script must expect.
 */
import { Emulator } from '../index';

const MAIL_BUNDLE = `
function quota() { return MailApp.getRemainingDailyQuota(); }
function plain() { MailApp.sendEmail('ana@school.example', 'Hello', 'Body text'); }
function withOptions() {
  MailApp.sendEmail('ana@school.example, ben@school.example', 'Hi', 'Text', { cc: 'cy@school.example', name: 'Relationship Calls' });
}
function asObject() { MailApp.sendEmail({ to: 'dee@school.example', subject: 'Obj', body: 'B', bcc: 'eve@school.example' }); }
function replyTo() { MailApp.sendEmail('ana@school.example', 'office@school.example', 'Subject', 'Body'); }
function bad() { MailApp.sendEmail('not an address', 'S', 'B'); }
`;

const emulator = () => new Emulator({ code: { 'Code.js': MAIL_BUNDLE }, user: 'principal@school.example' });

describe('MailApp', () => {
  test('mail is recorded with its sender, recipients, subject, body and options', () => {
    const emu = emulator();
    expect(emu.run('plain').error).toBeUndefined();
    expect(emu.run('withOptions').error).toBeUndefined();
    expect(emu.run('asObject').error).toBeUndefined();
    expect(emu.run('replyTo').error).toBeUndefined();
    expect(emu.mail).toEqual([
      expect.objectContaining({
        from: 'principal@school.example',
        to: ['ana@school.example'],
        subject: 'Hello',
        body: 'Body text',
      }),
      expect.objectContaining({
        to: ['ana@school.example', 'ben@school.example'],
        cc: ['cy@school.example'],
        name: 'Relationship Calls',
      }),
      expect.objectContaining({ to: ['dee@school.example'], bcc: ['eve@school.example'], subject: 'Obj' }),
      expect.objectContaining({ replyTo: 'office@school.example', subject: 'Subject', body: 'Body' }),
    ]);
  });

  test('the quota counts recipients; past it, sendEmail fails as Apps Script does and nothing is recorded', () => {
    const emu = emulator();
    emu.setMailQuota(4);
    expect(emu.run('quota').result).toBe(4);
    emu.run('withOptions'); // three recipients
    expect(emu.run('quota').result).toBe(1);
    const over = emu.run('withOptions');
    expect(over.error?.message).toBe('Service invoked too many times for one day: email.');
    expect(emu.mail).toHaveLength(1);
    expect(emu.run('plain').error).toBeUndefined();
    expect(emu.run('quota').result).toBe(0);
  });

  test('a bad address is refused; a simple trigger (AuthMode.LIMITED) may not send mail', () => {
    const emu = emulator();
    expect(emu.run('bad').error?.message).toBe('Invalid email: not an address');
    expect(emu.run('plain', [], { authMode: 'LIMITED' }).error?.message).toMatch(
      /permission to call MailApp.sendEmail/,
    );
    expect(emu.mail).toEqual([]);
  });
});
